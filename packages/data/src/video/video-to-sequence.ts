/**
 * `videoToSequence`: a sign-language video (mp4, webm, anything ffmpeg reads) → a 2D
 * `prompt2sign-50` `PoseSequence` in the video's original pixels, offline: ffmpeg decodes frames
 * through a pipe, movenet-lightning and human's hand models (tfjs wasm) estimate the pose per frame.
 */
import { stat } from 'node:fs/promises';
import { createPoseSequence, ERROR_CODES, getSkeleton, type PoseSequence, SignLLMError } from '@signllm/core';
import { decodeFrames } from './decode-frames.ts';
import { detectionsToPrompt2Sign, type MappingThresholds } from './detections-to-prompt2sign.ts';
import { estimateFrame } from './estimate-frame.ts';
import { type BackendInfo, loadPoseModels } from './load-pose-models.ts';
import { probeVideo } from './probe-video.ts';

/** Options of `videoToSequence`. */
export interface VideoToSequenceOptions {
  /** Resample to this frame rate with ffmpeg `-r` (default: keep the source rate). */
  fps?: number;
  /** Process at most this many frames. */
  maxFrames?: number;
  /** Start this many seconds into the video. */
  startSeconds?: number;
  /** Called after each frame with frames done and the expected total (when known). */
  onProgress?: (done: number, total?: number) => void;
  /** ffmpeg to run (default: `@ffmpeg-installer/ffmpeg`'s binary; `'ffmpeg'` uses the one on PATH). */
  ffmpegPath?: string;
  /** Aborting kills ffmpeg and rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Kill ffmpeg when it sends no data for this long, ms (default 60 000). */
  timeoutMs?: number;
  /** Downscale so the long side is at most this many pixels before estimation (default 640; 64..4096). */
  maxSide?: number;
  /** Detection thresholds (see `MappingThresholds`). */
  thresholds?: MappingThresholds;
}

/** What happened while converting a video. */
export interface VideoReport {
  path: string;
  /** Frames decoded and estimated (= `sequence.frames`). */
  framesDecoded: number;
  /** Frame rate of the sequence. */
  fps: number;
  /** Frame rate in the video's header. */
  sourceFps: number | undefined;
  /** Original size (the sequence's coordinates are in these pixels). */
  width: number;
  height: number;
  /** Size the frames were estimated at. */
  decodedWidth: number;
  decodedHeight: number;
  framesWithPerson: number;
  framesWithLeftHand: number;
  framesWithRightHand: number;
  /** Mean wall time per frame (decode + estimation), ms. Timing only; varies by machine. */
  msPerFrame: number;
  backend: BackendInfo;
}

function checkNumber(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
  integer: boolean,
): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${name} must be ${integer ? 'an integer' : 'a number'} in ${min}..${max}, got ${value}`,
      { details: { [name]: value } },
    );
  }
}

async function checkFile(path: string): Promise<void> {
  if (typeof path !== 'string' || path === '') {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'The video path must be a non-empty string');
  }
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new SignLLMError(ERROR_CODES.invalidArgument, `Video file not found: ${path}`);
  if (!info.isFile()) throw new SignLLMError(ERROR_CODES.invalidArgument, `Not a file: ${path}`);
  if (info.size === 0) throw new SignLLMError(ERROR_CODES.truncated, `Video file is empty: ${path}`);
}

/**
 * Estimates the signer's 2D pose in every frame of a video. The result is a `prompt2sign-50`
 * sequence in the original video's pixels (x right, y down) with a confidence per joint (0 =
 * missing): body joints 0–7 from movenet-lightning (neck = midpoint of the shoulders, confidence the
 * smaller of theirs), the left hand in 8–28 and the right hand in 29–49 from human's handtrack +
 * handlandmark-lite (MediaPipe order), assigned by distance to the body's wrists. One signer: when
 * several people are visible, the most prominent is used. Models load once per process (about
 * 1 s) and no network is used.
 *
 * Throws `SignLLMError`: `invalidArgument` (missing file, bad options, ffmpeg not found or stalled,
 * no person in any frame: `details.reason === 'no_person'`), `badFormat` / `truncated` (not a video,
 * corrupt or cut short: the message carries ffmpeg's reason and the path). Rejects with
 * `signal.reason` when aborted; ffmpeg is always killed and reaped.
 *
 * @example
 * ```ts
 * const { sequence, report } = await videoToSequence('signer.mp4', { maxFrames: 48 });
 * sequence.skeleton.name; // 'prompt2sign-50'
 * report.framesWithPerson; // 48
 * ```
 */
export async function videoToSequence(
  path: string,
  options: VideoToSequenceOptions = {},
): Promise<{ sequence: PoseSequence<2>; report: VideoReport }> {
  checkNumber('fps', options.fps, 0.01, 1000, false);
  checkNumber('maxFrames', options.maxFrames, 1, 10_000_000, true);
  checkNumber('startSeconds', options.startSeconds, 0, 1e7, false);
  checkNumber('maxSide', options.maxSide, 64, 4096, true);
  checkNumber('timeoutMs', options.timeoutMs, 1, 1e9, false);
  await checkFile(path);
  const { signal, ffmpegPath } = options;
  const info = await probeVideo(path, { ffmpegPath, signal, timeoutMs: options.timeoutMs ?? 30_000 });
  const fps = options.fps ?? info.fps;
  if (fps === undefined) {
    throw new SignLLMError(ERROR_CODES.badFormat, `The frame rate of ${path} is unknown; pass options.fps`, {
      position: { source: path },
    });
  }
  const maxSide = options.maxSide ?? 640;
  const ratio = Math.min(1, maxSide / Math.max(info.width, info.height));
  const decodedWidth = Math.max(2, Math.round((info.width * ratio) / 2) * 2);
  const decodedHeight = Math.max(2, Math.round((info.height * ratio) / 2) * 2);
  const scaleX = info.width / decodedWidth;
  const scaleY = info.height / decodedHeight;
  const remaining =
    info.durationSeconds === undefined
      ? undefined
      : Math.max(0, Math.ceil((info.durationSeconds - (options.startSeconds ?? 0)) * fps));
  const total =
    options.maxFrames === undefined ? remaining : Math.min(options.maxFrames, remaining ?? options.maxFrames);

  const models = await loadPoseModels();
  signal?.throwIfAborted();
  const frames: Float32Array[] = [];
  const confidences: Float32Array[] = [];
  const scratch = new Int32Array(decodedWidth * decodedHeight * 3);
  const counts = { person: 0, left: 0, right: 0 };
  const started = performance.now();
  for await (const rgb of decodeFrames(path, {
    width: decodedWidth,
    height: decodedHeight,
    fps: options.fps,
    maxFrames: options.maxFrames,
    startSeconds: options.startSeconds,
    ffmpegPath,
    signal,
    timeoutMs: options.timeoutMs,
  })) {
    const det = await estimateFrame(models, rgb, decodedWidth, decodedHeight, scratch);
    signal?.throwIfAborted();
    const data = new Float32Array(100);
    const confidence = new Float32Array(50);
    const mapped = detectionsToPrompt2Sign(det, scaleX, scaleY, data, confidence, options.thresholds);
    counts.person += Number(mapped.person);
    counts.left += Number(mapped.leftHand);
    counts.right += Number(mapped.rightHand);
    frames.push(data);
    confidences.push(confidence);
    options.onProgress?.(frames.length, total);
  }
  const elapsed = performance.now() - started;
  if (frames.length === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `No frames decoded from ${path}`, {
      position: { source: path },
      details: { startSeconds: options.startSeconds },
    });
  }
  if (counts.person === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `no person found in ${path} (${frames.length} frames checked)`,
      { position: { source: path }, details: { reason: 'no_person', framesDecoded: frames.length } },
    );
  }
  const data = new Float32Array(frames.length * 100);
  const confidence = new Float32Array(frames.length * 50);
  frames.forEach((f, i) => {
    data.set(f, i * 100);
    confidence.set(confidences[i]!, i * 50);
  });
  const sequence = createPoseSequence({
    skeleton: getSkeleton('prompt2sign-50'),
    fps,
    dims: 2,
    data,
    confidence,
  });
  const report: VideoReport = {
    path,
    framesDecoded: frames.length,
    fps,
    sourceFps: info.fps,
    width: info.width,
    height: info.height,
    decodedWidth,
    decodedHeight,
    framesWithPerson: counts.person,
    framesWithLeftHand: counts.left,
    framesWithRightHand: counts.right,
    msPerFrame: elapsed / frames.length,
    backend: models.info,
  };
  return { sequence, report };
}
