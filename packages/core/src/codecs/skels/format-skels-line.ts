/**
 * The `.skels` writer: one `SkelsSequence` → one line of text in a dialect's exact formatting.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { formatFixed, formatPythonFloat, roundPython } from './format-fixed.ts';
import {
  P2S_MISSING_TEXT,
  type SkelsDialect,
  type SkelsDialectInfo,
  type SkelsSequence,
  skelsDialectInfo,
} from './skels-dialect.ts';

/** Throws `shapeMismatch` unless the sequence's arrays have the lengths its counts and the dialect say. */
export function assertSkelsShape(seq: SkelsSequence, info: SkelsDialectInfo): void {
  const { frames, valuesPerFrame, values, counter } = seq;
  const problem =
    valuesPerFrame !== info.valuesPerFrame
      ? `valuesPerFrame is ${valuesPerFrame}, but the "${info.dialect}" dialect has ${info.valuesPerFrame}`
      : !Number.isInteger(frames) || frames < 0
        ? `frames is ${frames}, not a non-negative integer`
        : values.length !== frames * valuesPerFrame
          ? `values has ${values.length} numbers, expected ${frames} frames × ${valuesPerFrame} = ${frames * valuesPerFrame}`
          : counter.length !== frames
            ? `counter has ${counter.length} numbers, expected one per frame (${frames})`
            : undefined;
  if (problem !== undefined) {
    throw new SignLLMError(ERROR_CODES.shapeMismatch, `Invalid .skels sequence: ${problem}`, {
      details: {
        frames,
        valuesPerFrame,
        values: values.length,
        counter: counter.length,
        dialect: info.dialect,
      },
    });
  }
}

function p2sValue(v: number): string {
  return v === 0 || Number.isNaN(v) ? P2S_MISSING_TEXT : formatFixed(v, 5);
}

/**
 * Writes one sequence as a `.skels` line (without the line break), exactly as the dialect's tools do:
 * - `pt`: values `%.5f`, counter `%.4f`, single spaces (as in the PHOENIX14T files);
 * - `p2s`: values `%.5f` with 0 / NaN written as `0.01600`, counter `str(round(c, 5))` (`0.00667`,
 *   `1.0`), every token followed by a space (so the line ends with one);
 * - `dwpose`: every value and the counter `%.8f`, single spaces.
 * Rounding follows Python (ties to even, `-0.00000` for negative zero). Non-finite values throw
 * `invalidArgument` (except the `p2s` NaN → `0.01600` rule).
 *
 * @example
 * ```ts
 * const line = formatSkelsLine(parseSkelsLine(text, { dialect: 'pt' }), 'pt'); // === text for PHOENIX lines
 * ```
 */
export function formatSkelsLine(seq: SkelsSequence, dialect: SkelsDialect): string {
  const info = skelsDialectInfo(dialect);
  assertSkelsShape(seq, info);
  const { frames, valuesPerFrame, values, counter } = seq;
  const tokens: string[] = new Array<string>(frames * info.width);
  let t = 0;
  for (let f = 0, i = 0; f < frames; f++) {
    const c = counter[f]!;
    if (info.dialect === 'p2s') {
      for (let j = 0; j < valuesPerFrame; j++) tokens[t++] = p2sValue(values[i++]!);
      tokens[t++] = formatPythonFloat(roundPython(c, 5));
    } else {
      const decimals = info.decimals;
      for (let j = 0; j < valuesPerFrame; j++) tokens[t++] = formatFixed(values[i++]!, decimals);
      tokens[t++] = formatFixed(c, info.dialect === 'pt' ? 4 : decimals);
    }
  }
  const line = tokens.join(' ');
  return info.dialect === 'p2s' && frames > 0 ? `${line} ` : line;
}

/**
 * Writes a whole `.skels` file: one line per sequence, each ending with `\n`.
 *
 * @example
 * ```ts
 * writeFileSync('dev.skels', formatSkels(parseSkels(text, { dialect: 'pt' }), 'pt'));
 * ```
 */
export function formatSkels(sequences: Iterable<SkelsSequence>, dialect: SkelsDialect): string {
  const lines: string[] = [];
  for (const seq of sequences) lines.push(`${formatSkelsLine(seq, dialect)}\n`);
  return lines.join('');
}
