/**
 * A skeleton is data: joint names, bones, colours, root. Pose sequences carry the skeleton they are
 * expressed in, and codecs, renderers and models read everything they need from it.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';

/** An RGB colour, each channel 0..255 (renderers clamp: pose-format palettes hold values > 255). */
export type Rgb = readonly [r: number, g: number, b: number];

/** A bone: indices of its start and end joint. */
export type Bone = readonly [from: number, to: number];

/**
 * A contiguous block of joints, as `.pose` files group points (body, face, hands).
 * `format` is the pose-format component format, e.g. `XYC` or `XYZC`.
 */
export interface SkeletonComponent {
  /** Component name, e.g. `POSE_LANDMARKS` or `pose_keypoints_2d`. */
  readonly name: string;
  /** Index of the first joint of this component in the skeleton. */
  readonly start: number;
  /** Number of joints in this component. */
  readonly count: number;
  /** pose-format point format: axes then `C` (confidence), e.g. `XYC`. */
  readonly format: string;
  /**
   * The point names exactly as `.pose` files name them inside this component, when they differ from
   * the skeleton's (globally unique) joint names, e.g. hands that both call their first point `WRIST`.
   */
  readonly points?: readonly string[];
}

/** A skeleton definition. All indices are global joint indices (0-based). */
export interface Skeleton {
  /** Registry name, e.g. `prompt2sign-50`; for skeletons read from a file, a name derived from it. */
  readonly name: string;
  /** Human-readable description. */
  readonly description: string;
  /** Joint names, one per joint, unique. */
  readonly joints: readonly string[];
  /** Bones (limbs) as pairs of joint indices. For tree skeletons, ordered root → leaves. */
  readonly bones: readonly Bone[];
  /** One colour per joint; a bone's colour is the mean of its endpoints' colours. */
  readonly colors: readonly Rgb[];
  /** Index of the root joint. */
  readonly root: number;
  /** Groups of joints as `.pose` components, in order, covering all joints. */
  readonly components: readonly SkeletonComponent[];
  /**
   * For skeletons used by the 2D→3D lifter: one bone-length id per bone; bones with the same id share
   * a length (left and right sides).
   */
  readonly boneLengthIds?: readonly number[];
}

/**
 * Checks a skeleton definition and returns it frozen: unique joint names, bones and root in range,
 * one colour per joint, components covering all joints in order.
 *
 * @example
 * ```ts
 * const tiny = defineSkeleton({ name: 'tiny', description: 'two joints', joints: ['a', 'b'],
 *   bones: [[0, 1]], colors: [[255, 0, 0], [0, 0, 255]], root: 0,
 *   components: [{ name: 'body', start: 0, count: 2, format: 'XYC' }] });
 * ```
 */
export function defineSkeleton(skeleton: Skeleton): Skeleton {
  const fail = (what: string): never => {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `Skeleton "${skeleton.name}": ${what}`);
  };
  const n = skeleton.joints.length;
  if (n === 0) fail('has no joints');
  if (new Set(skeleton.joints).size !== n) fail('joint names are not unique');
  if (skeleton.colors.length !== n) fail(`has ${skeleton.colors.length} colours for ${n} joints`);
  if (!Number.isInteger(skeleton.root) || skeleton.root < 0 || skeleton.root >= n) {
    fail(`root ${skeleton.root} is outside 0..${n - 1}`);
  }
  skeleton.bones.forEach(([a, b], i) => {
    if (!(a >= 0 && a < n && b >= 0 && b < n && Number.isInteger(a) && Number.isInteger(b))) {
      fail(`bone ${i} [${a}, ${b}] is outside 0..${n - 1}`);
    }
  });
  if (skeleton.boneLengthIds && skeleton.boneLengthIds.length !== skeleton.bones.length) {
    fail(`has ${skeleton.boneLengthIds.length} bone-length ids for ${skeleton.bones.length} bones`);
  }
  let next = 0;
  for (const c of skeleton.components) {
    if (c.start !== next || c.count <= 0) fail(`component "${c.name}" does not start at joint ${next}`);
    if (c.points && c.points.length !== c.count)
      fail(`component "${c.name}" names ${c.points.length} of ${c.count} points`);
    next += c.count;
  }
  if (next !== n) fail(`components cover ${next} of ${n} joints`);
  return Object.freeze(skeleton);
}

/** The colour of a bone: the mean of its two joints' colours, clamped to 0..255. */
export function boneColor(skeleton: Skeleton, bone: number): Rgb {
  const pair = skeleton.bones[bone];
  if (!pair)
    throw new SignLLMError(ERROR_CODES.invalidArgument, `Bone ${bone} does not exist in "${skeleton.name}"`);
  const a = skeleton.colors[pair[0]]!;
  const b = skeleton.colors[pair[1]]!;
  const c = (i: 0 | 1 | 2): number => Math.min(255, Math.max(0, Math.round((a[i] + b[i]) / 2)));
  return [c(0), c(1), c(2)];
}
