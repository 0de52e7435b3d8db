/**
 * Format versions of SignLLM files (bundle and dataset manifests) are semantic versions. A reader
 * supports one major version: it reads every minor and patch of it (minor versions only add optional
 * fields, which older readers ignore) and rejects other majors with `format_unsupported_version`.
 */
import type { z } from 'zod';
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { SEMVER_PATTERN } from './fields.ts';
import { describeValue } from './format-issues.ts';
import { parseWith } from './parse-with.ts';

/** A parsed semantic version. */
export interface FormatVersion {
  /** Incompatible changes bump this. */
  major: number;
  /** Backwards-compatible additions bump this. */
  minor: number;
  /** Fixes that change no structure bump this. */
  patch: number;
  /** The `-prerelease` part without the dash, or undefined. */
  prerelease: string | undefined;
}

/**
 * Parses a semantic version string such as `"1.2.3"` or `"2.0.0-rc.1"`.
 *
 * @throws SignLLMError `format_invalid` when `version` is not a semantic version string.
 * @example
 * ```ts
 * parseFormatVersion('1.2.3'); // { major: 1, minor: 2, patch: 3, prerelease: undefined }
 * ```
 */
export function parseFormatVersion(version: unknown, label = 'format version'): FormatVersion {
  const match = typeof version === 'string' && version.length <= 64 ? SEMVER_PATTERN.exec(version) : null;
  if (!match) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${label}: expected a semantic version like "1.0.0", got ${describeValue(version)}`,
      { details: { label } },
    );
  }
  const [, major = '0', minor = '0', patch = '0', prerelease] = match;
  return { major: Number(major), minor: Number(minor), patch: Number(patch), prerelease };
}

/**
 * Checks that a file's format `version` can be read by code that writes `supported`: same major
 * version. Newer minors are accepted (they only add optional fields).
 *
 * @throws SignLLMError `format_unsupported_version` for another major (a newer one says to upgrade),
 *   `format_invalid` when `version` is not a semantic version.
 * @example
 * ```ts
 * checkFormatVersion('1.4.0', '1.0.0', 'bundle.json'); // ok
 * checkFormatVersion('2.0.0', '1.0.0', 'bundle.json'); // throws format_unsupported_version
 * ```
 */
export function checkFormatVersion(version: unknown, supported: string, label: string): FormatVersion {
  const found = parseFormatVersion(version, `${label} format version`);
  const current = parseFormatVersion(supported, 'supported format version');
  if (found.major === current.major) return found;
  const details = { label, value: version, supported };
  if (found.major > current.major) {
    throw new SignLLMError(
      ERROR_CODES.unsupportedVersion,
      `${label} has format version ${JSON.stringify(version)}, which is newer than this SignLLM reads ` +
        `(${current.major}.x, writes ${supported}); upgrade SignLLM to read it`,
      { details },
    );
  }
  throw new SignLLMError(
    ERROR_CODES.unsupportedVersion,
    `${label} has format version ${JSON.stringify(version)}, which is older than this SignLLM reads ` +
      `(${current.major}.x, writes ${supported}); re-create it with this version`,
    { details },
  );
}

/** The `formatVersion` field of a JSON object, when it is a well-formed semantic version string. */
function peekFormatVersion(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const version = (value as { formatVersion?: unknown }).formatVersion;
  return typeof version === 'string' && version.length <= 64 && SEMVER_PATTERN.test(version)
    ? version
    : undefined;
}

/**
 * Validates a parsed versioned file (bundle or dataset manifest): a well-formed `formatVersion` is
 * checked against `supported` first, so a future major gets `format_unsupported_version` rather than a
 * list of field errors; then every field with `schema`. A missing or malformed version is left to the
 * schema to report.
 *
 * @throws SignLLMError `format_unsupported_version` or `schema_invalid`.
 * @example
 * ```ts
 * parseVersioned(BundleManifestSchema, JSON.parse(text), BUNDLE_FORMAT_VERSION, 'bundle.json');
 * ```
 */
export function parseVersioned<S extends z.ZodType>(
  schema: S,
  value: unknown,
  supported: string,
  label: string,
): z.output<S> {
  const version = peekFormatVersion(value);
  if (version !== undefined) checkFormatVersion(version, supported, label);
  return parseWith(schema, value, label);
}
