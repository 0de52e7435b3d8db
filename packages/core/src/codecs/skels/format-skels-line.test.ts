import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSkels, formatSkelsLine } from './format-skels-line.ts';
import { parseSkelsLine } from './parse-skels-line.ts';
import { parseSkels } from './read-skels.ts';
import { type SkelsDialect, type SkelsSequence, skelsDialectInfo } from './skels-dialect.ts';

function sequence(
  frames: number,
  valuesPerFrame: number,
  value: (f: number, j: number) => number,
  counter: (f: number) => number,
): SkelsSequence {
  const values = new Float32Array(frames * valuesPerFrame);
  for (let f = 0; f < frames; f++)
    for (let j = 0; j < valuesPerFrame; j++) values[f * valuesPerFrame + j] = value(f, j);
  return {
    frames,
    valuesPerFrame,
    values,
    counter: Float32Array.from({ length: frames }, (_, f) => counter(f)),
  };
}

describe('formatSkelsLine', () => {
  it('pt: %.5f values, %.4f counter, single spaces, no trailing space', () => {
    const seq = sequence(
      2,
      150,
      (f, j) => (j === 0 ? -0.024285 : j === 1 ? -0 : f + j / 1000),
      (f) => f / 2,
    );
    const line = formatSkelsLine(seq, 'pt');
    const tokens = line.split(' ');
    expect(tokens).toHaveLength(302);
    expect(tokens.slice(0, 4)).toEqual(['-0.02428', '-0.00000', '0.00200', '0.00300']);
    expect(tokens[150]).toBe('0.0000');
    expect(tokens[301]).toBe('0.5000');
    expect(line.endsWith(' ')).toBe(false);
  });

  it('p2s: 0 and NaN become 0.01600, Python counter, trailing space', () => {
    const seq = sequence(
      3,
      150,
      (_f, j) => (j === 0 ? 0 : j === 1 ? Number.NaN : j === 2 ? -0 : 0.0123),
      (f) => (f + 1) / 3,
    );
    const line = formatSkelsLine(seq, 'p2s');
    expect(line.endsWith('1.0 ')).toBe(true);
    const tokens = line.slice(0, -1).split(' ');
    expect(tokens).toHaveLength(453);
    expect(tokens.slice(0, 4)).toEqual(['0.01600', '0.01600', '0.01600', '0.01230']);
    expect([tokens[150], tokens[301], tokens[452]]).toEqual(['0.33333', '0.66667', '1.0']);
  });

  it('dwpose: %.8f everywhere, body scores -1 as -1.00000000', () => {
    const seq = sequence(
      2,
      384,
      (_f, j) => (j === 36 ? -1 : j === 37 ? 1 : 0.25),
      (f) => f,
    );
    const tokens = formatSkelsLine(seq, 'dwpose').split(' ');
    expect(tokens).toHaveLength(770);
    expect(tokens.slice(35, 39)).toEqual(['0.25000000', '-1.00000000', '1.00000000', '0.25000000']);
    expect([tokens[384], tokens[769]]).toEqual(['0.00000000', '1.00000000']);
  });

  it('writes 0 frames as an empty line and whole files with \\n', () => {
    const empty = sequence(
      0,
      150,
      () => 0,
      () => 0,
    );
    expect(formatSkelsLine(empty, 'p2s')).toBe('');
    const one = sequence(
      1,
      150,
      () => 0.5,
      () => 0,
    );
    expect(formatSkels([one, empty], 'pt')).toBe(`${formatSkelsLine(one, 'pt')}\n\n`);
  });

  it('rejects shapes that do not fit the dialect, and non-finite values', () => {
    const seq = sequence(
      1,
      150,
      () => 0.5,
      () => 0,
    );
    expect(() => formatSkelsLine(seq, 'dwpose')).toThrow(/valuesPerFrame is 150.*384/);
    expect(() => formatSkelsLine({ ...seq, frames: 2 }, 'pt')).toThrow(
      /values has 150 numbers, expected 2 frames/,
    );
    expect(() => formatSkelsLine({ ...seq, counter: new Float32Array(3) }, 'pt')).toThrow(/counter has 3/);
    const nan = sequence(
      1,
      150,
      () => Number.NaN,
      () => 0,
    );
    expect(() => formatSkelsLine(nan, 'pt')).toThrow(/finite/);
  });

  const dialects: SkelsDialect[] = ['pt', 'p2s', 'dwpose'];
  for (const dialect of dialects) {
    it(`${dialect}: random sequences → format → parse equal within 1e-5 (property)`, () => {
      const { valuesPerFrame } = skelsDialectInfo(dialect);
      const arb = fc.integer({ min: 0, max: 4 }).chain((frames) =>
        fc.record({
          frames: fc.constant(frames),
          values: fc.float32Array({
            minLength: frames * valuesPerFrame,
            maxLength: frames * valuesPerFrame,
            min: -50,
            max: 50,
            noNaN: true,
          }),
          counter: fc.float32Array({ minLength: frames, maxLength: frames, min: 0, max: 1, noNaN: true }),
        }),
      );
      fc.assert(
        fc.property(arb, ({ frames, values, counter }) => {
          const seq: SkelsSequence = { frames, valuesPerFrame, values, counter };
          const back = parseSkelsLine(formatSkelsLine(seq, dialect), { dialect });
          expect(back.frames).toBe(frames);
          const p2sMissing = (v: number) => dialect === 'p2s' && v === 0;
          values.forEach((v, i) => {
            const want = p2sMissing(v) ? 0.016 : v;
            expect(Math.abs(back.values[i]! - want)).toBeLessThanOrEqual(1e-5);
          });
          counter.forEach((c, i) => {
            expect(Math.abs(back.counter[i]! - c)).toBeLessThanOrEqual(dialect === 'pt' ? 5.1e-5 : 1e-5);
          });
        }),
        { numRuns: 150 },
      );
    });
  }

  it('whole files round-trip through formatSkels and parseSkels', () => {
    const seqs = [
      sequence(
        2,
        150,
        (f, j) => (f - j) / 300,
        (f) => f / 2,
      ),
      sequence(
        1,
        150,
        () => 0.1,
        () => 0,
      ),
    ];
    const back = parseSkels(formatSkels(seqs, 'pt'), { dialect: 'pt' });
    expect(back.map((s) => s.frames)).toEqual([2, 1]);
    back.forEach((s, i) => {
      s.values.forEach((v, k) => {
        expect(Math.abs(v - seqs[i]!.values[k]!)).toBeLessThanOrEqual(5e-6);
      });
    });
  });
});
