/**
 * Builds a `Skeleton` from `.pose`-style components: per component its joint names, the point names
 * files use, local limbs and a colour palette cycled like pose-format (`colors[i % colors.length]`).
 * The built-in skeletons are written this way, and a `.pose` reader can build file skeletons with it.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { type Bone, defineSkeleton, type Rgb, type Skeleton, type SkeletonComponent } from './skeleton.ts';

/** One component of a skeleton under construction. */
export interface ComponentSpec {
  /** Component name, e.g. `pose_keypoints_2d`. */
  readonly name: string;
  /** pose-format point format, e.g. `XYC`. */
  readonly format: string;
  /** Global joint names, one per point; unique across the whole skeleton. */
  readonly joints: readonly string[];
  /** Point names as `.pose` files write them, when they differ from `joints`. */
  readonly points?: readonly string[];
  /** Limbs as flat `[from0, to0, from1, to1, ...]` indices local to this component. */
  readonly limbs: readonly number[];
  /** Colour palette, cycled over the points: point `i` gets `palette[i % palette.length]`. */
  readonly palette: readonly Rgb[];
}

/** A skeleton under construction. */
export interface SkeletonSpec {
  readonly name: string;
  readonly description: string;
  /** Name of the root joint. */
  readonly root: string;
  readonly components: readonly ComponentSpec[];
}

/**
 * Splits a flat `[a0, b0, a1, b1, ...]` list into pairs, adding `offset` to every index.
 *
 * @example
 * ```ts
 * pairs([0, 1, 1, 2], 10); // [[10, 11], [11, 12]]
 * ```
 */
export function pairs(flat: readonly number[], offset = 0): Bone[] {
  if (flat.length % 2 !== 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `A flat limb list needs an even length, got ${flat.length}`,
    );
  }
  const out: Bone[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]! + offset, flat[i + 1]! + offset]);
  return out;
}

/**
 * Colours of `n` points from a palette cycled as pose-format does.
 *
 * @example
 * ```ts
 * cycleColors([[255, 0, 0]], 3); // three reds
 * ```
 */
export function cycleColors(palette: readonly Rgb[], n: number): Rgb[] {
  if (palette.length === 0)
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'A colour palette needs a colour');
  return Array.from({ length: n }, (_, i) => palette[i % palette.length]!);
}

/**
 * Builds and checks (`defineSkeleton`) a skeleton from its components. Limbs become global bones in
 * component order, and every limb must stay inside its component.
 *
 * @example
 * ```ts
 * const sk = skeletonFromComponents({ name: 'stick', description: 'two points', root: 'a',
 *   components: [{ name: 'body', format: 'XYC', joints: ['a', 'b'], limbs: [0, 1], palette: [[255, 0, 0]] }] });
 * ```
 */
export function skeletonFromComponents(spec: SkeletonSpec): Skeleton {
  const joints: string[] = [];
  const bones: Bone[] = [];
  const colors: Rgb[] = [];
  const components: SkeletonComponent[] = [];
  for (const c of spec.components) {
    const start = joints.length;
    const count = c.joints.length;
    const local = pairs(c.limbs);
    local.forEach(([a, b]) => {
      if (!(a >= 0 && a < count && b >= 0 && b < count)) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `Skeleton "${spec.name}": limb [${a}, ${b}] of component "${c.name}" is outside 0..${count - 1}`,
        );
      }
      bones.push([a + start, b + start]);
    });
    joints.push(...c.joints);
    colors.push(...cycleColors(c.palette, count));
    components.push({
      name: c.name,
      start,
      count,
      format: c.format,
      ...(c.points ? { points: Object.freeze([...c.points]) } : {}),
    });
  }
  const root = joints.indexOf(spec.root);
  if (root < 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Skeleton "${spec.name}": root joint "${spec.root}" does not exist`,
    );
  }
  return defineSkeleton({
    name: spec.name,
    description: spec.description,
    joints,
    bones,
    colors,
    root,
    components,
  });
}
