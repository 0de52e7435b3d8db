/**
 * Deterministic train/dev/test splits: a sequence's split depends only on its id and the seed, never on
 * the order or number of inputs, so adding inputs or resuming a build never moves a sequence.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { hashString } from '../util/rng.ts';

/** Split names with their shares of the data, in order (shares sum to 1). */
export type SplitRatios = ReadonlyArray<readonly [name: string, share: number]>;

/** The default: 80 % train, 10 % dev, 10 % test. */
export const DEFAULT_SPLITS: SplitRatios = [
  ['train', 0.8],
  ['dev', 0.1],
  ['test', 0.1],
];

/**
 * Parses `"train=0.8,dev=0.1,test=0.1"` (shares are normalised to sum 1).
 *
 * @throws SignLLMError `invalid_argument` for a bad name, a negative or non-numeric share, or all zero.
 * @example
 * ```ts
 * parseSplitRatios('train=90,dev=5,test=5'); // [['train', 0.9], ['dev', 0.05], ['test', 0.05]]
 * ```
 */
export function parseSplitRatios(text: string): SplitRatios {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: Array<[string, number]> = [];
  for (const part of parts) {
    const m = /^([a-z][a-z0-9_-]{0,31})=([0-9]*\.?[0-9]+)$/.exec(part);
    if (!m) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Bad split "${part}" in "${text}"; expected name=share pairs like "train=0.8,dev=0.1,test=0.1"`,
      );
    }
    const name = m[1] as string;
    if (out.some(([n]) => n === name)) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `Split "${name}" is given twice in "${text}"`);
    }
    out.push([name, Number(m[2])]);
  }
  const total = out.reduce((s, [, v]) => s + v, 0);
  if (out.length === 0 || !(total > 0) || !Number.isFinite(total)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Splits "${text}" have no positive share; expected e.g. "train=0.8,dev=0.1,test=0.1"`,
    );
  }
  return out.map(([n, v]) => [n, v / total] as const);
}

/**
 * The split of a sequence: hashes `seed:id` to a number in [0, 1) and walks the cumulative shares.
 *
 * @example
 * ```ts
 * assignSplit('clip-0001', DEFAULT_SPLITS, 7); // 'train' (always, for this id and seed)
 * ```
 */
export function assignSplit(id: string, ratios: SplitRatios, seed: number): string {
  // Two rounds of FNV-1a with different salts give a 32-bit value with good spread for similar ids.
  const h = hashString(`${hashString(`${seed}:${id}`)}:${id}`);
  const u = h / 4294967296;
  let acc = 0;
  for (const [name, share] of ratios) {
    acc += share;
    if (u < acc) return name;
  }
  return (ratios[ratios.length - 1] as readonly [string, number])[0];
}
