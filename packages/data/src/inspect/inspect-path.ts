/**
 * `inspectPath`: reads any supported input and summarises it (format, version, skeleton, and per
 * sequence: frames, joints, dims, fps). Large `.skels` files are streamed, one line in memory at a time.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import {
  dwposeFramesToSequence,
  ERROR_CODES,
  openPoseFramesToSequence,
  poseHeaderDims,
  poseHeaderPointCount,
  readPose,
  readSkelsCorpus,
  SignLLMError,
  type SkelsDialect,
  skeletonFromPoseHeader,
  skelsDialectInfo,
} from '@signllm/core';
import { detectFormat } from './detect-format.ts';
import { detectSkelsDialect } from './detect-skels-dialect.ts';
import type { InspectSummary, SequenceSummary } from './inspect-summary.ts';
import { readLexiconIndex } from './read-lexicon-index.ts';

/** Options of `inspectPath`. */
export interface InspectOptions {
  /** `.skels` dialect; detected from the first line when absent. */
  dialect?: SkelsDialect;
  /** Frame rate to assume for per-frame JSON folders (their files do not store one). */
  fps?: number;
}

/**
 * Summarises a file or folder in any supported format.
 *
 * @example
 * ```ts
 * const s = await inspectPath('dev.skels');
 * console.log(s.format, s.sequences.length, s.sequences[0]?.frames);
 * ```
 */
export async function inspectPath(path: string, options: InspectOptions = {}): Promise<InspectSummary> {
  const detected = await detectFormat(path);
  switch (detected.format) {
    case 'pose':
      return inspectPose(path);
    case 'skels':
      return inspectSkels(path, options);
    case 'openpose-json':
    case 'dwpose-json':
      return inspectJsonFrames(path, detected.format, detected.files ?? [], options);
    case 'pose-lexicon':
      return inspectLexicon(path);
  }
}

async function readBytes(path: string): Promise<Uint8Array> {
  const b = await readFile(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

async function inspectPose(path: string): Promise<InspectSummary> {
  const bytes = await readBytes(path);
  const file = readPose(bytes, { source: basename(path), zeroCopy: true });
  const { header, body } = file;
  return {
    path,
    format: 'pose',
    version: header.version.toFixed(1),
    skeleton: skeletonFromPoseHeader(header).name,
    bytes: bytes.byteLength,
    sequences: [
      {
        id: basename(path, '.pose'),
        frames: body.frames,
        joints: poseHeaderPointCount(header),
        dims: poseHeaderDims(header),
        fps: body.fps,
        people: body.people,
      },
    ],
  };
}

async function inspectSkels(path: string, options: InspectOptions): Promise<InspectSummary> {
  const dialect = options.dialect ?? (await detectSkelsDialect(path));
  const info = skelsDialectInfo(dialect);
  const side = async (ext: string) => {
    const p = join(dirname(path), `${basename(path, extname(path))}.${ext}`);
    return (await stat(p).catch(() => undefined))?.isFile() ? createReadStream(p) : undefined;
  };
  const [text, gloss, files] = await Promise.all([side('text'), side('gloss'), side('files')]);
  const sources = {
    skels: createReadStream(path),
    ...(text && { text }),
    ...(gloss && { gloss }),
    ...(files && { files }),
  };
  const sequences: SequenceSummary[] = [];
  const joints = dialect === 'dwpose' ? 128 : info.valuesPerFrame / 3;
  const dims = dialect === 'dwpose' ? 2 : 3;
  try {
    for await (const entry of readSkelsCorpus(sources, { dialect, source: basename(path) })) {
      const s: SequenceSummary = { frames: entry.sequence.frames, joints, dims };
      if (entry.id !== undefined) s.id = entry.id;
      if (entry.text !== undefined) s.text = entry.text;
      if (entry.gloss !== undefined) s.gloss = entry.gloss;
      sequences.push(s);
    }
  } finally {
    // On an error the reader stops early: close every file it had open.
    for (const stream of Object.values(sources)) stream.destroy();
  }
  return {
    path,
    format: 'skels',
    version: dialect,
    skeleton: dialect === 'dwpose' ? 'dwpose-128' : 'prompt2sign-50',
    bytes: (await stat(path)).size,
    sequences,
  };
}

async function inspectJsonFrames(
  path: string,
  format: 'openpose-json' | 'dwpose-json',
  files: string[],
  options: InspectOptions,
): Promise<InspectSummary> {
  let bytes = 0;
  const frames = await Promise.all(
    files.map(async (f) => {
      const content = await readFile(f, 'utf8');
      bytes += Buffer.byteLength(content);
      return { name: basename(f), content };
    }),
  );
  const fps = options.fps === undefined ? {} : { fps: options.fps };
  const seq =
    format === 'openpose-json'
      ? openPoseFramesToSequence(frames, { source: path, ...fps })
      : dwposeFramesToSequence(frames, fps);
  const id = basename(path.replace(/[\\/]json[\\/]?$/, '').replace(/[\\/]$/, ''));
  return {
    path,
    format,
    skeleton: seq.skeleton.name,
    bytes,
    sequences: [{ id, frames: seq.frames, joints: seq.joints, dims: seq.dims, fps: seq.fps }],
  };
}

async function inspectLexicon(path: string): Promise<InspectSummary> {
  const indexPath = extname(path).toLowerCase() === '.csv' ? path : join(path, 'index.csv');
  const root = dirname(indexPath);
  const rows = readLexiconIndex(await readFile(indexPath, 'utf8'), basename(indexPath));
  let bytes = 0;
  let skeleton = '';
  const sequences: SequenceSummary[] = [];
  for (const row of rows) {
    const clip = await readBytes(join(root, row.path));
    bytes += clip.byteLength;
    const { header, body } = readPose(clip, { source: row.path, zeroCopy: true });
    skeleton ||= skeletonFromPoseHeader(header).name;
    const first = Math.min(body.frames, Math.floor((row.startMs / 1000) * body.fps));
    const last =
      row.endMs > 0 ? Math.min(body.frames, Math.ceil((row.endMs / 1000) * body.fps)) : body.frames;
    sequences.push({
      id: row.path,
      frames: Math.max(0, last - first),
      joints: poseHeaderPointCount(header),
      dims: poseHeaderDims(header),
      fps: body.fps,
      text: row.words,
      gloss: row.glosses,
    });
  }
  if (rows.length === 0)
    throw new SignLLMError(ERROR_CODES.badFormat, `The lexicon ${indexPath} has no rows`);
  return { path, format: 'pose-lexicon', skeleton, bytes, sequences };
}
