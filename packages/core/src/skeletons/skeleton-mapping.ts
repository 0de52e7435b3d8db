/**
 * Skeleton mappings: how to compute each joint of a target skeleton from the joints of a source
 * skeleton. A target joint is a weighted mean of one or more source joints (e.g. the neck of
 * `prompt2sign-50` from MediaPipe's two shoulders); its confidence is the minimum of theirs, so a
 * derived joint is missing whenever one of its sources is. A target joint with no sources is missing.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { BUILTIN_SKELETON_MAPPINGS } from './mappings.ts';

/** How one target joint is computed. */
export interface JointSource {
  /** Source joint indices. Empty: the target joint does not exist in the source (always missing). */
  readonly joints: readonly number[];
  /** Weights, same length as `joints`, summing to 1. Absent: equal weights. */
  readonly weights?: readonly number[];
}

/** A mapping from skeleton `from` to skeleton `to`: one entry per joint of `to`. */
export interface SkeletonMapping {
  /** Source skeleton name. */
  readonly from: string;
  /** Target skeleton name. */
  readonly to: string;
  /** One entry per target joint, in target order. */
  readonly joints: readonly JointSource[];
}

const key = (from: string, to: string): string => `${from}→${to}`;
/** Seeded with the built-in mappings (see mappings.ts), so they exist without a side-effect import. */
const mappings = new Map<string, SkeletonMapping>(
  BUILTIN_SKELETON_MAPPINGS.map((m) => [key(m.from, m.to), m]),
);

/** Registers (or replaces) a mapping between two skeletons. */
export function registerSkeletonMapping(mapping: SkeletonMapping): void {
  mappings.set(key(mapping.from, mapping.to), mapping);
}

/** Lists registered mappings as `[from, to]` pairs. */
export function listSkeletonMappings(): Array<[from: string, to: string]> {
  return [...mappings.values()].map((m) => [m.from, m.to]);
}

/**
 * Returns the mapping from one skeleton to another.
 *
 * @example
 * ```ts
 * const m = getSkeletonMapping('openpose-137', 'prompt2sign-50'); // m.joints.length === 50
 * ```
 */
export function getSkeletonMapping(from: string, to: string): SkeletonMapping {
  const found = mappings.get(key(from, to));
  if (!found) {
    const available = [...mappings.keys()];
    throw new SignLLMError(
      ERROR_CODES.noSkeletonMapping,
      `No mapping from skeleton "${from}" to "${to}"; available mappings are ${formatOptions(available)}`,
      { details: { from, to, options: available } },
    );
  }
  return found;
}
