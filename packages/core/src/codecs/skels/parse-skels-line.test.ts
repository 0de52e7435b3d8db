import { describe, expect, it } from 'vitest';
import { thrown } from '../../test-support/errors.ts';
import { parseSkelsLine } from './parse-skels-line.ts';
import type { SkelsDialect } from './skels-dialect.ts';

/** A synthetic line: frame f, value j is (f * 1000 + j) / 1e5; counter f / frames. */
function synthetic(frames: number, valuesPerFrame: number): { text: string; tokens: string[] } {
  const tokens: string[] = [];
  for (let f = 0; f < frames; f++) {
    for (let j = 0; j < valuesPerFrame; j++) tokens.push(((f * 1000 + j) / 1e5).toFixed(5));
    tokens.push((f / frames).toFixed(4));
  }
  return { text: tokens.join(' '), tokens };
}

describe('parseSkelsLine', () => {
  for (const [dialect, vpf] of [
    ['pt', 150],
    ['p2s', 150],
    ['dwpose', 384],
  ] as Array<[SkelsDialect, number]>) {
    it(`splits ${dialect} frames into ${vpf} values and a counter`, () => {
      const { text, tokens } = synthetic(3, vpf);
      const seq = parseSkelsLine(text, { dialect });
      expect(seq.frames).toBe(3);
      expect(seq.valuesPerFrame).toBe(vpf);
      expect(seq.values).toHaveLength(3 * vpf);
      expect(seq.counter).toHaveLength(3);
      const w = vpf + 1;
      for (let f = 0; f < 3; f++) {
        expect(seq.counter[f]).toBe(Math.fround(Number(tokens[f * w + vpf])));
        for (const j of [0, 1, vpf - 1]) {
          expect(seq.values[f * vpf + j]).toBe(Math.fround(Number(tokens[f * w + j])));
        }
      }
    });
  }

  it('accepts bytes, a trailing space, multiple spaces and a final \\n or \\r\\n', () => {
    const { text } = synthetic(2, 150);
    const want = parseSkelsLine(text, { dialect: 'pt' });
    for (const variant of [`${text} `, text.replace(/ /g, '   '), `${text}\n`, `${text} \r\n`, `\t${text}`]) {
      const got = parseSkelsLine(new TextEncoder().encode(variant), { dialect: 'pt' });
      expect(got.values).toEqual(want.values);
      expect(got.counter).toEqual(want.counter);
    }
  });

  it('reads a blank line as a sequence of 0 frames', () => {
    const seq = parseSkelsLine('   ', { dialect: 'p2s' });
    expect(seq.frames).toBe(0);
    expect(seq.values).toHaveLength(0);
  });

  it('reports a token count that is not a whole number of frames (badFormat)', () => {
    const { tokens } = synthetic(2, 150);
    const e = thrown(() =>
      parseSkelsLine(tokens.slice(0, 300).join(' '), { dialect: 'pt', line: 4, source: 'x.skels' }),
    );
    expect(e.code).toBe('format_invalid');
    expect(e.message).toContain('line 4 has 300 numbers');
    expect(e.message).toContain('frame width 151');
    expect(e.position).toMatchObject({ source: 'x.skels', line: 4 });
    expect(e.details).toMatchObject({ count: 300, width: 151 });
    // a pt line read as dwpose has the wrong width too
    expect(thrown(() => parseSkelsLine(tokens.join(' '), { dialect: 'dwpose' })).message).toContain(
      'width 385',
    );
  });

  it('names line and token of a bad number', () => {
    const { tokens } = synthetic(1, 150);
    tokens[41] = 'NaN';
    const e = thrown(() => parseSkelsLine(tokens.join(' '), { dialect: 'pt', line: 9 }));
    expect(e.code).toBe('format_invalid_number');
    expect(e.position).toMatchObject({ line: 9, token: 42 });
  });

  it('rejects embedded line breaks, unknown dialects and non-byte input', () => {
    expect(thrown(() => parseSkelsLine('1 2\n3 4', { dialect: 'pt' })).code).toBe('format_invalid');
    const e = thrown(() => parseSkelsLine('', { dialect: 'openpose' as SkelsDialect }));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toContain('"pt", "p2s" or "dwpose"');
    expect(thrown(() => parseSkelsLine(42 as unknown as string, { dialect: 'pt' })).code).toBe(
      'invalid_argument',
    );
  });
});
