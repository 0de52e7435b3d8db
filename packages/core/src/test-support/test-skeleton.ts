/**
 * Test-only: a small synthetic skeleton for tests of pose-sequence operations and metrics.
 */
import { defineSkeleton, type Skeleton } from '../skeletons/skeleton.ts';

/** Options of `testSkeleton`. */
export interface TestSkeletonOptions {
  /** pose-format component format (default `'XYC'`). */
  format?: string;
  /** Point names of the single component, when the test needs them. */
  points?: readonly string[];
}

/**
 * A skeleton with the given joints (a count gives `j0`, `j1`, …), no bones, black colours, root 0 and
 * one component `all` covering every joint. Not registered.
 */
export function testSkeleton(
  name: string,
  joints: number | readonly string[],
  options: TestSkeletonOptions = {},
): Skeleton {
  const names = typeof joints === 'number' ? Array.from({ length: joints }, (_, i) => `j${i}`) : joints;
  const { format = 'XYC', points } = options;
  return defineSkeleton({
    name,
    description: name,
    joints: names,
    bones: [],
    colors: names.map(() => [0, 0, 0] as const),
    root: 0,
    components: [{ name: 'all', start: 0, count: names.length, format, ...(points ? { points } : {}) }],
  });
}
