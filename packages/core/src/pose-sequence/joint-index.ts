/**
 * Joint look-up by name or index, with error messages that list valid names.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import type { Skeleton } from '../skeletons/skeleton.ts';

/** How many valid names an "unknown joint" message lists. */
const NAMES_SHOWN = 8;

/**
 * Returns the index of the joint called `name` in `skeleton` (exact, case-sensitive match).
 * Throws `invalidArgument` naming a few valid joints when there is none.
 *
 * @example
 * ```ts
 * jointIndex(getSkeleton('prompt2sign-50'), 'RShoulder'); // 2
 * ```
 */
export function jointIndex(skeleton: Skeleton, name: string): number {
  const index = skeleton.joints.indexOf(name);
  if (index < 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Unknown joint "${name}" in skeleton "${skeleton.name}"; valid joints are ${formatOptions(skeleton.joints, NAMES_SHOWN)}`,
      { details: { value: name, skeleton: skeleton.name, options: skeleton.joints.slice(0, NAMES_SHOWN) } },
    );
  }
  return index;
}

/**
 * Resolves a joint given by index or name to its index, checking the index range.
 * `what` names the argument in error messages. Internal helper of the pose-sequence operations.
 */
export function resolveJoint(skeleton: Skeleton, joint: number | string, what = 'joint'): number {
  if (typeof joint === 'string') return jointIndex(skeleton, joint);
  const n = skeleton.joints.length;
  if (!Number.isInteger(joint) || joint < 0 || joint >= n) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${what} ${String(joint)} is not a joint index of skeleton "${skeleton.name}" (0..${n - 1}) nor a joint name`,
      { details: { value: joint, skeleton: skeleton.name } },
    );
  }
  return joint;
}
