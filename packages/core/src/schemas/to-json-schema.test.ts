import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { schemaExample } from '../test-support/schema-example.ts';
import { SCHEMA_NAMES, SCHEMAS, type SchemaName, toJsonSchema } from './to-json-schema.ts';

type Json = Record<string, unknown>;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Keywords zod may emit, with a check of each keyword's value (JSON Schema 2020-12 meta-schema rules). */
const KEYWORDS: Record<string, (v: unknown) => boolean> = {
  $schema: (v) => v === 'https://json-schema.org/draft/2020-12/schema',
  title: (v) => typeof v === 'string',
  description: (v) => typeof v === 'string' && v.length > 0,
  type: (v) => (Array.isArray(v) ? v.every((t) => TYPES.has(t)) : TYPES.has(v as string)),
  properties: (v) => isObject(v),
  required: (v) => Array.isArray(v) && v.every((k) => typeof k === 'string') && new Set(v).size === v.length,
  additionalProperties: (v) => typeof v === 'boolean' || isObject(v),
  propertyNames: isObject,
  items: (v) => typeof v === 'boolean' || isObject(v),
  prefixItems: (v) => Array.isArray(v) && v.every(isObject),
  anyOf: (v) => Array.isArray(v) && v.length > 0 && v.every(isObject),
  oneOf: (v) => Array.isArray(v) && v.length > 0 && v.every(isObject),
  enum: (v) => Array.isArray(v) && v.length > 0,
  const: () => true,
  default: () => true,
  format: (v) => typeof v === 'string',
  pattern: (v) => typeof v === 'string' && compiles(v),
  minimum: isNumber,
  maximum: isNumber,
  exclusiveMinimum: isNumber,
  exclusiveMaximum: isNumber,
  minLength: isCount,
  maxLength: isCount,
  minItems: isCount,
  maxItems: isCount,
};

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}
function isCount(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0;
}
function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Problems of a JSON Schema node and its children; also requires a description on every property. */
function metaProblems(node: Json, at: string, out: string[] = []): string[] {
  for (const [key, value] of Object.entries(node)) {
    const check = KEYWORDS[key];
    if (!check) out.push(`${at}: unexpected keyword ${key}`);
    else if (!check(value)) out.push(`${at}: bad value for ${key}: ${JSON.stringify(value)}`);
  }
  const properties = isObject(node.properties) ? node.properties : {};
  for (const k of (node.required as string[] | undefined) ?? []) {
    if (!(k in properties)) out.push(`${at}: required "${k}" is not a property`);
  }
  for (const [k, child] of Object.entries(properties)) {
    if (!isObject(child)) out.push(`${at}.${k}: not a schema`);
    else {
      if (typeof child.description !== 'string') out.push(`${at}.${k}: no description`);
      metaProblems(child, `${at}.${k}`, out);
    }
  }
  for (const key of ['items', 'propertyNames', 'additionalProperties'] as const) {
    const child = node[key];
    if (isObject(child)) metaProblems(child, `${at}/${key}`, out);
  }
  for (const key of ['anyOf', 'oneOf', 'prefixItems'] as const) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, child] of list.entries()) metaProblems(child, `${at}/${key}[${i}]`, out);
  }
  return out;
}

/** A small JSON Schema validator for the keywords above: true when `value` satisfies `schema`. */
function validates(schema: Json, value: unknown): boolean {
  const t = schema.type;
  if (typeof t === 'string' && !hasType(t, value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => Object.is(e, value))) return false;
  if ('const' in schema && schema.const !== value) return false;
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => validates(s as Json, value))) return false;
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => validates(s as Json, value)).length !== 1)
    return false;
  if (typeof value === 'number') {
    if (isNumber(schema.minimum) && value < (schema.minimum as number)) return false;
    if (isNumber(schema.maximum) && value > (schema.maximum as number)) return false;
    if (isNumber(schema.exclusiveMinimum) && value <= (schema.exclusiveMinimum as number)) return false;
    if (isNumber(schema.exclusiveMaximum) && value >= (schema.exclusiveMaximum as number)) return false;
  }
  if (typeof value === 'string') {
    if (isCount(schema.minLength) && value.length < (schema.minLength as number)) return false;
    if (isCount(schema.maxLength) && value.length > (schema.maxLength as number)) return false;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return false;
  }
  if (Array.isArray(value)) {
    if (isCount(schema.minItems) && value.length < (schema.minItems as number)) return false;
    if (isCount(schema.maxItems) && value.length > (schema.maxItems as number)) return false;
    const prefix = (schema.prefixItems as Json[] | undefined) ?? [];
    if (!prefix.every((s, i) => i >= value.length || validates(s, value[i]))) return false;
    if (schema.items === false && value.length > prefix.length) return false;
    if (
      isObject(schema.items) &&
      !value.slice(prefix.length).every((v) => validates(schema.items as Json, v))
    )
      return false;
  }
  if (isObject(value)) {
    const properties = (schema.properties as Record<string, Json> | undefined) ?? {};
    for (const k of (schema.required as string[] | undefined) ?? []) if (!(k in value)) return false;
    for (const [k, v] of Object.entries(value)) {
      const own = properties[k];
      if (own) {
        if (!validates(own, v)) return false;
      } else if (schema.additionalProperties === false) return false;
      else if (isObject(schema.additionalProperties) && !validates(schema.additionalProperties, v))
        return false;
      if (isObject(schema.propertyNames) && !validates(schema.propertyNames, k)) return false;
    }
  }
  return true;
}

function hasType(t: string, v: unknown): boolean {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'number') return typeof v === 'number';
  if (t === 'null') return v === null;
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return isObject(v);
  return typeof v === t;
}

describe('toJsonSchema', () => {
  it.each(SCHEMA_NAMES)('exports valid JSON Schema for %s, with a description on every field', (name) => {
    const schema = toJsonSchema(name);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe(name);
    // An object, or (the stream events) exactly one of several objects.
    const branches = Array.isArray(schema.oneOf) ? (schema.oneOf as Json[]) : [schema];
    expect(branches.map((b) => b.type)).toEqual(branches.map(() => 'object'));
    expect(metaProblems(schema, name)).toEqual([]);
  });

  it.each(SCHEMA_NAMES)('accepts the %s example, like zod does, and rejects a wrong-typed field', (name) => {
    const value = schemaExample(name) as Json;
    expect(SCHEMAS[name].safeParse(value).success).toBe(true);
    const schema = toJsonSchema(name);
    expect(validates(schema, value)).toBe(true);
    const [firstKey] = Object.keys(value);
    const broken = { ...value, [firstKey ?? 'x']: { wrong: [true] } };
    expect(SCHEMAS[name].safeParse(broken).success).toBe(false);
    expect(validates(schema, broken)).toBe(false);
  });

  it('makes defaulted fields optional in input mode and required in output mode', () => {
    const input = toJsonSchema('train-config');
    expect(input.required).toEqual(['data', 'outDir', 'model']);
    expect((input.properties as Record<string, Json>).batchSize).toMatchObject({
      type: 'integer',
      default: 32,
    });
    const output = toJsonSchema('train-config', { io: 'output' });
    expect(output.required).toContain('batchSize');
  });

  it('forbids extra keys in strict schemas only', () => {
    expect(toJsonSchema('train-config').additionalProperties).toBe(false);
    expect(toJsonSchema('translate-request').additionalProperties).toBe(false);
    expect(toJsonSchema('bundle-manifest').additionalProperties).toBeUndefined();
    expect(
      validates(toJsonSchema('bundle-manifest'), {
        ...(schemaExample('bundle-manifest') as Json),
        newField: 1,
      }),
    ).toBe(true);
  });

  it('rejects unknown names with the valid ones', () => {
    try {
      toJsonSchema('openapi' as SchemaName);
      expect.unreachable();
    } catch (e) {
      expect(SignLLMError.isInstance(e) && e.code === ERROR_CODES.invalidArgument).toBe(true);
      expect((e as Error).message).toContain('"train-config"');
    }
    expect(() => toJsonSchema('__proto__' as SchemaName)).toThrow(/Unknown schema/);
  });
});
