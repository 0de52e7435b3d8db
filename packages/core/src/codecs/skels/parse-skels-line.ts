/**
 * One `.skels` line → one `SkelsSequence`: tokenize, check the token count against the dialect's frame
 * width, then split every frame into its values and its counter.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { isUint8Array } from '../../util/typed-array-checks.ts';
import {
  createFloatSink,
  type FloatSink,
  parseFloatTokens,
  type TokenContext,
} from './parse-float-tokens.ts';
import {
  type SkelsDialect,
  type SkelsDialectInfo,
  type SkelsSequence,
  skelsDialectInfo,
} from './skels-dialect.ts';

/** Options of `parseSkelsLine`. */
export interface ParseSkelsLineOptions {
  /** Which dialect the line is written in. */
  dialect: SkelsDialect;
  /** 1-based line number for error messages. */
  line?: number;
  /** Label of the input for error messages. */
  source?: string;
}

/**
 * Parses `bytes[start, end)` (one line, without its line break) with a reusable sink.
 * `unterminated` marks the last line of an input that has no final line break, so that a bad count
 * there is reported as a probable truncation.
 */
export function decodeSkelsLine(
  bytes: Uint8Array,
  start: number,
  end: number,
  info: SkelsDialectInfo,
  sink: FloatSink,
  context: TokenContext,
  unterminated = false,
): SkelsSequence {
  const count = parseFloatTokens(bytes, start, end, sink, context);
  const { width, valuesPerFrame } = info;
  if (count % width !== 0) {
    const hint = unterminated ? '; the input ends without a line break, so it is probably truncated' : '';
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${context.line === undefined ? 'The .skels line' : `.skels line ${context.line}`} has ${count} numbers, ` +
        `which is not a multiple of the frame width ` +
        `${width} (${valuesPerFrame} values + 1 counter in the "${info.dialect}" dialect)${hint}`,
      {
        position: { ...positionOf(context), ...(context.byte === undefined ? {} : { byte: context.byte }) },
        details: { count, width, dialect: info.dialect, remainder: count % width },
      },
    );
  }
  const frames = count / width;
  const buffer = sink.buffer;
  const values = new Float32Array(frames * valuesPerFrame);
  const counter = new Float32Array(frames);
  for (let f = 0, src = 0, dst = 0; f < frames; f++, src += width, dst += valuesPerFrame) {
    values.set(buffer.subarray(src, src + valuesPerFrame), dst);
    counter[f] = buffer[src + valuesPerFrame]!;
  }
  return { frames, valuesPerFrame, values, counter };
}

/**
 * Parses one `.skels` line (one sequence). A trailing `\n` or `\r\n` is allowed; any other line break
 * is `badFormat` (use `parseSkels` for whole files). A token count that is not a whole number of
 * frames is `badFormat` naming the line, the count and the expected width; a bad token is
 * `invalidNumber` naming the line and token index. A blank line is a sequence of 0 frames.
 *
 * @example
 * ```ts
 * const seq = parseSkelsLine(line, { dialect: 'pt', line: 1, source: 'dev.skels' });
 * seq.frames; // tokens / 151
 * seq.values.length; // seq.frames * 150
 * ```
 */
export function parseSkelsLine(line: Uint8Array | string, options: ParseSkelsLineOptions): SkelsSequence {
  const info = skelsDialectInfo(options.dialect);
  const bytes = typeof line === 'string' ? new TextEncoder().encode(line) : line;
  if (!isUint8Array(bytes)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'parseSkelsLine expects a string or a Uint8Array');
  }
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 10) end--;
  const context: TokenContext = { source: options.source, line: options.line, byte: 0 };
  const lineBreak = bytes.subarray(0, end).indexOf(10);
  if (lineBreak >= 0) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      'A .skels line contains a line break; parseSkelsLine reads one sequence, parseSkels and readSkels read files',
      { position: { ...positionOf(context), byte: lineBreak } },
    );
  }
  return decodeSkelsLine(bytes, 0, end, info, createFloatSink(Math.min(1 << 20, (end >> 2) + 16)), context);
}

function positionOf(context: TokenContext): { source?: string; line?: number } {
  return {
    ...(context.source === undefined ? {} : { source: context.source }),
    ...(context.line === undefined ? {} : { line: context.line }),
  };
}
