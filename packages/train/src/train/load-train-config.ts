/**
 * Reads a training configuration: the JSON file of `--config`, command-line overrides on top (flags win),
 * the model configuration inline or from its own file (resolved next to the config file), validated
 * with core's zod schemas. Returns the effective configuration the run saves as `config.json`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  ERROR_CODES,
  type ModelConfig,
  ModelConfigSchema,
  parseWith,
  SignLLMError,
  type TrainConfig,
  TrainConfigSchema,
} from '@signllm/core';

/** Flags of `signllm-train train` that override the config file. */
export interface TrainOverrides {
  data?: string;
  outDir?: string;
  steps?: number;
  backend?: string;
  seed?: number;
  initFrom?: string;
}

/** A validated training configuration with its model configuration resolved. */
export interface EffectiveTrainConfig extends Omit<TrainConfig, 'model'> {
  model: ModelConfig;
}

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new SignLLMError(
        ERROR_CODES.tooLarge,
        `${what} ${path} is ${bytes.length} bytes; at most ${MAX_CONFIG_BYTES}`,
      );
    }
    text = bytes.toString('utf8');
  } catch (error) {
    if (SignLLMError.isInstance(error)) throw error;
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${what} ${path} cannot be read: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${what} ${path} is not valid JSON: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Parses a configuration object (already read) with overrides applied. `baseDir` resolves a model
 * config given as a file path.
 *
 * @example
 * ```ts
 * const config = await resolveTrainConfig({ data: 'd', outDir: 'o', model: { mode: 'mlsf', languages: ['ase'],
 *   tokenizers: { source: { kind: 'subword', vocabSize: 500 } } } }, {}, '.');
 * ```
 */
export async function resolveTrainConfig(
  raw: unknown,
  overrides: TrainOverrides,
  baseDir: string,
): Promise<EffectiveTrainConfig> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new SignLLMError(ERROR_CODES.schemaInvalid, 'train config: expected a JSON object');
  }
  const merged: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) merged[key] = value;
  const config = parseWith(TrainConfigSchema, merged, 'train config');
  const model =
    typeof config.model === 'string'
      ? parseWith(
          ModelConfigSchema,
          await readJson(resolve(baseDir, config.model), 'model config'),
          'model config',
        )
      : config.model;
  return { ...config, model };
}

/**
 * Reads `--config <file>` and applies the flag overrides.
 *
 * @example
 * ```ts
 * const config = await loadTrainConfig('configs/tiny-mlsf.json', { data: 'out/synth', outDir: 'runs/a' });
 * ```
 */
export async function loadTrainConfig(
  path: string,
  overrides: TrainOverrides = {},
): Promise<EffectiveTrainConfig> {
  return resolveTrainConfig(await readJson(path, 'train config'), overrides, dirname(path));
}
