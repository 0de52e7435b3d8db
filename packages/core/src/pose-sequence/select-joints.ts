/**
 * Keeping a subset of joints, in a chosen order, on a derived skeleton.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { type Bone, defineSkeleton, type Skeleton, type SkeletonComponent } from '../skeletons/skeleton.ts';
import { resolveJoint } from './joint-index.ts';
import { createPoseSequence, type Dims, type PoseSequence } from './pose-sequence.ts';

/** Options of `selectJoints`. */
export interface SelectJointsOptions {
  /** Name of the derived skeleton (default `${skeleton.name}:subset`). */
  name?: string;
}

/** Index of the component holding each joint. */
function componentOf(skeleton: Skeleton): Int32Array {
  const owner = new Int32Array(skeleton.joints.length).fill(-1);
  skeleton.components.forEach((c, ci) => {
    owner.fill(ci, c.start, c.start + c.count);
  });
  return owner;
}

/**
 * The skeleton made of `kept` joints (global indices, in output order). Bones survive when both
 * ends are kept; colours follow their joints; each run of consecutive kept joints coming from the
 * same original component becomes one component (repeated names get a `#2`, `#3`… suffix); the root
 * is the original root if kept, else the first kept joint. Selecting every joint in order keeps the
 * description, so the result then differs from the original only by its name.
 */
export function deriveSkeleton(skeleton: Skeleton, kept: readonly number[], name: string): Skeleton {
  const newIndex = new Map<number, number>(kept.map((j, i) => [j, i]));
  const bones: Bone[] = [];
  const boneLengthIds: number[] = [];
  skeleton.bones.forEach(([a, b], i) => {
    const na = newIndex.get(a);
    const nb = newIndex.get(b);
    if (na === undefined || nb === undefined) return;
    bones.push([na, nb]);
    const id = skeleton.boneLengthIds?.[i];
    if (id !== undefined) boneLengthIds.push(id);
  });
  const owner = componentOf(skeleton);
  const components: SkeletonComponent[] = [];
  const used = new Map<string, number>();
  let runStart = 0;
  for (let i = 1; i <= kept.length; i++) {
    if (i < kept.length && owner[kept[i]!] === owner[kept[runStart]!]) continue;
    const source = skeleton.components[owner[kept[runStart]!]!]!;
    const seen = (used.get(source.name) ?? 0) + 1;
    used.set(source.name, seen);
    const run = kept.slice(runStart, i);
    const component: SkeletonComponent = {
      name: seen === 1 ? source.name : `${source.name}#${seen}`,
      start: runStart,
      count: i - runStart,
      format: source.format,
      ...(source.points ? { points: run.map((j) => source.points![j - source.start]!) } : {}),
    };
    components.push(component);
    runStart = i;
  }
  return defineSkeleton({
    name,
    description:
      kept.every((j, i) => j === i) && kept.length === skeleton.joints.length
        ? skeleton.description
        : `${kept.length} of the ${skeleton.joints.length} joints of "${skeleton.name}"`,
    joints: kept.map((j) => skeleton.joints[j]!),
    bones,
    colors: kept.map((j) => skeleton.colors[j]!),
    root: newIndex.get(skeleton.root) ?? 0,
    components,
    ...(skeleton.boneLengthIds ? { boneLengthIds } : {}),
  });
}

/**
 * A sequence with only the given joints (indices or names), in the given order, on a derived
 * skeleton (see `deriveSkeleton` rules: bones with both ends kept, colours kept, one component per
 * run of joints from the same original component, root = original root or else the first kept
 * joint). The derived skeleton is not registered. Duplicates and unknown joints are rejected.
 *
 * @example
 * ```ts
 * const arms = selectJoints(seq, ['RShoulder', 'RElbow', 'RWrist', 'LShoulder', 'LElbow', 'LWrist']);
 * arms.skeleton.name; // 'prompt2sign-50:subset'
 * ```
 */
export function selectJoints<D extends Dims>(
  seq: PoseSequence<D>,
  joints: readonly (number | string)[],
  options: SelectJointsOptions = {},
): PoseSequence<D> {
  if (joints.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'selectJoints needs at least one joint, got an empty list',
    );
  }
  const kept = joints.map((j, i) => resolveJoint(seq.skeleton, j, `joints[${i}]`));
  const seen = new Set<number>();
  kept.forEach((j, i) => {
    if (seen.has(j)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `joints[${i}] selects joint ${j} ("${seq.skeleton.joints[j]}") a second time; each joint may appear once`,
        { details: { value: joints[i], index: i } },
      );
    }
    seen.add(j);
  });
  const skeleton = deriveSkeleton(seq.skeleton, kept, options.name ?? `${seq.skeleton.name}:subset`);
  const { dims, frames } = seq;
  const n = kept.length;
  const data = new Float32Array(frames * n * dims);
  const confidence = new Float32Array(frames * n);
  for (let f = 0; f < frames; f++) {
    for (let k = 0; k < n; k++) {
      const src = f * seq.joints + kept[k]!;
      const dst = f * n + k;
      confidence[dst] = seq.confidence[src]!;
      for (let d = 0; d < dims; d++) data[dst * dims + d] = seq.data[src * dims + d]!;
    }
  }
  return createPoseSequence({ skeleton, fps: seq.fps, dims, frames, data, confidence });
}
