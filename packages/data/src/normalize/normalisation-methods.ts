/**
 * The normalisation conventions as data: their ids, one-line descriptions (CLI help, docs) and the
 * parameters each records. Details and the reasons behind them: docs/architecture/normalisation.md.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '@signllm/core';

/** A normalisation convention. */
export type NormalisationMethod = 'signllm' | 'prompt2sign' | 'progressive-transformers' | 'none';

/** One convention, described. */
export interface NormalisationMethodInfo {
  /** Its id, recorded as `Normalisation.method`. */
  readonly method: NormalisationMethod;
  /** One line for CLI help and docs. */
  readonly description: string;
  /** The keys of `Normalisation.parameters` it records. */
  readonly parameters: readonly string[];
}

/**
 * Every convention, the default (`signllm`) first.
 *
 * @example
 * ```ts
 * NORMALISATION_METHODS.map((m) => `${m.method}: ${m.description}`).join('\n');
 * ```
 */
export const NORMALISATION_METHODS: readonly NormalisationMethodInfo[] = [
  {
    method: 'signllm',
    description:
      'default: origin at the sequence-mean neck (joint 1), unit = sequence-mean shoulder width |j2 − j5|, axes unchanged (y down)',
    parameters: ['center', 'scale'],
  },
  {
    method: 'prompt2sign',
    description:
      'legacy Prompt2Sign 2024 .skels: subtract the per-axis means of x and y, divide by the pooled σ of x,y, then by 9',
    parameters: ['center', 'scale', 'divisor'],
  },
  {
    method: 'progressive-transformers',
    description:
      'legacy Progressive Transformers (PHOENIX14T): each frame neck-centred and scaled to a 2D shoulder width of 1, then ÷ 3',
    parameters: ['center', 'scale', 'divisor'],
  },
  { method: 'none', description: 'coordinates unchanged', parameters: [] },
];

/** The convention used when none is named. */
export const DEFAULT_NORMALISATION_METHOD: NormalisationMethod = 'signllm';

/**
 * Returns `value` as a `NormalisationMethod`, or throws `invalidArgument` naming the valid ones.
 *
 * @example
 * ```ts
 * checkNormalisationMethod('signllm'); // 'signllm'
 * ```
 */
export function checkNormalisationMethod(value: unknown): NormalisationMethod {
  const found = NORMALISATION_METHODS.find((m) => m.method === value);
  if (!found) {
    const options = NORMALISATION_METHODS.map((m) => m.method);
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Unknown normalisation method ${JSON.stringify(value)}; valid methods are ${formatOptions(options)}`,
      { details: { value, options } },
    );
  }
  return found.method;
}
