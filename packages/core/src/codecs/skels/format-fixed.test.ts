import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, formatPythonFloat, roundPython } from './format-fixed.ts';

// Expected strings printed by CPython 3.11: `format(v, '.%df' % d)`, `repr(v)`, `str(round(i / T, 5))`.
const PYTHON_FIXED: Array<[number, number, string]> = [
  [0.03125, 4, '0.0312'],
  [0.0625, 3, '0.062'],
  [0.5, 0, '0'],
  [1.5, 0, '2'],
  [2.5, 0, '2'],
  [-2.5, 0, '-2'],
  [0.015625, 5, '0.01562'],
  [0.046875, 5, '0.04688'],
  [-0.0, 5, '-0.00000'],
  [-1e-6, 5, '-0.00000'],
  [5e-6, 5, '0.00001'],
  [1 / 3, 5, '0.33333'],
  [2 / 3, 8, '0.66666667'],
  [123.456785, 5, '123.45678'],
  [1e21, 2, '1000000000000000000000.00'],
  [3.4028234663852886e38, 5, '340282346638528859811704183484516925440.00000'],
  [0.125, 2, '0.12'],
  [0.375, 2, '0.38'],
  [-0.375, 2, '-0.38'],
  [9.995, 2, '9.99'],
  [0.99999999, 5, '1.00000'],
  [-1.0, 8, '-1.00000000'],
  [17.0, 8, '17.00000000'],
  [0.0390625, 6, '0.039062'],
  [0.1, 20, '0.10000000000000000555'],
];

const PYTHON_REPR: Array<[number, string]> = [
  [1.0, '1.0'],
  [0.00667, '0.00667'],
  [3e-5, '3e-05'],
  [1e16, '1e+16'],
  [1234567890123456.0, '1234567890123456.0'],
  [0.5, '0.5'],
  [1e-5, '1e-05'],
  [123.45, '123.45'],
  [1.5e-7, '1.5e-07'],
  [0.0001, '0.0001'],
  [0.1, '0.1'],
  [-2.5e-5, '-2.5e-05'],
  [1e22, '1e+22'],
  [0.0, '0.0'],
  [1 / 3, '0.3333333333333333'],
  [0.99999, '0.99999'],
];

const PYTHON_COUNTERS: Array<[number, string, string, string]> = [
  [1, '1.0', '2.0', '1.0'],
  [7, '0.14286', '0.28571', '1.0'],
  [30, '0.03333', '0.06667', '1.0'],
  [32, '0.03125', '0.0625', '1.0'],
  [64, '0.01562', '0.03125', '1.0'],
  [150, '0.00667', '0.01333', '1.0'],
  [12345, '8e-05', '0.00016', '1.0'],
  [200001, '0.0', '1e-05', '1.0'],
];

describe('formatFixed', () => {
  it('matches Python format(v, ".Nf"), including ties to even and negative zero', () => {
    for (const [v, d, want] of PYTHON_FIXED) expect(formatFixed(v, d), `${v} .${d}f`).toBe(want);
  });

  it('agrees with toFixed away from exact ties and always rounds to the nearest (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 10 }),
        (v, d) => {
          const s = formatFixed(v, d);
          const tie = Number.isInteger(Math.abs(v) * 2 ** (d + 1)) && (Math.abs(v) * 2 ** (d + 1)) % 2 === 1;
          if (!tie && !Object.is(v, -0)) expect(s).toBe(v.toFixed(d));
          expect(Math.abs(Number(s) - v)).toBeLessThanOrEqual(
            0.5 * 10 ** -d * (1 + 1e-9) + Math.abs(v) * 1e-15,
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rounds dyadic ties to the even neighbour (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 6 }), (k, d) => {
        // (2k+1) * 5^d / 2^(d+1) / 10^d is exactly halfway between two d-decimal numbers.
        const v = ((2 * k + 1) * 5 ** d) / 2 ** (d + 1) / 10 ** d;
        if (!(Number.isInteger(v * 2 ** (d + 1)) && (v * 2 ** (d + 1)) % 2 === 1)) return;
        const s = formatFixed(v, d);
        const lastDigit = Number(s[s.length - 1]);
        expect(lastDigit % 2).toBe(0);
        expect(Math.abs(Number(s) - v)).toBeCloseTo(0.5 * 10 ** -d, 12);
      }),
    );
  });

  it('refuses non-finite values', () => {
    expect(() => formatFixed(Number.NaN, 5)).toThrow(/finite/);
    expect(() => formatFixed(Infinity, 5)).toThrow(/finite/);
  });
});

describe('formatPythonFloat and roundPython', () => {
  it('matches Python repr(float)', () => {
    for (const [v, want] of PYTHON_REPR) expect(formatPythonFloat(v), String(v)).toBe(want);
    expect(formatPythonFloat(-0)).toBe('-0.0');
  });

  it('reproduces the Prompt2Sign counter str(round(i / T, 5))', () => {
    for (const [T, first, second, last] of PYTHON_COUNTERS) {
      const counter = (i: number) => formatPythonFloat(roundPython(i / T, 5));
      expect([counter(1), counter(2), counter(T)], `T=${T}`).toEqual([first, second, last]);
    }
  });

  it('round-trips through Number() (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(Object.is(Number(formatPythonFloat(v)), v)).toBe(true);
      }),
    );
  });
});
