/**
 * `poseFileToSequence`: one person of a `.pose` file as a `PoseSequence`.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { createPoseSequence, type PoseSequence } from '../../pose-sequence/pose-sequence.ts';
import type { PoseFile } from './pose-file.ts';
import { skeletonFromPoseHeader } from './skeleton-from-pose-header.ts';

/** Options of `poseFileToSequence`. */
export interface PoseFileToSequenceOptions {
  /** Which person to take (0-based). Default 0. */
  person?: number;
}

/**
 * Extracts one person of a `.pose` file as a `PoseSequence` over the skeleton the header describes
 * (`skeletonFromPoseHeader`: a registered skeleton when one matches, else a custom one). Data and
 * confidence are copied bit for bit (NaN stays NaN; confidence 0 = missing), so
 * `sequenceToPoseFile(poseFileToSequence(f))` gives back the same data and confidence.
 *
 * Fails with `invalidArgument` when the person does not exist, the file has no people, its points
 * have other than 2 or 3 axes, or its fps is not positive.
 *
 * @example
 * ```ts
 * const seq = poseFileToSequence(readPose(bytes)); // seq.frames === 66, seq.joints === 137, seq.dims === 2
 * ```
 */
export function poseFileToSequence(file: PoseFile, options: PoseFileToSequenceOptions = {}): PoseSequence {
  const { header, body } = file;
  const person = options.person ?? 0;
  if (!Number.isInteger(person) || person < 0 || person >= body.people) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      body.people === 0
        ? 'the .pose file has no people'
        : `person ${person} does not exist; valid persons are 0..${body.people - 1}`,
      { details: { value: person, people: body.people } },
    );
  }
  const dims = body.dims;
  if (dims !== 2 && dims !== 3) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `the .pose points have ${dims} axes (formats ${header.components.map((c) => c.format).join(', ')}); ` +
        'a PoseSequence holds 2 or 3',
      { details: { dims } },
    );
  }
  const skeleton = skeletonFromPoseHeader(header);
  const points = skeleton.joints.length;
  const { frames, people } = body;
  if (
    body.data.length !== frames * people * points * dims ||
    body.confidence.length !== frames * people * points
  ) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `the .pose body has ${body.data.length} values and ${body.confidence.length} confidences; expected ` +
        `${frames} frames × ${people} people × ${points} points × (${dims} dims + 1)`,
    );
  }
  let data: Float32Array;
  let confidence: Float32Array;
  if (people === 1) {
    data = body.data.slice();
    confidence = body.confidence.slice();
  } else {
    data = new Float32Array(frames * points * dims);
    confidence = new Float32Array(frames * points);
    const frameValues = points * dims;
    for (let f = 0; f < frames; f++) {
      const from = (f * people + person) * points;
      data.set(body.data.subarray(from * dims, from * dims + frameValues), f * frameValues);
      confidence.set(body.confidence.subarray(from, from + points), f * points);
    }
  }
  return createPoseSequence({ skeleton, fps: body.fps, dims, data, confidence, frames });
}
