import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown } from '../../test-support/errors.ts';
import { createFloatSink, parseFloat32Token, parseFloatTokens } from './parse-float-tokens.ts';

const enc = new TextEncoder();

/** Parses a line and returns the numbers as a plain array. */
function parseLine(text: string, line = 1): number[] {
  const bytes = enc.encode(text);
  const sink = createFloatSink(16);
  const n = parseFloatTokens(bytes, 0, bytes.length, sink, { line, source: 'test' });
  return Array.from(sink.buffer.subarray(0, n));
}

/** The oracle: the decimal grammar of Number() (no hex, no Infinity) and Math.fround(Number()). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function oracle(token: string): number | 'error' {
  if (!DECIMAL.test(token)) return 'error';
  const f = Math.fround(Number(token));
  return Number.isFinite(f) ? f : 'error';
}

function expectSame(actual: number, expected: number, token: string): void {
  if (!Object.is(actual, expected)) throw new Error(`${token}: got ${actual}, expected ${expected}`);
}

const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
const decimalToken = fc
  .record({
    sign: fc.constantFrom('', '-', '+'),
    int: digits(25),
    dot: fc.boolean(),
    frac: digits(25),
    exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digits(3)), {
      nil: undefined,
    }),
  })
  .map(({ sign, int, dot, frac, exp }) => {
    const body = dot ? `${int}.${frac}` : int + frac;
    return sign + body + (exp ? exp.join('') : '');
  })
  .filter((token) => token !== '');

describe('parseFloatTokens', () => {
  it('reads the PHOENIX number shapes, signs, zeros and exponents', () => {
    const text = '-0.02429 0.00000 -0.00000 0.9884 +.5 5. 1e5 1E-5 -2.5e+3 007';
    const expected = text.split(' ').map((t) => Math.fround(Number(t)));
    const got = parseLine(text);
    expect(got).toHaveLength(expected.length);
    got.forEach((v, i) => {
      expectSame(v, expected[i]!, text.split(' ')[i]!);
    });
    expect(Object.is(got[2], -0)).toBe(true);
  });

  it('accepts any run of spaces, tabs and carriage returns as separator', () => {
    expect(parseLine('  1\t\t2 \r 3   \r')).toEqual([1, 2, 3]);
    expect(parseLine('')).toEqual([]);
    expect(parseLine(' \t\r ')).toEqual([]);
  });

  it('handles many digits and large exponents exactly (slow path) like Number()', () => {
    const tokens = [
      '123456789012345678901234567890',
      '0.1234567890123456789012345',
      '0.000000000000000000000000001',
      '1.00000000000000000000000000000000001',
      '9007199254740993',
      '1e-45',
      '1.4e-45',
      '7e-46',
      '1e-400',
      '3.4028235e38',
      '340282346638528859811704183484516925440',
      '1e22',
      '123456789012345e-22',
      '1234567890123456e-22',
    ];
    for (const t of tokens) expectSame(parseLine(t)[0]!, oracle(t) as number, t);
  });

  it('equals Math.fround(Number(token)) for generated decimal tokens (property)', () => {
    fc.assert(
      fc.property(decimalToken, (token) => {
        const want = oracle(token);
        if (want === 'error') {
          expect(thrown(() => parseLine(token)).code).toBe('format_invalid_number');
        } else {
          expectSame(parseLine(token)[0]!, want, token);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('equals Math.fround(Number(token)) for JS renderings of random doubles (property)', () => {
    const render = fc.tuple(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: 0, max: 20 }),
    );
    fc.assert(
      fc.property(render, ([d, k]) => {
        const forms = [String(d), d.toExponential(k), d.toPrecision(k + 1)];
        if (Math.abs(d) < 1e21) forms.push(d.toFixed(k));
        for (const token of forms) {
          const want = oracle(token);
          if (want === 'error') expect(() => parseLine(token)).toThrow(/float32 range/);
          else expectSame(parseLine(token)[0]!, want, token);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the oracle on random strings of number-like characters (property)', () => {
    const line = fc.string({ unit: fc.constantFrom(...'0123456789.-+eE x\t'), maxLength: 40 });
    fc.assert(
      fc.property(line, (text) => {
        const tokens = text.split(/[ \t]+/).filter((t) => t !== '');
        const wants = tokens.map(oracle);
        const bad = wants.indexOf('error');
        if (bad < 0) {
          const got = parseLine(text);
          expect(got).toHaveLength(tokens.length);
          got.forEach((v, i) => {
            expectSame(v, wants[i] as number, tokens[i]!);
          });
        } else {
          const e = thrown(() => parseLine(text, 7));
          expect(e.code).toBe('format_invalid_number');
          expect(e.position).toMatchObject({ line: 7, token: bad + 1, source: 'test' });
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects NaN, Infinity, hex and garbage with the line and 1-based token index', () => {
    const bad = [
      'NaN',
      'nan',
      'Infinity',
      '-Infinity',
      'inf',
      '0x10',
      '0b1',
      '1e',
      'e5',
      '.',
      '-',
      '+',
      '1.2.3',
    ];
    const more = ['1e5.5', '1,5', '١', '1_000', '--1', '1e--5', '+-1', '0.5f', '\u00a0', '1\u0000'];
    for (const token of [...bad, ...more]) {
      const e = thrown(() => parseLine(`0.1 0.2 ${token} 0.4`, 12));
      expect(e.code, token).toBe('format_invalid_number');
      expect(e.position).toMatchObject({ line: 12, token: 3, byte: 8, source: 'test' });
      expect(e.message).toContain('line 12');
      expect(e.message).toContain('token 3');
    }
    expect(thrown(() => parseLine('1 NaN')).message).toMatch(/"NaN".*not a finite number/);
    expect(thrown(() => parseLine('1 abc')).message).toMatch(/"abc".*not a decimal number/);
  });

  it('rejects values outside the float32 range', () => {
    for (const t of ['3.5e38', '-1e39', '1e400', '3.4028236e38']) {
      expect(thrown(() => parseLine(t)).message, t).toMatch(/float32 range/);
    }
  });

  it('shortens a huge garbage token in the message', () => {
    const e = thrown(() => parseLine(`1 ${'x'.repeat(100_000)}`));
    expect(e.message.length).toBeLessThan(400);
  });

  it('grows the sink as needed and honours start/end', () => {
    const text = Array.from({ length: 1000 }, (_, i) => String(i / 7)).join(' ');
    const bytes = enc.encode(`garbage ${text} garbage`);
    const sink = createFloatSink(16);
    const n = parseFloatTokens(bytes, 8, 8 + text.length, sink, {});
    expect(n).toBe(1000);
    expect(sink.buffer[999]).toBe(Math.fround(999 / 7));
  });
});

describe('parseFloat32Token', () => {
  it('parses exactly one token', () => {
    expect(parseFloat32Token('0.1')).toBe(Math.fround(0.1));
    expect(parseFloat32Token(enc.encode(' -2e-3 '))).toBe(Math.fround(-0.002));
    expect(thrown(() => parseFloat32Token('1 2')).code).toBe('format_invalid_number');
    expect(thrown(() => parseFloat32Token('')).code).toBe('format_invalid_number');
  });
});
