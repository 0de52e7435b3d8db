/**
 * `discoverInputs`: expands files and folders into `InputUnit`s, recursively, in sorted order.
 * A clip folder (OpenPose or DWPose per-frame JSON), a lexicon folder (`index.csv`) and a dataset
 * folder (`manifest.json`) are each one unit and are not descended into; other folders are walked.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { detectFormat } from '../inspect/detect-format.ts';
import type { InputKind, InputUnit, SkippedInput } from './input-unit.ts';

/** Options of `discoverInputs`. */
export interface DiscoverOptions {
  /** Called for every file or folder that is not an input, with the reason. */
  onSkip?: (skipped: SkippedInput) => void;
  /** Deepest folder level walked below a given path (default 32); deeper folders are skipped. */
  maxDepth?: number;
}

/** Video container extensions read through the video module. */
export const VIDEO_EXTENSIONS: readonly string[] = ['.mp4', '.webm', '.mov', '.mkv'];
const SIDE_EXTENSIONS = ['.text', '.gloss', '.files'];
const OPENPOSE_FRAME = /_\d+_keypoints\.json$/;

interface Walk {
  units: InputUnit[];
  keys: Map<string, number>;
  visited: Set<string>;
  skip: (path: string, reason: string) => void;
  maxDepth: number;
}

/** Code-point order, independent of the locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function errorCode(error: unknown): string {
  return (error as { code?: string } | null)?.code ?? String(error);
}

function addUnit(w: Walk, kind: InputKind, path: string, key: string): void {
  const seen = w.keys.get(key) ?? 0;
  w.keys.set(key, seen + 1);
  w.units.push({ kind, path, key: seen === 0 ? key : `${key}#${seen + 1}` });
}

/** The unit kind of a folder, or undefined when it is a plain folder to walk. */
async function folderKind(path: string, names: readonly string[]): Promise<InputKind | undefined> {
  if (names.includes('manifest.json')) return 'dataset';
  if (names.includes('index.csv')) return 'lexicon';
  const hasJson = names.includes('json') || names.some((n) => n.toLowerCase().endsWith('.json'));
  if (!hasJson) return undefined;
  if (names.some((n) => OPENPOSE_FRAME.test(n))) return 'openpose';
  try {
    const detected = await detectFormat(path);
    if (detected.format === 'dwpose-json') return 'dwpose';
    if (detected.format === 'openpose-json') return 'openpose';
  } catch {
    // A folder of JSON that is neither layout, or whose first file cannot be read: walk it as a
    // plain folder, where its files are reported as skipped.
  }
  return undefined;
}

function fileSkipReason(name: string, hasSkels: boolean): string {
  const ext = extname(name).toLowerCase();
  const stem = name.slice(0, name.length - ext.length);
  if (SIDE_EXTENSIONS.includes(ext)) {
    return hasSkels
      ? `side file of ${stem}.skels (pass the .skels; its side files are read with it)`
      : `line-aligned ${ext} file without a ${stem}.skels beside it (use ${stem}.files + ${stem}.text as a metadata mapping)`;
  }
  if (ext === '.json') return 'JSON file outside an OpenPose/DWPose frame folder';
  if (ext === '.csv' || ext === '.jsonl' || ext === '.ndjson') {
    return 'table that is not a lexicon index.csv (pass it as metadata if it is a mapping)';
  }
  return `unsupported file type${ext ? ` (${ext})` : ''}`;
}

/** `siblings`: the names in the same folder when walking, undefined for a path given directly. */
async function visitFile(w: Walk, path: string, key: string, siblings?: ReadonlySet<string>) {
  const name = basename(path);
  const ext = extname(name).toLowerCase();
  if (ext === '.pose') return addUnit(w, 'pose', path, key);
  if (ext === '.skels') return addUnit(w, 'skels', path, key);
  if (VIDEO_EXTENSIONS.includes(ext)) return addUnit(w, 'video', path, key);
  if (!siblings && (name === 'index.csv' || name === 'manifest.json')) {
    // Given directly: its folder is the unit (when walking, the folder was classified before).
    return addUnit(w, name === 'index.csv' ? 'lexicon' : 'dataset', dirname(path), key);
  }
  const skels = `${name.slice(0, name.length - ext.length)}.skels`;
  const hasSkels = siblings
    ? siblings.has(skels)
    : await stat(join(dirname(path), skels)).then(
        (s) => s.isFile(),
        () => false,
      );
  // Side files met while walking their folder are read with the .skels: not worth a message.
  if (siblings && hasSkels && SIDE_EXTENSIONS.includes(ext)) return;
  w.skip(path, fileSkipReason(name, hasSkels));
}

async function visit(
  w: Walk,
  path: string,
  key: string,
  depth: number,
  siblings?: ReadonlySet<string>,
): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  let real: string;
  try {
    info = await stat(path);
    real = await realpath(path);
  } catch (error) {
    return w.skip(path, `cannot be read (${errorCode(error)}; a broken link?)`);
  }
  if (w.visited.has(real)) return w.skip(path, 'already listed (a repeated path or a link to a listed one)');
  w.visited.add(real);
  if (info.isFile()) return visitFile(w, path, key, siblings);
  if (!info.isDirectory()) return w.skip(path, 'neither a file nor a folder');
  let names: string[];
  try {
    names = (await readdir(path)).sort(byName);
  } catch (error) {
    return w.skip(path, `folder cannot be listed (${errorCode(error)})`);
  }
  const kind = await folderKind(path, names);
  if (kind) return addUnit(w, kind, path, key);
  if (names.length === 0) return w.skip(path, 'empty folder');
  if (depth >= w.maxDepth) return w.skip(path, `deeper than ${w.maxDepth} levels`);
  const here = new Set(names);
  for (const name of names) {
    const child = join(path, name);
    if (name.startsWith('.')) {
      w.skip(child, 'hidden');
      continue;
    }
    await visit(w, child, `${key}/${name}`, depth + 1, here);
  }
}

/**
 * Expands files and folders into input units, walking folders recursively in code-point order of
 * names (deterministic). Clip, lexicon and dataset folders are single units; `.pose`, `.skels` and
 * video files are units; everything else is reported through `onSkip` (never an error), as are
 * hidden entries, empty folders, broken links and repeats (links are followed once: a visited set of
 * real paths stops link loops). Throws `invalidArgument` only for a given path that does not exist.
 *
 * @example
 * ```ts
 * const skipped: SkippedInput[] = [];
 * const units = await discoverInputs(['data/'], { onSkip: (s) => skipped.push(s) });
 * units.map((u) => `${u.kind} ${u.key}`); // ['openpose data/how2sign-openpose/clip-1', ...]
 * ```
 */
export async function discoverInputs(
  paths: readonly string[],
  options: DiscoverOptions = {},
): Promise<InputUnit[]> {
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string' || p === '')) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'discoverInputs expects an array of non-empty paths');
  }
  const maxDepth = options.maxDepth ?? 32;
  if (!Number.isInteger(maxDepth) || maxDepth < 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `maxDepth must be an integer >= 0, got ${maxDepth}`);
  }
  const w: Walk = {
    units: [],
    keys: new Map(),
    visited: new Set(),
    skip: (path, reason) => options.onSkip?.({ path, reason }),
    maxDepth,
  };
  for (const path of paths) {
    try {
      await stat(path);
    } catch {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `No such file or folder: ${path}`, {
        details: { path },
      });
    }
    await visit(w, path, basename(resolve(path)) || 'root', 0);
  }
  return w.units;
}
