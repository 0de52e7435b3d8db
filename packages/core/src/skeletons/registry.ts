/**
 * The skeleton registry: built-in skeletons by name, plus any a user registers.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { DWPOSE_128 } from './dwpose-128.ts';
import { DWPOSE_133 } from './dwpose-133.ts';
import { HOLISTIC_178 } from './holistic-178.ts';
import { HOLISTIC_576, HOLISTIC_586 } from './holistic-576.ts';
import { OPENPOSE_137 } from './openpose-137.ts';
import { PROMPT2SIGN_50 } from './prompt2sign-50.ts';
import type { Skeleton } from './skeleton.ts';

/** The built-in skeletons, in registry order. */
export const BUILTIN_SKELETONS: readonly Skeleton[] = [
  PROMPT2SIGN_50,
  OPENPOSE_137,
  HOLISTIC_576,
  HOLISTIC_586,
  HOLISTIC_178,
  DWPOSE_133,
  DWPOSE_128,
];

const registry = new Map<string, Skeleton>(BUILTIN_SKELETONS.map((s) => [s.name, s]));

/**
 * Names of the registered skeletons: the built-ins first, then user-registered ones.
 *
 * @example
 * ```ts
 * listSkeletons(); // ['prompt2sign-50', 'openpose-137', 'holistic-576', ...]
 * ```
 */
export function listSkeletons(): string[] {
  return [...registry.keys()];
}

/**
 * Looks up a skeleton by name.
 *
 * @example
 * ```ts
 * const sk = getSkeleton('prompt2sign-50'); // sk.joints.length === 50
 * ```
 */
export function getSkeleton(name: string): Skeleton {
  const found = registry.get(name);
  if (!found) {
    throw new SignLLMError(
      ERROR_CODES.unknownSkeleton,
      `Unknown skeleton "${name}"; valid skeletons are ${formatOptions(listSkeletons())}`,
      { details: { value: name, options: listSkeletons() } },
    );
  }
  return found;
}

/**
 * Registers a skeleton (e.g. one read from a `.pose` header) under its name, replacing any skeleton
 * of that name.
 *
 * @example
 * ```ts
 * registerSkeleton(defineSkeleton({ name: 'tiny', description: 'one joint', joints: ['a'], bones: [],
 *   colors: [[255, 0, 0]], root: 0, components: [{ name: 'body', start: 0, count: 1, format: 'XYC' }] }));
 * ```
 */
export function registerSkeleton(skeleton: Skeleton): void {
  registry.set(skeleton.name, skeleton);
}
