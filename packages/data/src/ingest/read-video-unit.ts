/**
 * Adapter to the video module (`src/video`, written separately): turns a video file into a 2D pose
 * sequence with `videoToSequence`. The module is imported on first use, so ingest loads and works
 * without it; a missing module is a clear `SignLLMError`, not a crash.
 */
import { basename, extname } from 'node:path';
import { ERROR_CODES, type PoseSequence, SignLLMError } from '@signllm/core';
import type { Sample } from '../sample.ts';

/** Options passed to `videoToSequence`. */
export interface VideoUnitOptions {
  /** Frame rate to sample the video at. */
  fps?: number;
  /** Stop after this many frames. */
  maxFrames?: number;
  /** Progress callback (frames done, total when known). */
  onProgress?: (done: number, total?: number) => void;
  /**
   * The decoder (default: `videoToSequence` of the video module, on this thread). `buildDataset`
   * passes one that runs in its worker pool, so several videos are estimated at once.
   */
  decode?: VideoDecoder;
}

/** Decodes a video into 2D `prompt2sign-50` poses. */
export type VideoDecoder = (
  path: string,
  options: { fps?: number; maxFrames?: number },
) => Promise<{ sequence: PoseSequence<2> }>;

type VideoToSequence = (
  path: string,
  options?: VideoUnitOptions,
) => Promise<{ sequence: PoseSequence<2>; report: unknown }>;

async function loadVideoToSequence(): Promise<VideoToSequence> {
  // Same extension as this module: `.ts` when run from sources, `.js` from the build.
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`../video/index${ext}`, import.meta.url).href;
  let mod: { videoToSequence?: unknown };
  try {
    mod = (await import(url)) as { videoToSequence?: unknown };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Video input needs the video module (src/video), which could not be loaded: ${reason}`,
      { cause },
    );
  }
  if (typeof mod.videoToSequence !== 'function') {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'The video module does not export videoToSequence');
  }
  return mod.videoToSequence as VideoToSequence;
}

/**
 * Reads a video file into one sample (id: the file name without extension).
 *
 * @example
 * ```ts
 * const s = await readVideoUnit({ path: 'clip.mp4', key: 'in/clip.mp4' }, { fps: 24 });
 * ```
 */
export async function readVideoUnit(
  unit: { path: string; key: string },
  options: VideoUnitOptions = {},
): Promise<Sample> {
  const { decode, ...rest } = options;
  const { sequence } = decode
    ? await decode(unit.path, rest)
    : await (await loadVideoToSequence())(unit.path, rest);
  return { id: basename(unit.path, extname(unit.path)), sequence, source: unit.key };
}
