/**
 * Detects which supported format a path holds, from its name, its first bytes or its folder listing.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { InspectFormat } from './inspect-summary.ts';

/** A detected input: its format and, for folders, the files that make it up. */
export interface DetectedInput {
  format: InspectFormat;
  /** For folder formats: the member files, in the folder's natural order. */
  files?: string[];
}

const OPENPOSE_FRAME = /_(\d+)_keypoints\.json$/;
const SUPPORTED =
  '.pose files, .skels files, OpenPose per-frame JSON folders (*_<frame>_keypoints.json), ' +
  'DWPose per-frame JSON folders, and pose lexicons (a folder with index.csv)';

/**
 * Detects the format of a file or folder.
 *
 * @example
 * ```ts
 * const { format } = await detectFormat('clip.pose'); // 'pose'
 * ```
 */
export async function detectFormat(path: string): Promise<DetectedInput> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `No such file or folder: ${path}`);
  }
  if (info.isDirectory()) return detectFolder(path);
  const ext = extname(path).toLowerCase();
  if (ext === '.pose') return { format: 'pose' };
  if (ext === '.skels') return { format: 'skels' };
  if (ext === '.json')
    return { format: (await looksLikeDwpose(path)) ? 'dwpose-json' : 'openpose-json', files: [path] };
  if (ext === '.csv') return { format: 'pose-lexicon' };
  // Unknown extension: sniff the first bytes.
  const head = await readHead(path, 8);
  if (head.length >= 4) {
    const version = new DataView(head.buffer, head.byteOffset, head.byteLength).getFloat32(0, true);
    if ([0, 0.1, 0.2].includes(Math.round(version * 1000) / 1000) && head.length >= 8)
      return { format: 'pose' };
  }
  throw new SignLLMError(
    ERROR_CODES.badFormat,
    `Cannot tell the format of ${path}; supported inputs are ${SUPPORTED}`,
  );
}

async function detectFolder(path: string): Promise<DetectedInput> {
  const names = (await readdir(path)).sort();
  if (names.includes('index.csv')) return { format: 'pose-lexicon' };
  const openpose = names.filter((n) => OPENPOSE_FRAME.test(n));
  if (openpose.length > 0) return { format: 'openpose-json', files: openpose.map((n) => join(path, n)) };
  const jsonDir = names.includes('json') ? join(path, 'json') : path;
  const jsonNames = (jsonDir === path ? names : (await readdir(jsonDir)).sort()).filter((n) =>
    n.endsWith('.json'),
  );
  if (jsonNames.length > 0 && (await looksLikeDwpose(join(jsonDir, jsonNames[0]!)))) {
    return { format: 'dwpose-json', files: jsonNames.map((n) => join(jsonDir, n)) };
  }
  throw new SignLLMError(
    ERROR_CODES.badFormat,
    `The folder ${path} holds no supported input; supported inputs are ${SUPPORTED}`,
  );
}

async function looksLikeDwpose(file: string): Promise<boolean> {
  const head = new TextDecoder().decode(await readHead(file, 4096));
  return /"person_0"|"num_persons"|"bodies"/.test(head);
}

async function readHead(file: string, n: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buf = new Uint8Array(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
