/**
 * Field schemas shared by several schema groups: semantic versions, sha256 digests, safe relative
 * paths, skeleton names, bounded text and numbers. Messages start with "expected …"; `parseWith`
 * appends ", got <value>".
 */
import { z } from 'zod';

/** The zod type of `z.enum(values)` for a `const` tuple of values, written once for annotations. */
export type EnumOf<T extends readonly string[]> = z.ZodEnum<{ [K in T[number]]: K }>;

/** Largest integer a JSON number carries exactly. */
const MAX_INT = Number.MAX_SAFE_INTEGER;

/** Semantic version 2.0.0 (`MAJOR.MINOR.PATCH`, optional `-prerelease` and `+build`). */
export const SEMVER_PATTERN: RegExp =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/**
 * A semantic version string such as `"1.0.0"`.
 *
 * @example
 * ```ts
 * SemverSchema.parse('1.2.0'); // '1.2.0'
 * ```
 */
export const SemverSchema: z.ZodString = z
  .string()
  .max(64, { abort: true, error: 'expected a semantic version of at most 64 characters' })
  .regex(SEMVER_PATTERN, { error: 'expected a semantic version like "1.0.0"' });

/**
 * A SHA-256 digest as 64 lowercase hexadecimal digits.
 *
 * @example
 * ```ts
 * Sha256Schema.parse('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
 * ```
 */
export const Sha256Schema: z.ZodString = z
  .string()
  .max(64, { abort: true, error: 'expected a sha256 digest of 64 lowercase hex digits' })
  .regex(/^[0-9a-f]{64}$/, { error: 'expected a sha256 digest of 64 lowercase hex digits' });

/** Why a relative path is unsafe, or undefined when it is fine. */
function relativePathProblem(path: string): string | undefined {
  if (path.startsWith('/')) return 'expected a relative path, not an absolute one';
  if (/^[A-Za-z]:/.test(path)) return 'expected a relative path, not a drive path';
  if (path.includes('\\')) return 'expected "/" as the path separator, not "\\"';
  if (path.includes('\0')) return 'expected a path without NUL characters';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') return 'expected a path without empty or "." segments';
    if (segment === '..') return 'expected a path inside its folder (no ".." segments)';
  }
  return undefined;
}

/**
 * A POSIX path relative to the folder of the manifest that names it: no leading `/`, no `..`, no `\`.
 * Readers join it to their folder without escaping it.
 *
 * @example
 * ```ts
 * RelativePathSchema.parse('shards/train-00000.parquet');
 * ```
 */
export const RelativePathSchema: z.ZodString = z
  .string()
  .min(1, { abort: true, error: 'expected a non-empty relative path' })
  .max(1024, { abort: true, error: 'expected a path of at most 1024 characters' })
  .superRefine((path, ctx) => {
    const problem = relativePathProblem(path);
    if (problem !== undefined)
      ctx.addIssue({ code: 'custom', message: `${problem}, got ${JSON.stringify(path)}` });
  });

/**
 * A skeleton name as registered in the skeleton registry, e.g. `"prompt2sign-50"`. Only the form is
 * checked here; the skeleton registry decides whether it exists.
 *
 * @example
 * ```ts
 * SkeletonNameSchema.parse('prompt2sign-50');
 * ```
 */
export const SkeletonNameSchema: z.ZodString = z
  .string()
  .max(64, { abort: true, error: 'expected a skeleton name of at most 64 characters' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, {
    error: 'expected a skeleton name of lowercase letters, digits, ".", "_" or "-" (e.g. "prompt2sign-50")',
  });

/**
 * A date-time in ISO 8601 / RFC 3339 form with `Z` or an offset, e.g. `2025-01-31T12:00:00Z`.
 *
 * @example
 * ```ts
 * DateTimeSchema.parse('2025-03-20T17:05:00+01:00');
 * ```
 */
export const DateTimeSchema: z.ZodISODateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time like "2025-01-31T12:00:00Z"',
});

/** Non-empty text of at most `max` characters (UTF-16 code units). */
export function text(max: number): z.ZodString {
  return z.string().min(1, { abort: true, error: 'expected a non-empty string' }).max(max, { abort: true });
}

/** An integer > 0 (at most `max`). */
export function positiveInt(max: number = MAX_INT): z.ZodNumber {
  return z.number().int().positive().max(max);
}

/** An integer >= 0 (at most `max`). */
export function nonNegativeInt(max: number = MAX_INT): z.ZodNumber {
  return z.number().int().nonnegative().max(max);
}

/** A finite number > 0 (at most `max`). */
export function positiveNumber(max: number = Number.MAX_VALUE): z.ZodNumber {
  return z.number().positive().max(max);
}

/** A finite number >= 0 (at most `max`). */
export function nonNegativeNumber(max: number = Number.MAX_VALUE): z.ZodNumber {
  return z.number().nonnegative().max(max);
}

/** True when `values` has no repeated entry. */
export function allUnique(values: readonly unknown[]): boolean {
  return new Set(values).size === values.length;
}

/** The entries of `values` that occur more than once, each listed once. */
export function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const v of values) {
    if (seen.has(v)) repeated.add(v);
    else seen.add(v);
  }
  return [...repeated];
}
