/**
 * JSON Schema (draft 2020-12) for every SignLLM schema, generated from the zod schemas with
 * `z.toJSONSchema`, so editors, other languages and `GET /openapi.json` validate the same contracts.
 */
import { z } from 'zod';
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { LanguageSchema } from '../languages/language-schema.ts';
import {
  ErrorResponseSchema,
  HealthResponseSchema,
  LanguagesResponseSchema,
  ReadyResponseSchema,
  TranslateQuerySchema,
  TranslateRequestSchema,
  TranslateResponseSchema,
} from './api.ts';
import { TranslateStreamEventSchema } from './api-stream.ts';
import { BundleManifestSchema } from './bundle-manifest.ts';
import { DatasetManifestSchema } from './dataset-manifest.ts';
import { ModelConfigSchema } from './model-config.ts';
import { TrainConfigSchema } from './train-config.ts';

/**
 * Names of the schemas `toJsonSchema` exports.
 *
 * @example
 * ```ts
 * for (const name of SCHEMA_NAMES) writeFile(`${name}.schema.json`, JSON.stringify(toJsonSchema(name)));
 * ```
 */
export const SCHEMA_NAMES = [
  'language',
  'dataset-manifest',
  'model-config',
  'train-config',
  'bundle-manifest',
  'translate-request',
  'translate-query',
  'translate-response',
  'translate-stream-event',
  'languages-response',
  'error-response',
  'health-response',
  'ready-response',
] as const;

/** One of `SCHEMA_NAMES`. */
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/**
 * Every public zod schema by name.
 *
 * @example
 * ```ts
 * SCHEMAS['train-config'].safeParse(value).success;
 * ```
 */
export const SCHEMAS: Readonly<Record<SchemaName, z.ZodType>> = Object.freeze({
  language: LanguageSchema,
  'dataset-manifest': DatasetManifestSchema,
  'model-config': ModelConfigSchema,
  'train-config': TrainConfigSchema,
  'bundle-manifest': BundleManifestSchema,
  'translate-request': TranslateRequestSchema,
  'translate-query': TranslateQuerySchema,
  'translate-response': TranslateResponseSchema,
  'translate-stream-event': TranslateStreamEventSchema,
  'languages-response': LanguagesResponseSchema,
  'error-response': ErrorResponseSchema,
  'health-response': HealthResponseSchema,
  'ready-response': ReadyResponseSchema,
});

/** Options of `toJsonSchema`. */
export interface ToJsonSchemaOptions {
  /**
   * `"input"` (default): what a document may look like when written, so fields with defaults are
   * optional. `"output"`: what parsing returns, defaults filled and required.
   */
  io?: 'input' | 'output';
}

/**
 * The JSON Schema of a named SignLLM schema, with every field's description. Cross-field checks
 * (unique codes, counts that add up, files that fit the mode) are not expressible and only run in
 * zod; JSON Schema validators check fields only.
 *
 * @throws SignLLMError `invalid_argument` for an unknown name, listing the valid ones.
 * @example
 * ```ts
 * const schema = toJsonSchema('train-config');
 * schema.properties; // { data: { type: 'string', description: '…' }, … }
 * ```
 */
export function toJsonSchema(name: SchemaName, options: ToJsonSchemaOptions = {}): Record<string, unknown> {
  if (typeof name !== 'string' || !Object.hasOwn(SCHEMAS, name)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Unknown schema ${JSON.stringify(String(name).slice(0, 64))}; valid schemas are ${formatOptions(SCHEMA_NAMES)}`,
      { details: { value: name, options: [...SCHEMA_NAMES] } },
    );
  }
  const json = z.toJSONSchema(SCHEMAS[name], { io: options.io ?? 'input', unrepresentable: 'any' });
  return { ...json, title: name };
}
