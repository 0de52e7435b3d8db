/**
 * `skeletonFromPoseHeader`: the `Skeleton` a `.pose` header describes, preferring a registered one.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { getSkeleton, listSkeletons } from '../../skeletons/registry.ts';
import { type Bone, defineSkeleton, type Rgb, type Skeleton } from '../../skeletons/skeleton.ts';
import type { PoseHeader } from './pose-file.ts';

/** Colour of every point of a component that has an empty palette. */
export const DEFAULT_POINT_COLOR: Rgb = [128, 128, 128];

/** The point names of skeleton component `i`: its `points` when present, else its joints' names. */
function componentPointNames(skeleton: Skeleton, i: number): readonly string[] {
  const c = skeleton.components[i]!;
  return c.points ?? skeleton.joints.slice(c.start, c.start + c.count);
}

/** True when `skeleton`'s components match the header's in order: names, counts and point names. */
export function skeletonMatchesPoseHeader(skeleton: Skeleton, header: PoseHeader): boolean {
  if (skeleton.components.length !== header.components.length) return false;
  let total = 0;
  for (let i = 0; i < header.components.length; i++) {
    const h = header.components[i]!;
    const s = skeleton.components[i]!;
    if (s.name !== h.name || s.count !== h.points.length || s.start !== total) return false;
    const names = componentPointNames(skeleton, i);
    if (names.length !== h.points.length || names.some((n, j) => n !== h.points[j])) return false;
    total += s.count;
  }
  return total === skeleton.joints.length;
}

/** Makes `names` unique by suffixing repeats with `#2`, `#3`, … (only for hostile headers). */
function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let k = 2; seen.has(unique); k++) unique = `${name}#${k}`;
    seen.add(unique);
    return unique;
  });
}

/**
 * The skeleton a `.pose` header describes.
 *
 * First looks, at call time, through the registered skeletons (`listSkeletons`) for one whose
 * components match the header's in order: same component names, same counts, same point names
 * (a registered component's point names are its `points` when present, else its joints' names).
 * The first match is returned as is (its own bones and colours win over the file's).
 *
 * Otherwise builds a custom skeleton named `pose:` + the component names joined with `+`:
 * - joints: the point names when they are unique across the header, else `component.point`;
 * - components: one per header component, with the raw point names in `points`;
 * - bones: the limbs, shifted to global indices (a limb outside its component is a `badFormat`);
 * - colours: point `i` of a component gets `colors[i % colors.length]`, raw (values above 255 are
 *   kept; renderers clamp), or grey when the palette is empty;
 * - root 0. A component without points cannot be represented and is an `invalidArgument` error.
 *
 * @example
 * ```ts
 * const skeleton = skeletonFromPoseHeader(readPose(bytes).header);
 * skeleton.name; // e.g. 'openpose-137' when registered, else 'pose:pose_keypoints_2d+face_keypoints_2d+…'
 * ```
 */
export function skeletonFromPoseHeader(header: PoseHeader): Skeleton {
  for (const name of listSkeletons()) {
    const candidate = getSkeleton(name);
    if (skeletonMatchesPoseHeader(candidate, header)) return candidate;
  }
  return customSkeletonFromPoseHeader(header);
}

/**
 * The skeleton built from a `.pose` header alone (the file's own names, limbs and colours), without
 * looking at the registry. `skeletonFromPoseHeader` falls back to this; see there for the rules.
 *
 * @example
 * ```ts
 * const own = customSkeletonFromPoseHeader(readPose(bytes).header); // own.name starts with 'pose:'
 * ```
 */
export function customSkeletonFromPoseHeader(header: PoseHeader): Skeleton {
  const name = `pose:${header.components.map((c) => c.name).join('+')}`;
  const rawNames = header.components.flatMap((c) => c.points);
  const joints = uniqueNames(
    new Set(rawNames).size === rawNames.length
      ? rawNames
      : header.components.flatMap((c) => c.points.map((p) => `${c.name}.${p}`)),
  );
  const bones: Bone[] = [];
  const colors: Rgb[] = [];
  let start = 0;
  const components = header.components.map((c, i) => {
    const count = c.points.length;
    if (count === 0) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `.pose component ${i} "${c.name}" has no points; a Skeleton cannot hold an empty component`,
      );
    }
    c.limbs.forEach(([from, to], l) => {
      if (!(from < count && to < count)) {
        throw new SignLLMError(
          ERROR_CODES.badFormat,
          `.pose component ${i} "${c.name}": limb ${l} [${from}, ${to}] is outside its points 0..${count - 1}`,
        );
      }
      bones.push([start + from, start + to]);
    });
    for (let p = 0; p < count; p++) {
      const rgb = c.colors.length > 0 ? c.colors[p % c.colors.length]! : DEFAULT_POINT_COLOR;
      colors.push([rgb[0], rgb[1], rgb[2]]);
    }
    const component = { name: c.name, start, count, format: c.format, points: [...c.points] };
    start += count;
    return component;
  });
  return defineSkeleton({
    name,
    description: `Read from a .pose header: ${start} points in ${components.length} components`,
    joints,
    bones,
    colors,
    root: 0,
    components,
  });
}
