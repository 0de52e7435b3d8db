/**
 * Reads one OpenPose or DWPose per-frame JSON clip folder into a single `Sample` (2D, pixels for
 * OpenPose, [0, 1] for DWPose). Frame files are listed by `detectFormat` and ordered numerically by
 * the number in their names; gaps in the numbering are filled with all-missing frames by default.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  dwposeFrameId,
  dwposeFramesToSequence,
  ERROR_CODES,
  openPoseFramesToSequence,
  type PoseSequence,
  SignLLMError,
} from '@signllm/core';
import { detectFormat } from '../inspect/detect-format.ts';
import type { Sample } from '../sample.ts';
import { fillFrameGaps } from './fill-frame-gaps.ts';
import type { InputUnit } from './input-unit.ts';

/** Options of `readFramesUnit`. */
export interface FramesUnitOptions {
  /** Frames per second (the files store none; default 24, the How2Sign and Prompt2Sign rate). */
  fps?: number;
  /** Insert all-missing frames for absent frame numbers (default true). */
  fillGaps?: boolean;
  /**
   * Width and height of the video the DWPose coordinates were normalised by: turns its [0, 1] x and y
   * (divided by width and by height separately, which stretches the pose) back into pixels.
   */
  frameSize?: readonly [width: number, height: number];
  /** Largest frame file read (default 64 MiB); larger throws `tooLarge`. */
  maxFrameBytes?: number;
}

/** Flag set on a sample whose frame numbering had gaps that were filled with missing frames. */
export const GAPS_FILLED_FLAG = 'ingest:gaps-filled';

const DESCRIBE = {
  openpose: 'OpenPose frame files (*_<frame>_keypoints.json)',
  dwpose: 'DWPose frame files (<frame>.json, directly or in a json/ child folder)',
} as const;

async function listFrames(unit: InputUnit, kind: 'openpose' | 'dwpose'): Promise<string[]> {
  const want = kind === 'openpose' ? 'openpose-json' : 'dwpose-json';
  let files: string[] | undefined;
  let cause: unknown;
  try {
    const detected = await detectFormat(unit.path);
    if (detected.format === want) files = detected.files;
  } catch (error) {
    cause = error;
  }
  if (!files || files.length === 0) {
    const why = cause instanceof Error ? `: ${cause.message}` : '';
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `The clip folder ${unit.path} holds no ${DESCRIBE[kind]}${why}`,
      {
        position: { source: unit.path },
        ...(cause === undefined ? {} : { cause }),
      },
    );
  }
  return files;
}

/** The clip's name: the folder's, or its parent's for a DWPose `json/` folder given directly. */
export function clipName(path: string): string {
  const name = basename(path);
  return name === 'json' ? basename(dirname(path)) || name : name;
}

async function readFrame(file: string, maxBytes: number): Promise<{ name: string; content: Uint8Array }> {
  const { size } = await stat(file);
  if (size > maxBytes) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `Frame file ${file} is ${size} bytes; the limit is ${maxBytes} (maxFrameBytes)`,
      { position: { source: file } },
    );
  }
  const b = await readFile(file);
  return { name: basename(file), content: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
}

/**
 * Reads a clip folder. The sample id is the clip folder's name; a frame with no person is
 * all-missing (confidence 0); duplicate frame numbers (`x_1_keypoints.json` and `x_001_...`) throw
 * `badFormat` naming both files; files out of numeric order in the listing are simply sorted.
 *
 * @example
 * ```ts
 * const sample = await readFramesUnit({ kind: 'openpose', path: 'clips/a', key: 'clips/a' });
 * sample.sequence.skeleton.name; // 'openpose-137'
 * ```
 */
export async function readFramesUnit(unit: InputUnit, options: FramesUnitOptions = {}): Promise<Sample> {
  const kind = unit.kind;
  if (kind !== 'openpose' && kind !== 'dwpose') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `readFramesUnit reads openpose or dwpose units, got ${kind}`,
    );
  }
  const fillGaps = options.fillGaps ?? true;
  const files = await listFrames(unit, kind);
  const frames = [];
  for (const file of files) frames.push(await readFrame(file, options.maxFrameBytes ?? 64 * 1024 * 1024));
  const fps = options.fps === undefined ? {} : { fps: options.fps };
  let sequence: PoseSequence;
  if (kind === 'openpose') {
    sequence = openPoseFramesToSequence(frames, { source: unit.path, fillGaps, ...fps });
  } else {
    const size = options.frameSize ? { width: options.frameSize[0], height: options.frameSize[1] } : {};
    sequence = dwposeFramesToSequence(frames, { ...fps, ...size });
    if (fillGaps) {
      const ids = frames.map((f) => dwposeFrameId(f.name) ?? Number.NaN).sort((a, b) => a - b);
      sequence = fillFrameGaps(sequence, ids, unit.path);
    }
  }
  const sample: Sample = { id: clipName(unit.path), sequence, source: unit.key };
  if (sequence.frames > frames.length) sample.flags = [GAPS_FILLED_FLAG];
  return sample;
}
