/**
 * Re-expressing a sequence in another skeleton through a registered `SkeletonMapping`.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { getSkeleton } from '../skeletons/registry.ts';
import type { Skeleton } from '../skeletons/skeleton.ts';
import { getSkeletonMapping, type SkeletonMapping } from '../skeletons/skeleton-mapping.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/** One target joint, checked and with weights normalised to sum 1. */
interface PreparedSource {
  joints: readonly number[];
  weights: Float64Array;
}

function prepare(mapping: SkeletonMapping, sourceJoints: number, target: Skeleton): PreparedSource[] {
  const where = `Skeleton mapping "${mapping.from}" → "${mapping.to}"`;
  if (mapping.joints.length !== target.joints.length) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `${where} has ${mapping.joints.length} entries, but skeleton "${target.name}" has ${target.joints.length} joints`,
    );
  }
  return mapping.joints.map((source, t) => {
    const fail = (what: string): never => {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${where}: target joint ${t} ("${target.joints[t]}") ${what}`,
        { details: { from: mapping.from, to: mapping.to, target: t } },
      );
    };
    source.joints.forEach((j) => {
      if (!Number.isInteger(j) || j < 0 || j >= sourceJoints)
        fail(`uses source joint ${j}, outside 0..${sourceJoints - 1}`);
    });
    const n = source.joints.length;
    const weights = new Float64Array(n);
    if (source.weights) {
      if (source.weights.length !== n) fail(`has ${source.weights.length} weights for ${n} source joints`);
      let sum = 0;
      source.weights.forEach((w, i) => {
        if (!Number.isFinite(w)) fail(`has weight ${w}, which is not finite`);
        weights[i] = w;
        sum += w;
      });
      if (n > 0 && sum === 0) fail('has weights that sum to 0');
      for (let i = 0; i < n; i++) weights[i] = weights[i]! / sum;
    } else {
      weights.fill(1 / n);
    }
    return { joints: source.joints, weights };
  });
}

/**
 * Converts `seq` to the `target` skeleton (a registered name or a `Skeleton`) with the mapping
 * `getSkeletonMapping(seq.skeleton.name, target.name)`. Each target joint is the weighted mean of
 * its source joints (weights default to equal and are rescaled to sum 1); its confidence is the
 * minimum of theirs. A target joint with no sources, or with any missing source (confidence not
 * > 0), is missing: confidence 0 and coordinates 0. When the source skeleton already has the
 * target's name and joints, the result is a copy on `target`.
 *
 * @example
 * ```ts
 * const p50 = mapSkeleton(openposeSeq, 'prompt2sign-50');
 * ```
 */
export function mapSkeleton<D extends Dims>(
  seq: PoseSequence<D>,
  target: string | Skeleton,
): PoseSequence<D> {
  const skeleton = typeof target === 'string' ? getSkeleton(target) : target;
  const { dims, frames } = seq;
  const sameSkeleton =
    skeleton.name === seq.skeleton.name &&
    skeleton.joints.length === seq.joints &&
    skeleton.joints.every((name, j) => name === seq.skeleton.joints[j]);
  if (sameSkeleton) {
    const { fps, data, confidence } = seq;
    return createPoseSequence({
      skeleton,
      fps,
      dims,
      frames,
      data: data.slice(),
      confidence: confidence.slice(),
    });
  }
  const sources = prepare(getSkeletonMapping(seq.skeleton.name, skeleton.name), seq.joints, skeleton);
  const n = skeleton.joints.length;
  const data = new Float32Array(frames * n * dims);
  const confidence = new Float32Array(frames * n);
  const sum = new Float64Array(dims);
  for (let f = 0; f < frames; f++) {
    const base = f * seq.joints;
    sources.forEach(({ joints, weights }, t) => {
      if (joints.length === 0) return;
      let c = Number.POSITIVE_INFINITY;
      sum.fill(0);
      for (let i = 0; i < joints.length; i++) {
        const src = base + joints[i]!;
        const ci = seq.confidence[src]!;
        if (!(ci > 0)) return; // a missing source: the target joint stays missing (all zeros)
        if (ci < c) c = ci;
        for (let d = 0; d < dims; d++) sum[d] = sum[d]! + weights[i]! * seq.data[src * dims + d]!;
      }
      const dst = f * n + t;
      confidence[dst] = c;
      for (let d = 0; d < dims; d++) data[dst * dims + d] = sum[d]!;
    });
  }
  return createPoseSequence({ skeleton, fps: seq.fps, dims, frames, data, confidence });
}
