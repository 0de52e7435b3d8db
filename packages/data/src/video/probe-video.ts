/**
 * Finding ffmpeg and reading a video's size, frame rate and duration from the header that
 * `ffmpeg -i <file>` prints on stderr (no ffprobe needed; `@ffmpeg-installer/ffmpeg` ships only ffmpeg).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/** What the header of a video says. */
export interface VideoInfo {
  /** Displayed width in pixels (after rotation metadata, as ffmpeg decodes it). */
  width: number;
  /** Displayed height in pixels. */
  height: number;
  /** Frames per second of the video stream, or undefined when the header has none. */
  fps: number | undefined;
  /** Duration in seconds, or undefined. */
  durationSeconds: number | undefined;
  /** Rotation from the stream's metadata, degrees (0, 90, 180, 270). */
  rotation: number;
  /** Codec name of the video stream (e.g. `h264`). */
  codec: string;
}

/**
 * The ffmpeg to run: `explicit` when given (a path, or a bare `ffmpeg` to use the one on PATH), else
 * the static binary of `@ffmpeg-installer/ffmpeg`.
 *
 * @example
 * ```ts
 * resolveFfmpegPath(); // '.../@ffmpeg-installer/linux-x64/ffmpeg'
 * resolveFfmpegPath('ffmpeg'); // 'ffmpeg' (looked up on PATH when spawned)
 * ```
 */
export function resolveFfmpegPath(explicit?: string): string {
  if (explicit !== undefined) {
    if (explicit.trim() === '') throw new SignLLMError(ERROR_CODES.invalidArgument, 'ffmpegPath is empty');
    return explicit;
  }
  try {
    const require = createRequire(import.meta.url);
    return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
  } catch (error) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'ffmpeg not found: @ffmpeg-installer/ffmpeg has no binary for this platform; pass ffmpegPath ' +
        "(e.g. 'ffmpeg' to use the one on PATH)",
      { cause: error },
    );
  }
}

const NTSC: ReadonlyArray<readonly [number, number]> = [
  [23.98, 24000 / 1001],
  [29.97, 30000 / 1001],
  [59.94, 60000 / 1001],
  [119.88, 120000 / 1001],
];

function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const k = text.endsWith('k');
  const value = Number.parseFloat(k ? text.slice(0, -1) : text) * (k ? 1000 : 1);
  if (!(value > 0) || !Number.isFinite(value)) return undefined;
  return NTSC.find(([shown]) => shown === value)?.[1] ?? value;
}

/**
 * Parses the stderr of `ffmpeg -i <file>` (the first video stream). Returns undefined when there is
 * no video stream with a size.
 *
 * @example
 * ```ts
 * parseFfmpegInfo('  Duration: 00:00:06.54, ...\n    Stream #0:0(und): Video: h264 (High), yuv420p, 1280x720, 24 fps, 24 tbr');
 * // { width: 1280, height: 720, fps: 24, durationSeconds: 6.54, rotation: 0, codec: 'h264' }
 * ```
 */
export function parseFfmpegInfo(stderr: string): VideoInfo | undefined {
  const lines = stderr.split(/\r?\n/);
  const streamAt = lines.findIndex((l) => /Stream #\d+:\d+.*: Video: /.test(l));
  if (streamAt < 0) return undefined;
  const stream = lines[streamAt]!;
  const size = /, (\d{1,5})x(\d{1,5})[ ,\n]|, (\d{1,5})x(\d{1,5})$/.exec(stream);
  if (!size) return undefined;
  let width = Number(size[1] ?? size[3]);
  let height = Number(size[2] ?? size[4]);
  if (!(width > 0 && height > 0)) return undefined;
  const codec = /Video: ([\w-]+)/.exec(stream)?.[1] ?? 'unknown';
  const fps =
    parseRate(/, ([\d.]+k?) fps/.exec(stream)?.[1]) ?? parseRate(/, ([\d.]+k?) tbr/.exec(stream)?.[1]);
  const d = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr);
  const durationSeconds = d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : undefined;
  // Rotation metadata follows the stream line: `rotate : 90` (old ffmpeg) or `displaymatrix: rotation of -90.00 degrees`.
  let rotation = 0;
  for (const line of lines.slice(streamAt + 1, streamAt + 12)) {
    if (/Stream #/.test(line)) break;
    const r = /rotate\s*:\s*(-?\d+)/.exec(line) ?? /rotation of (-?[\d.]+) degrees/.exec(line);
    if (r) rotation = (((Math.round(Number(r[1]) / 90) * 90) % 360) + 360) % 360;
  }
  if (rotation === 90 || rotation === 270) [width, height] = [height, width];
  return { width, height, fps, durationSeconds, rotation, codec };
}

/** The last `max` characters of ffmpeg's stderr, trimmed, for error messages. */
export function stderrTail(stderr: string, max = 600): string {
  const text = stderr.trim();
  return text.length > max ? `…${text.slice(-max)}` : text;
}

/** Options of `probeVideo`. */
export interface ProbeOptions {
  ffmpegPath?: string;
  /** Kill ffmpeg after this many ms (default 30 000). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Runs `ffmpeg -hide_banner -i <path>` and parses the header. Throws `SignLLMError`: `badFormat` with
 * ffmpeg's reason (tail of stderr) when the file is not a video or is corrupt, `truncated` when ffmpeg
 * says the file ends early (e.g. `moov atom not found`), `invalidArgument` when ffmpeg cannot be
 * started or times out.
 *
 * @example
 * ```ts
 * const info = await probeVideo('clip.mp4'); // { width: 1280, height: 720, fps: 24, ... }
 * ```
 */
export async function probeVideo(path: string, options: ProbeOptions = {}): Promise<VideoInfo> {
  const ffmpeg = resolveFfmpegPath(options.ffmpegPath);
  const timeoutMs = options.timeoutMs ?? 30_000;
  options.signal?.throwIfAborted();
  const stderr = await new Promise<string>((resolve, reject) => {
    const child = spawn(ffmpeg, ['-hide_banner', '-nostdin', '-i', path], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let text = '';
    let failure: unknown;
    const kill = (why: unknown) => {
      failure ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () =>
        kill(
          new SignLLMError(ERROR_CODES.invalidArgument, `ffmpeg did not answer within ${timeoutMs} ms`, {
            position: { source: path },
            details: { reason: 'timeout', timeoutMs },
          }),
        ),
      timeoutMs,
    );
    const onAbort = () => kill(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (text.length < 256 * 1024) text += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      failure ??= new SignLLMError(
        ERROR_CODES.invalidArgument,
        `ffmpeg not found or not executable: "${ffmpeg}" (${error.code ?? error.message}); pass ffmpegPath`,
        { cause: error, details: { ffmpegPath: ffmpeg } },
      );
    });
    child.on('close', () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (failure !== undefined) reject(failure);
      else resolve(text);
    });
  });
  const info = parseFfmpegInfo(stderr);
  if (info) return info;
  throw ffmpegFailure(path, stderr, 'is not a readable video');
}

/** A `SignLLMError` for a failed ffmpeg run: `truncated` when its stderr says so, else `badFormat`. */
export function ffmpegFailure(path: string, stderr: string, what: string): SignLLMError {
  // A file that only looks like its container (ffmpeg: "misdetection possible") is not a video at all.
  const truncated =
    !/misdetection possible/i.test(stderr) &&
    /moov atom not found|partial file|truncat|end of file|unexpected eof/i.test(stderr);
  return new SignLLMError(
    truncated ? ERROR_CODES.truncated : ERROR_CODES.badFormat,
    `"${path}" ${what}: ffmpeg says: ${stderrTail(stderr) || '(nothing)'}`,
    { position: { source: path }, details: { ffmpegStderr: stderrTail(stderr, 2000) } },
  );
}
