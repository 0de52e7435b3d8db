/**
 * `parseWith`: the one way SignLLM validates outside data (files, CLI options, HTTP bodies) against a
 * zod schema. Failures become a `SignLLMError` with code `schema_invalid` whose message lists every
 * problem with its path, what was expected and what was found.
 */
import type { z } from 'zod';
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { collectIssues, formatPath, issueMessage, type SchemaIssue } from './format-issues.ts';

/** At most this many problems are spelled out in the message; `details.issues` keeps up to 100. */
const MAX_LISTED = 10;
const MAX_DETAILED = 100;

function formatIssue(issue: SchemaIssue): string {
  const path = formatPath(issue.path);
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/**
 * Validates `value` with `schema` and returns the parsed (defaults filled, unknown keys handled as the
 * schema says) value. `label` names the input in the message, e.g. `"train config"`.
 *
 * @throws SignLLMError `schema_invalid` listing each problem, e.g.
 *   `train config: batchSize: expected a positive integer, got -1`.
 * @example
 * ```ts
 * const config = parseWith(TrainConfigSchema, JSON.parse(text), 'train config');
 * ```
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, label: string): z.output<S> {
  let issues: SchemaIssue[];
  try {
    const result = schema.safeParse(value, { error: issueMessage, reportInput: true });
    if (result.success) return result.data;
    issues = collectIssues(result.error.issues);
  } catch (cause) {
    // A refinement or a hostile value (a throwing getter, a proxy) broke validation itself.
    if (SignLLMError.isInstance(cause)) throw cause;
    const reason = cause instanceof Error ? cause.message : 'unknown failure';
    throw new SignLLMError(ERROR_CODES.schemaInvalid, `${label}: could not be validated: ${reason}`, {
      cause,
      details: { label },
    });
  }
  const listed = issues.slice(0, MAX_LISTED).map(formatIssue);
  const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more problems` : '';
  throw new SignLLMError(ERROR_CODES.schemaInvalid, `${label}: ${listed.join('; ')}${more}`, {
    details: { label, issues: issues.slice(0, MAX_DETAILED) },
  });
}
