/**
 * The skeleton registry: built-in skeletons by name, plus any a user registers.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { PROMPT2SIGN_50 } from './prompt2sign-50.ts';
import type { Skeleton } from './skeleton.ts';

const registry = new Map<string, Skeleton>([[PROMPT2SIGN_50.name, PROMPT2SIGN_50]]);

/** Names of the registered skeletons. */
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

/** Registers a skeleton (e.g. one read from a `.pose` header) under its name. */
export function registerSkeleton(skeleton: Skeleton): void {
  registry.set(skeleton.name, skeleton);
}
