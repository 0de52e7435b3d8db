import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { schemaExample } from '../test-support/schema-example.ts';
import { parseBundleManifest } from './bundle-manifest.ts';
import { parseDatasetManifest } from './dataset-manifest.ts';
import { parseWith } from './parse-with.ts';
import { SCHEMA_NAMES, SCHEMAS } from './to-json-schema.ts';

type Path = (string | number)[];

/** Every path inside a JSON value (objects and arrays), the root included. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...at, i], out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  }
  return out;
}

/** A deep copy of `root` with the value at `path` replaced (or deleted when `replacement` is DELETE). */
const DELETE = Symbol('delete');
function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement === DELETE ? undefined : replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === DELETE) delete node[last];
  else node[last] = replacement;
  return copy;
}

const hostileValue = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withTypedArray: true,
    withSparseArray: true,
  }),
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    1e308,
    -1,
    2 ** 53,
    '',
    '__proto__',
    [],
    {},
    DELETE,
  ),
);

/** Parses and reports: 'ok', or the error code; anything that is not a SignLLMError fails the test. */
function outcome(parse: () => unknown): string {
  try {
    parse();
    return 'ok';
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw e;
    expect(e.message.length).toBeLessThan(4000);
    return e.code;
  }
}

describe('hostile input never throws anything but SignLLMError', () => {
  it.each(SCHEMA_NAMES)('%s: one field replaced by anything', (name) => {
    const base = schemaExample(name);
    fc.assert(
      fc.property(fc.constantFrom(...paths(base)), hostileValue, (path, value) => {
        const code = outcome(() => parseWith(SCHEMAS[name], replaceAt(base, path, value), name));
        return code === 'ok' || code === ERROR_CODES.schemaInvalid;
      }),
      { numRuns: 300 },
    );
  });

  it.each(SCHEMA_NAMES)('%s: an extra key anywhere', (name) => {
    const base = schemaExample(name);
    const objects = paths(base).filter((p) => p.length === 0 || typeof p[p.length - 1] === 'string');
    fc.assert(
      fc.property(
        fc.constantFrom(...objects),
        fc.string({ maxLength: 20 }),
        fc.jsonValue(),
        (path, key, value) => {
          const code = outcome(() => {
            const copy = structuredClone(base) as Record<string, unknown>;
            let node: unknown = copy;
            for (const k of path) node = (node as Record<string | number, unknown>)[k];
            if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
              Object.defineProperty(node, key, {
                value,
                enumerable: true,
                configurable: true,
                writable: true,
              });
            }
            return parseWith(SCHEMAS[name], copy, name);
          });
          return code === 'ok' || code === ERROR_CODES.schemaInvalid;
        },
      ),
      { numRuns: 100 },
    );
  });

  it('manifest parsers add only format-version errors', () => {
    const allowed = new Set(['ok', ERROR_CODES.schemaInvalid, ERROR_CODES.unsupportedVersion]);
    for (const [name, parse] of [
      ['bundle-manifest', parseBundleManifest],
      ['dataset-manifest', parseDatasetManifest],
    ] as const) {
      const base = schemaExample(name);
      fc.assert(
        fc.property(fc.constantFrom(...paths(base)), hostileValue, (path, value) =>
          allowed.has(outcome(() => parse(replaceAt(base, path, value)))),
        ),
        { numRuns: 200 },
      );
    }
  });

  it('rejects huge arrays by their limits, without listing every element', () => {
    const base = schemaExample('translate-response') as Record<string, unknown>;
    const huge = { ...base, langGloss: Array.from({ length: 200_000 }, () => 7) };
    const e = outcome(() => parseWith(SCHEMAS['translate-response'], huge, 'response'));
    expect(e).toBe(ERROR_CODES.schemaInvalid);
    const manifest = schemaExample('dataset-manifest') as { languages: unknown[] };
    const many = {
      ...manifest,
      languages: Array.from({ length: 5000 }, () => ({ code: 'gsg', sequences: 1, frames: 1 })),
    };
    expect(outcome(() => parseDatasetManifest(many))).toBe(ERROR_CODES.schemaInvalid);
  });

  it('reads prototype-looking keys as plain data', () => {
    const text =
      '{"input":"x","language":"ase","__proto__":{"format":"pose"},"constructor":{"prototype":{"polluted":1}}}';
    expect(outcome(() => parseWith(SCHEMAS['translate-request'], JSON.parse(text), 'body'))).toBe(
      ERROR_CODES.schemaInvalid,
    );
    const card = '{"config":{"__proto__":{"polluted":1}}}';
    const bundle = { ...(schemaExample('bundle-manifest') as Record<string, unknown>) };
    bundle.modelCard = { ...(bundle.modelCard as object), ...JSON.parse(card) };
    parseBundleManifest(bundle);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
