/**
 * Test-only: a chain skeleton (joint i joined to joint i+1) with given colours, one `XYZC` component,
 * for the renderer and geometry tests.
 */
import { defineSkeleton, type Rgb, type Skeleton } from '@signllm/core';

/** A chain of `colors.length` joints named a, b, c, … with those colours. Not registered. */
export function chainSkeleton(name: string, colors: readonly Rgb[]): Skeleton {
  const joints = colors.map((_, i) => String.fromCharCode(97 + i));
  return defineSkeleton({
    name,
    description: `a chain of ${joints.length} joints`,
    joints,
    bones: joints.slice(1).map((_, i) => [i, i + 1] as const),
    colors,
    root: 0,
    components: [{ name: 'body', start: 0, count: joints.length, format: 'XYZC' }],
  });
}
