/**
 * Builds a `SkeletonMapping` from joint names: every target joint whose name also exists in the source
 * is copied from it, and a table of rules derives (or drops) the others. All built-in mappings are
 * written this way, so they are checked by name, never by hand-counted indices.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import type { Skeleton } from './skeleton.ts';
import type { JointSource, SkeletonMapping } from './skeleton-mapping.ts';

/**
 * How a target joint is derived from source joints, by name: one joint, the plain mean of several,
 * a weighted mean (weights summing to 1), or `null` for "missing in the source".
 */
export type NamedJointRule =
  | string
  | readonly string[]
  | { readonly joints: readonly string[]; readonly weights: readonly number[] }
  | null;

/**
 * Creates the mapping `from` → `to`. Target joints named in `rules` follow their rule; every other
 * target joint is copied from the source joint of the same name, or is missing when there is none.
 * Unknown joint names in `rules` throw `invalidArgument`, so a typo cannot silently drop a joint.
 *
 * @example
 * ```ts
 * const m = createNameMapping(DWPOSE_133, PROMPT2SIGN_50, { Neck: ['LShoulder', 'RShoulder'] });
 * ```
 */
export function createNameMapping(
  from: Skeleton,
  to: Skeleton,
  rules: Readonly<Record<string, NamedJointRule>> = {},
): SkeletonMapping {
  const where = `Mapping "${from.name}" → "${to.name}"`;
  const sourceIndex = new Map(from.joints.map((name, i) => [name, i]));
  const index = (name: string): number => {
    const i = sourceIndex.get(name);
    if (i === undefined) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${where}: source joint "${name}" does not exist in "${from.name}"`,
        { details: { value: name } },
      );
    }
    return i;
  };
  for (const target of Object.keys(rules)) {
    if (!to.joints.includes(target)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${where}: target joint "${target}" does not exist in "${to.name}"; its joints are ${formatOptions(to.joints)}`,
      );
    }
  }
  const joints = to.joints.map((name): JointSource => {
    const rule = Object.hasOwn(rules, name) ? rules[name] : sourceIndex.has(name) ? name : null;
    if (rule === null || rule === undefined) return { joints: [] };
    if (typeof rule === 'string') return { joints: [index(rule)] };
    if ('weights' in rule) {
      const sum = rule.weights.reduce((a, b) => a + b, 0);
      if (rule.weights.length !== rule.joints.length || Math.abs(sum - 1) > 1e-9) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `${where}: weights of "${name}" must match its joints and sum to 1`,
        );
      }
      return { joints: rule.joints.map(index), weights: [...rule.weights] };
    }
    const list = rule as readonly string[];
    return { joints: list.map(index), weights: list.map(() => 1 / list.length) };
  });
  return Object.freeze({ from: from.name, to: to.name, joints });
}
