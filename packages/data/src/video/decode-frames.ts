/**
 * Streams a video's frames as raw rgb24 through a pipe from ffmpeg
 * (`-f rawvideo -pix_fmt rgb24 -`), one frame buffer at a time: memory stays at one frame plus the
 * pipe's buffers, and ffmpeg is paused by back-pressure while the consumer works. The child is always
 * killed and reaped (abort, error, timeout, early `break`).
 */
import { spawn } from 'node:child_process';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { ffmpegFailure, resolveFfmpegPath } from './probe-video.ts';

/** Options of `decodeFrames`. */
export interface DecodeOptions {
  /** Width of the decoded frames (ffmpeg scales to it). */
  width: number;
  /** Height of the decoded frames. */
  height: number;
  /** Resample to this frame rate (ffmpeg `-r`); default: the source rate. */
  fps?: number;
  /** Stop after this many frames. */
  maxFrames?: number;
  /** Seek to this time first, seconds. */
  startSeconds?: number;
  ffmpegPath?: string;
  signal?: AbortSignal;
  /** Kill ffmpeg when it sends nothing for this long while a frame is awaited, ms (default 60 000). */
  timeoutMs?: number;
}

/** The ffmpeg arguments `decodeFrames` uses (exported for tests and for the README). */
export function decodeArgs(path: string, o: DecodeOptions): string[] {
  const args = ['-hide_banner', '-nostdin', '-v', 'error'];
  if (o.startSeconds) args.push('-ss', String(o.startSeconds));
  args.push('-i', path, '-map', '0:v:0', '-an', '-sn', '-vf', `scale=${o.width}:${o.height}:flags=bilinear`);
  if (o.fps !== undefined) args.push('-r', String(o.fps));
  if (o.maxFrames !== undefined) args.push('-frames:v', String(o.maxFrames));
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', '-');
  return args;
}

/**
 * Decodes `path` to rgb24 frames of `width × height` (3 bytes a pixel, row-major). The yielded buffer
 * is reused: copy it if you keep it past the next iteration.
 *
 * Throws `SignLLMError` (`badFormat` / `truncated` with the tail of ffmpeg's stderr when ffmpeg
 * fails, `invalidArgument` when ffmpeg is missing or stalls past `timeoutMs`); on abort it rejects
 * with `signal.reason`.
 *
 * @example
 * ```ts
 * for await (const rgb of decodeFrames('clip.mp4', { width: 640, height: 360, maxFrames: 10 })) {
 *   rgb.length; // 640 * 360 * 3
 * }
 * ```
 */
export async function* decodeFrames(path: string, o: DecodeOptions): AsyncGenerator<Uint8Array> {
  const { width, height } = o;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 2 ||
    height < 2 ||
    width * height > 1 << 24
  ) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `Bad decode size ${width}x${height}`);
  }
  const ffmpeg = resolveFfmpegPath(o.ffmpegPath);
  const timeoutMs = o.timeoutMs ?? 60_000;
  o.signal?.throwIfAborted();
  const child = spawn(ffmpeg, decodeArgs(path, o), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let failure: unknown;
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const fail = (why: unknown) => {
    failure ??= why;
    child.kill('SIGKILL');
    child.stdout.destroy();
  };
  child.on('error', (error: NodeJS.ErrnoException) =>
    fail(
      new SignLLMError(
        ERROR_CODES.invalidArgument,
        `ffmpeg not found or not executable: "${ffmpeg}" (${error.code ?? error.message}); pass ffmpegPath`,
        { cause: error, details: { ffmpegPath: ffmpeg } },
      ),
    ),
  );
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
  });
  const onAbort = () => fail(o.signal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        fail(
          new SignLLMError(ERROR_CODES.invalidArgument, `ffmpeg sent no frame data for ${timeoutMs} ms`, {
            position: { source: path },
            details: { reason: 'timeout', timeoutMs },
          }),
        ),
      timeoutMs,
    );
  };
  const frameBytes = width * height * 3;
  const frame = new Uint8Array(frameBytes);
  let filled = 0;
  try {
    arm();
    try {
      for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
        let offset = 0;
        while (offset < chunk.length) {
          const n = Math.min(frameBytes - filled, chunk.length - offset);
          frame.set(chunk.subarray(offset, offset + n), filled);
          filled += n;
          offset += n;
          if (filled === frameBytes) {
            filled = 0;
            clearTimeout(timer);
            yield frame;
            if (failure !== undefined) throw failure;
            arm();
          }
        }
        arm();
      }
    } catch (error) {
      if (failure === undefined) throw error;
    }
    const code = await closed;
    if (failure !== undefined) throw failure;
    if (code !== 0) throw ffmpegFailure(path, stderr, 'could not be decoded');
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child.stdout.destroy();
    await closed;
  }
}
