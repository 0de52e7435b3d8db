/**
 * The skeletal model of the 2D→3D lifter: a skeleton's bones as flat typed arrays (parent, child,
 * shared bone-length id), checked to form a tree ordered root → leaves, so that forward kinematics
 * is one pass over the bones and its backward pass one pass in reverse.
 */
import { ERROR_CODES, SignLLMError, type Skeleton } from '@signllm/core';

/** A tree skeleton ready for forward kinematics. */
export interface SkeletalModel {
  /** Skeleton name (for messages). */
  readonly name: string;
  /** Number of joints (J). */
  readonly joints: number;
  /** Number of bones (B = J − 1). */
  readonly bones: number;
  /** Number of distinct bone-length ids (K). */
  readonly lengthIds: number;
  /** The root joint. */
  readonly root: number;
  /** Start joint of each bone; already placed when the bone is reached. */
  readonly parent: Int32Array;
  /** End joint of each bone. */
  readonly child: Int32Array;
  /** Bone-length id of each bone, in 0..K−1. */
  readonly lengthId: Int32Array;
}

function fail(name: string, what: string): never {
  throw new SignLLMError(ERROR_CODES.invalidArgument, `Skeleton "${name}" cannot be lifted: ${what}`, {
    details: { skeleton: name },
  });
}

/**
 * Builds the skeletal model of a skeleton that has `boneLengthIds` and whose bones form a tree
 * listed root → leaves (every joint is the end of exactly one bone, except the root). Throws
 * `invalidArgument` otherwise.
 *
 * @example
 * ```ts
 * const model = skeletalModelOf(getSkeleton('prompt2sign-50'));
 * model.bones; // 49
 * model.lengthIds; // 25
 * ```
 */
export function skeletalModelOf(skeleton: Skeleton): SkeletalModel {
  const { name, root } = skeleton;
  const joints = skeleton.joints.length;
  const ids = skeleton.boneLengthIds;
  if (ids === undefined) fail(name, 'it has no boneLengthIds');
  const bones = skeleton.bones.length;
  if (bones !== joints - 1) fail(name, `a tree of ${joints} joints has ${joints - 1} bones, not ${bones}`);
  if (ids.length !== bones) fail(name, `${ids.length} bone-length ids for ${bones} bones`);
  const parent = new Int32Array(bones);
  const child = new Int32Array(bones);
  const lengthId = new Int32Array(bones);
  const placed = new Uint8Array(joints);
  placed[root] = 1;
  let lengthIds = 0;
  skeleton.bones.forEach(([a, b], i) => {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id >= bones) fail(name, `bone ${i} has length id ${id}`);
    if (placed[a] !== 1)
      fail(name, `bone ${i} [${a}, ${b}] starts at a joint not yet placed (not root → leaves)`);
    if (placed[b] === 1) fail(name, `bone ${i} [${a}, ${b}] ends at a joint that is already placed`);
    placed[b] = 1;
    parent[i] = a;
    child[i] = b;
    lengthId[i] = id;
    lengthIds = Math.max(lengthIds, id + 1);
  });
  const used = new Uint8Array(lengthIds);
  for (const id of lengthId) used[id] = 1;
  if (used.includes(0)) fail(name, `bone-length ids are not contiguous 0..${lengthIds - 1}`);
  return { name, joints, bones, lengthIds, root, parent, child, lengthId };
}
