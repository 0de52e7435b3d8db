/**
 * The `.skels` number tokenizer: reads whitespace-separated decimal numbers straight from bytes into a
 * Float32Array, without creating a string per number.
 *
 * Fast path (Clinger): a token with at most 15 significant digits and a decimal exponent within ±22 is
 * `mantissa / 10^k` or `mantissa * 10^k` with both operands exact, so the one IEEE division or
 * multiplication gives the correctly rounded double — the same double `Number(token)` gives. Storing it
 * in the Float32Array rounds it like `Math.fround(Number(token))`. Any other token (many digits, large
 * exponents) is checked against the same grammar and then handed to `Number()` (the slow exact path).
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';

/** A growable float32 output buffer, reused across lines. */
export interface FloatSink {
  /** The storage; replaced by a larger array when it fills up. */
  buffer: Float32Array;
}

/** Where the bytes come from, for error positions. */
export interface TokenContext {
  /** Label of the input. */
  source?: string | undefined;
  /** 1-based line number. */
  line?: number | undefined;
  /** Byte offset of `bytes[start]` within the whole input. */
  byte?: number | undefined;
}

// Literals, not 10 ** i: every power up to 1e22 is exactly representable and parsed exactly.
const POW10: readonly number[] = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];
const MAX_FAST_DIGITS = 15;
const SPACE = 32;
const TAB = 9;
const CR = 13;
const asciiDecoder = new TextDecoder('utf-8');
const lenientDecoder = new TextDecoder('utf-8', { fatal: false });

/** Creates a sink with room for `capacity` numbers. */
export function createFloatSink(capacity = 1024): FloatSink {
  return { buffer: new Float32Array(Math.max(16, capacity)) };
}

function grow(sink: FloatSink, used: number): Float32Array {
  const next = new Float32Array(Math.max(16, sink.buffer.length * 2));
  next.set(sink.buffer.subarray(0, used));
  sink.buffer = next;
  return next;
}

/**
 * Parses every number in `bytes[start, end)` into `sink.buffer[0..count)` and returns `count`.
 * Separators are spaces, tabs and carriage returns, any number of them. Tokens follow the decimal
 * grammar of `Number()`: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
 * NaN, Infinity, hex and anything else throw `invalidNumber` naming the line and 1-based token index;
 * so does a number outside the float32 range.
 *
 * @example
 * ```ts
 * const sink = createFloatSink();
 * const n = parseFloatTokens(new TextEncoder().encode('0.5 -1e-3'), 0, 9, sink, { line: 1 }); // 2
 * ```
 */
export function parseFloatTokens(
  bytes: Uint8Array,
  start: number,
  end: number,
  sink: FloatSink,
  context: TokenContext,
): number {
  let out = sink.buffer;
  let n = 0;
  let p = start;
  while (p < end) {
    let c = bytes[p]!;
    if (c === SPACE || c === TAB || c === CR) {
      p++;
      continue;
    }
    const tokenStart = p;
    let negative = false;
    if (c === 45 || c === 43) {
      negative = c === 45;
      c = ++p < end ? bytes[p]! : 0;
    }
    let mantissa = 0;
    let significant = 0;
    let digits = 0;
    let fraction = 0;
    while (c >= 48 && c <= 57) {
      if (mantissa !== 0 || c !== 48) {
        mantissa = mantissa * 10 + (c - 48);
        significant++;
      }
      digits++;
      c = ++p < end ? bytes[p]! : 0;
    }
    if (c === 46) {
      c = ++p < end ? bytes[p]! : 0;
      while (c >= 48 && c <= 57) {
        if (mantissa !== 0 || c !== 48) {
          mantissa = mantissa * 10 + (c - 48);
          significant++;
        }
        digits++;
        fraction++;
        c = ++p < end ? bytes[p]! : 0;
      }
    }
    let exponent = 0;
    let valid = digits > 0;
    if (valid && (c === 101 || c === 69)) {
      c = ++p < end ? bytes[p]! : 0;
      let exponentNegative = false;
      if (c === 45 || c === 43) {
        exponentNegative = c === 45;
        c = ++p < end ? bytes[p]! : 0;
      }
      let exponentDigits = 0;
      while (c >= 48 && c <= 57) {
        if (exponent < 1e6) exponent = exponent * 10 + (c - 48);
        exponentDigits++;
        c = ++p < end ? bytes[p]! : 0;
      }
      valid = exponentDigits > 0;
      if (exponentNegative) exponent = -exponent;
    }
    if (!valid || (p < end && c !== SPACE && c !== TAB && c !== CR)) {
      throw invalidToken(bytes, tokenStart, end, start, n, context);
    }
    let value: number;
    const scale = exponent - fraction;
    if (mantissa === 0) {
      value = negative ? -0 : 0;
    } else if (significant <= MAX_FAST_DIGITS && scale >= -22 && scale <= 22) {
      value = scale < 0 ? mantissa / POW10[-scale]! : mantissa * POW10[scale]!;
      if (negative) value = -value;
    } else {
      value = Number(asciiDecoder.decode(bytes.subarray(tokenStart, p)));
      const rounded = Math.fround(value);
      if (rounded === Infinity || rounded === -Infinity) {
        throw invalidToken(
          bytes,
          tokenStart,
          end,
          start,
          n,
          context,
          'is outside the float32 range (±3.4e38)',
        );
      }
    }
    if (n === out.length) out = grow(sink, n);
    out[n++] = value;
  }
  return n;
}

function invalidToken(
  bytes: Uint8Array,
  tokenStart: number,
  end: number,
  start: number,
  index: number,
  context: TokenContext,
  why?: string,
): SignLLMError {
  let tokenEnd = tokenStart;
  while (tokenEnd < end) {
    const c = bytes[tokenEnd]!;
    if (c === SPACE || c === TAB || c === CR) break;
    tokenEnd++;
  }
  const raw = lenientDecoder.decode(bytes.subarray(tokenStart, Math.min(tokenEnd, tokenStart + 64)));
  const shown = tokenEnd - tokenStart > 64 ? `${raw}…` : raw;
  const nonFinite = /^[+-]?(nan|inf(inity)?)$/i.test(raw);
  const reason =
    why ??
    (nonFinite
      ? 'is not a finite number; .skels values must be finite decimals'
      : 'is not a decimal number; expected digits with an optional sign, "." and exponent, e.g. -0.12345 or 1e-3');
  return new SignLLMError(
    ERROR_CODES.invalidNumber,
    `Invalid number ${JSON.stringify(shown)}: it ${reason}`,
    {
      position: {
        ...(context.source === undefined ? {} : { source: context.source }),
        ...(context.line === undefined ? {} : { line: context.line }),
        token: index + 1,
        byte: (context.byte ?? 0) + (tokenStart - start),
      },
      details: { value: shown },
    },
  );
}

/**
 * Parses one number token exactly like the `.skels` reader does: `Math.fround(Number(token))` for
 * decimal tokens, `invalidNumber` for anything else (including NaN, Infinity and empty input).
 *
 * @example
 * ```ts
 * parseFloat32Token('-0.12345'); // Math.fround(-0.12345)
 * ```
 */
export function parseFloat32Token(token: string | Uint8Array): number {
  const bytes = typeof token === 'string' ? new TextEncoder().encode(token) : token;
  const sink = createFloatSink(16);
  const n = parseFloatTokens(bytes, 0, bytes.length, sink, {});
  if (n !== 1) {
    throw new SignLLMError(ERROR_CODES.invalidNumber, `Expected exactly one number, found ${n} tokens`, {
      details: { count: n },
    });
  }
  return sink.buffer[0]!;
}
