/**
 * Joining sequences end to end.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/**
 * Joins sequences one after the other. All must share the skeleton name (and joint count), `dims`
 * and `fps` (compared exactly); the first mismatch is reported as `invalidArgument`. The result uses
 * the first sequence's skeleton and owns new arrays.
 *
 * @example
 * ```ts
 * const whole = concatenate([slice(seq, 0, 10), slice(seq, 10)]); // equal to seq
 * ```
 */
export function concatenate<D extends Dims>(seqs: readonly PoseSequence<D>[]): PoseSequence<D> {
  const first = seqs[0];
  if (!first) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'concatenate needs at least one sequence, got none');
  }
  let frames = 0;
  seqs.forEach((seq, i) => {
    const mismatch = (what: string, got: unknown, expected: unknown): never => {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Cannot concatenate: sequence ${i} has ${what} ${JSON.stringify(got)}, expected ${JSON.stringify(expected)} (the ${what} of sequence 0)`,
        { details: { index: i, field: what, value: got, expected } },
      );
    };
    if (seq.skeleton.name !== first.skeleton.name)
      mismatch('skeleton', seq.skeleton.name, first.skeleton.name);
    if (seq.joints !== first.joints) mismatch('joint count', seq.joints, first.joints);
    if (seq.dims !== first.dims) mismatch('dims', seq.dims, first.dims);
    if (seq.fps !== first.fps) mismatch('fps', seq.fps, first.fps);
    frames += seq.frames;
  });
  const perFrame = first.joints * first.dims;
  const data = new Float32Array(frames * perFrame);
  const confidence = new Float32Array(frames * first.joints);
  let at = 0;
  for (const seq of seqs) {
    data.set(seq.data.subarray(0, seq.frames * perFrame), at * perFrame);
    confidence.set(seq.confidence.subarray(0, seq.frames * first.joints), at * first.joints);
    at += seq.frames;
  }
  return createPoseSequence({
    skeleton: first.skeleton,
    fps: first.fps,
    dims: first.dims,
    frames,
    data,
    confidence,
  });
}
