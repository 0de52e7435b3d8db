/**
 * Turns zod issues into short, plain messages that name the field, what was expected and what was
 * found: `batchSize: expected a positive integer, got -1`. Used by `parseWith`; kept apart so the
 * wording lives in one place.
 */
import type { z } from 'zod';
import { formatOptions } from '../errors/signllm-error.ts';

/** One problem found in a value: where it is and what is wrong. */
export interface SchemaIssue {
  /** Path from the root of the value to the bad field (keys and array indices). */
  path: (string | number)[];
  /** What is wrong, ending with the value found where that helps. */
  message: string;
}

const SHOWN_CHARS = 40;

/** A short, safe description of any value for an error message (long strings are cut). */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length > SHOWN_CHARS
        ? `${JSON.stringify(value.slice(0, SHOWN_CHARS))}… (${value.length} characters)`
        : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'bigint':
      return 'a bigint';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value)
        ? `an array of ${value.length} item${value.length === 1 ? '' : 's'}`
        : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

function shortKey(key: string): string {
  return key.length > SHOWN_CHARS ? `${key.slice(0, SHOWN_CHARS)}…` : key;
}

/** `a.b[2]["odd key"]` for a path; empty string for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment))
      out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(shortKey(String(segment)))}]`;
  }
  return out;
}

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  record: 'an object',
  null: 'null',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? `a value of type ${expected}`;
}

function isIntSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { isInt?: unknown }).isInt === true;
}

function bound(kind: 'min' | 'max', value: number | bigint, inclusive: boolean, noun: string): string {
  if (kind === 'min' && value === 0) return inclusive ? `a non-negative ${noun}` : `a positive ${noun}`;
  const article = noun === 'integer' ? 'an' : 'a';
  const op = kind === 'min' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
  return `${article} ${noun} ${op} ${value}`;
}

function sizeBound(kind: 'min' | 'max', value: number | bigint, exact: boolean, unit: string): string {
  const plural = value === 1 ? unit : `${unit}s`;
  if (exact) return `exactly ${value} ${plural}`;
  return `${kind === 'min' ? 'at least' : 'at most'} ${value} ${plural}`;
}

function sizeUnit(origin: string): string | undefined {
  if (origin === 'string') return 'character';
  if (origin === 'array' || origin === 'set') return 'item';
  return undefined;
}

/** `"a", "b" or "c"` for strings, `2 or 3` for numbers. */
function listValues(values: readonly unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? JSON.stringify(shortKey(v)) : String(v)));
  if (shown.length <= 1) return shown[0] ?? '(nothing)';
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}`;
}

/**
 * A zod error map that words issues as "expected …" (the value found is appended later by
 * `collectIssues`). Returns undefined for issues it does not know, so zod's own wording is used.
 */
export const issueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `missing; expected ${typeName(issue.expected)}`;
      return `expected ${typeName(issue.expected)}`;
    case 'too_small':
    case 'too_big': {
      const kind = issue.code === 'too_small' ? 'min' : 'max';
      const limit = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const unit = sizeUnit(issue.origin);
      if (unit !== undefined) return `expected ${sizeBound(kind, limit, issue.exact === true, unit)}`;
      const noun = isIntSchema(issue.schema) || issue.origin === 'int' ? 'integer' : 'number';
      return `expected ${bound(kind, limit, issue.inclusive === true, noun)}`;
    }
    case 'invalid_value':
      return `expected ${listValues(issue.values)}`;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'invalid_format':
      return `expected a string in ${issue.format} format`;
    case 'unrecognized_keys': {
      const inst = issue.inst as { shape?: Record<string, unknown> } | undefined;
      const keys = issue.keys.map(shortKey);
      const noun = keys.length === 1 ? 'key' : 'keys';
      const valid = inst?.shape ? `; valid keys are ${formatOptions(Object.keys(inst.shape))}` : '';
      return `unknown ${noun} ${formatOptions(keys, 5)}${valid}`;
    }
    default:
      return undefined;
  }
};

const APPEND_VALUE = new Set([
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_value',
  'not_multiple_of',
  'invalid_format',
]);

function sizeOf(input: unknown): string {
  if (typeof input === 'string')
    return input.length <= SHOWN_CHARS ? JSON.stringify(input) : `${input.length} characters`;
  if (Array.isArray(input)) return `${input.length} items`;
  return describeValue(input);
}

function withValue(issue: z.core.$ZodIssue): string {
  if (!APPEND_VALUE.has(issue.code) || issue.input === undefined) return issue.message;
  const sized = (issue.code === 'too_small' || issue.code === 'too_big') && issue.origin !== 'number';
  return `${issue.message}, got ${sized ? sizeOf(issue.input) : describeValue(issue.input)}`;
}

/** For a union that failed: the issues of the one branch whose type matched, if exactly one did. */
function matchingBranch(
  errors: readonly (readonly z.core.$ZodIssue[])[],
): readonly z.core.$ZodIssue[] | undefined {
  const deep = errors.filter((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
  return deep.length === 1 ? deep[0] : undefined;
}

function unionMessage(errors: readonly (readonly z.core.$ZodIssue[])[], input: unknown): string {
  const expected = errors.flatMap((branch) =>
    branch.flatMap((i) => (i.path.length === 0 && i.code === 'invalid_type' ? [i.expected] : [])),
  );
  const names = [...new Set(expected.map(typeName))];
  const what = names.length > 0 ? names.join(' or ') : 'a value matching one of the allowed forms';
  return `expected ${what}, got ${describeValue(input)}`;
}

/**
 * Flattens zod issues (from a parse with `reportInput: true`) into `{ path, message }` pairs, opening
 * unions whose type matched exactly one branch so the message points at the real field.
 */
export function collectIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[] = [],
  out: SchemaIssue[] = [],
): SchemaIssue[] {
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
    if (issue.code === 'invalid_union') {
      const branch = matchingBranch(issue.errors);
      if (branch) {
        collectIssues(branch, path, out);
        continue;
      }
      out.push({ path, message: unionMessage(issue.errors, issue.input) });
    } else if (issue.code === 'invalid_key') {
      const inner = issue.issues.map((i) => i.message).join('; ');
      out.push({ path, message: `invalid key: ${inner}` });
    } else {
      out.push({ path, message: withValue(issue) });
    }
  }
  return out;
}
