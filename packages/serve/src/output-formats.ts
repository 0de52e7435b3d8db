/**
 * The answer formats of a translation: JSON (frames with joint names, counters and timing), a `.pose`
 * v0.2 file (placed on a 512 × 512 pixel canvas, as pose viewers expect), a Prompt2Sign `.skels` line,
 * and the NDJSON lines of a streamed answer.
 */
import {
  createPoseSequence,
  fitToCanvas,
  formatSkelsLine,
  getSkeleton,
  type PoseSequence,
  poseSequenceToSkels,
  sequenceToPoseFile,
  type TranslateResponse,
  type TranslateStreamEvent,
  writePose,
} from '@signllm/core';
import type { OutputFrame, TranslationPlan, TranslationSummary } from './translation-service.ts';

/** Decimals of coordinates in JSON answers (1e-5 of a shoulder width: far below what a viewer shows). */
export const JSON_DECIMALS = 5;

/** Side of the square canvas of `.pose` answers, in pixels (the size pose-format's tools normalise to). */
export const POSE_CANVAS = 512;

const SCALE = 10 ** JSON_DECIMALS;

function round(v: number): number {
  const r = Math.round(v * SCALE) / SCALE;
  return Object.is(r, -0) ? 0 : r;
}

/** A frame's values as joints × [x, y, z], rounded to `JSON_DECIMALS`. */
function triples(values: Float32Array): number[][] {
  const out: number[][] = new Array(values.length / 3);
  for (let j = 0; j < out.length; j++) {
    out[j] = [round(values[j * 3]!), round(values[j * 3 + 1]!), round(values[j * 3 + 2]!)];
  }
  return out;
}

/**
 * The JSON answer of a finished translation.
 *
 * @example
 * ```ts
 * return c.json(jsonAnswer(plan, frames, summary));
 * ```
 */
export function jsonAnswer(
  plan: TranslationPlan,
  frames: readonly OutputFrame[],
  summary: TranslationSummary,
): TranslateResponse {
  return {
    language: plan.language,
    inputType: plan.inputType,
    ...(summary.langGloss === undefined ? {} : { langGloss: summary.langGloss }),
    fps: plan.fps,
    skeleton: plan.skeleton,
    joints: [...plan.joints],
    frames: frames.length,
    data: frames.map((f) => triples(f.values)),
    counters: frames.map((f) => round(f.counter)),
    stoppedBy: summary.stoppedBy,
    timing: timing(summary),
  };
}

function timing(summary: TranslationSummary): TranslateResponse['timing'] {
  return {
    generationMs: Math.round(summary.generationMs * 100) / 100,
    ...(summary.firstFrameMs === undefined
      ? {}
      : { firstFrameMs: Math.round(summary.firstFrameMs * 100) / 100 }),
  };
}

/** The frames as a pose sequence (confidence 1) at the answer's fps. */
export function framesToSequence(plan: TranslationPlan, frames: readonly OutputFrame[]): PoseSequence<3> {
  const skeleton = getSkeleton(plan.skeleton);
  const width = skeleton.joints.length * 3;
  const data = new Float32Array(frames.length * width);
  frames.forEach((f, i) => {
    data.set(f.values, i * width);
  });
  return createPoseSequence({ skeleton, fps: plan.fps, dims: 3, frames: frames.length, data });
}

/**
 * A `.pose` v0.2 file of the frames: the signer fitted into a `POSE_CANVAS`-pixel square (uniform
 * scale, centred), one `XYZC` component per skeleton part, with its limbs and colours.
 *
 * @example
 * ```ts
 * return c.body(poseAnswer(plan, frames), 200, { 'Content-Type': 'application/pose' });
 * ```
 */
export function poseAnswer(plan: TranslationPlan, frames: readonly OutputFrame[]): Uint8Array {
  const { sequence } = fitToCanvas(framesToSequence(plan, frames), {
    width: POSE_CANVAS,
    height: POSE_CANVAS,
  });
  return writePose(sequenceToPoseFile(sequence, { width: POSE_CANVAS, height: POSE_CANVAS }));
}

/**
 * One Prompt2Sign `.skels` line (150 values and a counter per frame, `%.5f`), in the model's units,
 * ending in a newline.
 *
 * @example
 * ```ts
 * return c.text(skelsAnswer(plan, frames));
 * ```
 */
export function skelsAnswer(plan: TranslationPlan, frames: readonly OutputFrame[]): string {
  return `${formatSkelsLine(poseSequenceToSkels(framesToSequence(plan, frames), 'p2s'), 'p2s')}\n`;
}

/** The first line of a streamed answer. */
export function startEvent(plan: TranslationPlan): TranslateStreamEvent {
  return {
    type: 'start',
    language: plan.language,
    inputType: plan.inputType,
    fps: plan.fps,
    skeleton: plan.skeleton,
    joints: [...plan.joints],
  };
}

/** The line of one frame. */
export function frameEvent(frame: OutputFrame): TranslateStreamEvent {
  return {
    type: 'frame',
    index: frame.index,
    time: round(frame.time),
    counter: round(frame.counter),
    pose: triples(frame.values),
  };
}

/** The last line of a successful stream. */
export function endEvent(summary: TranslationSummary): TranslateStreamEvent {
  return {
    type: 'end',
    frames: summary.frames,
    stoppedBy: summary.stoppedBy,
    ...(summary.langGloss === undefined ? {} : { langGloss: summary.langGloss }),
    timing: timing(summary),
  };
}

/** An NDJSON line. */
export function ndjson(event: TranslateStreamEvent): string {
  return `${JSON.stringify(event)}\n`;
}
