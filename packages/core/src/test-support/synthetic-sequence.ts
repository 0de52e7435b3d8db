/**
 * Test-only: a pose sequence written out as nested arrays, `frames[f][j] = [x, y]` or `[x, y, z]`.
 */
import { createPoseSequence, type Dims, type PoseSequence } from '../pose-sequence/pose-sequence.ts';
import type { Skeleton } from '../skeletons/skeleton.ts';
import { testSkeleton } from './test-skeleton.ts';

/** Options of `syntheticSequence`. */
export interface SyntheticSequenceOptions {
  /** `confidence[f][j]`; default 1 everywhere. */
  confidence?: number[][] | undefined;
  /** Default: a `testSkeleton` with as many joints as the first frame. */
  skeleton?: Skeleton;
  /** Default 25. */
  fps?: number;
}

/** A sequence from nested arrays; dims come from the first joint of the first frame. */
export function syntheticSequence(
  frames: number[][][],
  options: SyntheticSequenceOptions = {},
): PoseSequence {
  const joints = frames[0]?.length ?? 0;
  const { confidence } = options;
  return createPoseSequence({
    skeleton: options.skeleton ?? testSkeleton(`synthetic-${joints}`, joints),
    fps: options.fps ?? 25,
    dims: (frames[0]?.[0]?.length ?? 2) as Dims,
    data: new Float32Array(frames.flat(2)),
    confidence: confidence ? new Float32Array(confidence.flat()) : undefined,
  });
}
