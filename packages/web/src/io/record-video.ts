/**
 * Records what a `<signllm-pose-viewer>` shows, from its first frame to its last at the current
 * speed, into a WebM video with the browser's MediaRecorder (VP9, else VP8, else the browser's default).
 */
import type { PoseViewerElement } from '../viewer/pose-viewer-element.ts';

/** The WebM types tried, best first. */
export const WEBM_TYPES: readonly string[] = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'];

/** The first WebM type this browser records, or undefined when it records none. */
export function pickWebmType(isSupported: (type: string) => boolean): string | undefined {
  return WEBM_TYPES.find((t) => isSupported(t));
}

/** Options of `recordVideo`. */
export interface RecordVideoOptions {
  /** Frames per second of the capture (default: the sequence's, at most 60). */
  fps?: number;
  /** Bits per second (default 2.5 Mb/s). */
  bitsPerSecond?: number;
  signal?: AbortSignal;
}

/**
 * Plays the viewer's sequence once from the start and records it. Resolves to a WebM `Blob`; the
 * viewer's loop, position and playing state are restored afterwards.
 *
 * @example
 * ```ts
 * const webm = await recordVideo(viewer);
 * download(webm, 'signing.webm');
 * ```
 */
export async function recordVideo(
  viewer: PoseViewerElement,
  options: RecordVideoOptions = {},
): Promise<Blob> {
  const canvas = viewer.canvas;
  const seq = viewer.pose;
  if (canvas === undefined || seq === undefined || seq.frames === 0)
    throw new Error('There is no sequence to record');
  if (typeof MediaRecorder === 'undefined')
    throw new Error('This browser cannot record video (no MediaRecorder)');
  const mimeType = pickWebmType((t) => MediaRecorder.isTypeSupported(t));
  if (mimeType === undefined) throw new Error('This browser cannot record WebM video');
  const fps = Math.min(60, options.fps ?? seq.fps);
  const stream = canvas.captureStream(fps);
  const recorder = new MediaRecorder(stream, {
    mimeType,
    videoBitsPerSecond: options.bitsPerSecond ?? 2_500_000,
  });
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  });
  const stopped = new Promise<void>((resolve, reject) => {
    recorder.addEventListener('stop', () => resolve(), { once: true });
    recorder.addEventListener(
      'error',
      (e) => reject(new Error(`recording failed: ${String((e as ErrorEvent).message ?? e.type)}`)),
      { once: true },
    );
  });
  const { loop, currentFrame } = viewer;
  const wasPlaying = viewer.playing;
  // Ends with the playback, an abort, or (should the sequence be replaced meanwhile) its duration plus 5 s.
  const ended = new Promise<void>((resolve) => {
    viewer.addEventListener('signllm-ended', () => resolve(), { once: true });
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
    setTimeout(resolve, (seq.frames / seq.fps / viewer.playbackRate) * 1000 + 5000);
  });
  try {
    viewer.pause();
    viewer.loop = false;
    viewer.seek(0);
    recorder.start(250);
    viewer.play();
    await ended;
    // Hold the last frame for a moment so players show it.
    await new Promise((r) => setTimeout(r, 1000 / fps + 50));
    recorder.stop();
    await stopped;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    viewer.loop = loop;
    viewer.seek(currentFrame);
    if (wasPlaying) viewer.play();
  }
  if (options.signal?.aborted) throw new Error('The recording was stopped');
  return new Blob(chunks, { type: 'video/webm' });
}
