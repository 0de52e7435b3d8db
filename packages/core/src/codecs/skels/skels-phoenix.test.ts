/**
 * Golden tests on the real PHOENIX14T sample (Progressive Transformers `pt` dialect): 5 train + 5 dev
 * sequences, checked against an independent split-and-Number() reading of the same files.
 */
import { expect, it } from 'vitest';
import { chunks } from '../../test-support/chunks.ts';
import { describeWithData, readDataBytes, readDataText } from '../../test-support/shared-data.ts';
import { formatSkels, formatSkelsLine } from './format-skels-line.ts';
import { parseSkelsLine } from './parse-skels-line.ts';
import { parseSkels, readSkels } from './read-skels.ts';

const SPLITS = ['train', 'dev'] as const;

describeWithData('.skels golden: PHOENIX14T sample (pt dialect)', () => {
  for (const split of SPLITS) {
    const file = `${split}.skels`;
    const text = (): string => readDataText('phoenix14t-sample', file);
    const lines = (): string[] =>
      text()
        .split('\n')
        .filter((l) => l.trim() !== '');

    it(`${file}: 5 sequences, frames = tokens / 151, values and counters equal Number() of the text`, () => {
      const seqs = parseSkels(readDataBytes('phoenix14t-sample', file), { dialect: 'pt', source: file });
      const textLines = lines();
      expect(textLines).toHaveLength(5);
      expect(seqs).toHaveLength(5);
      seqs.forEach((seq, i) => {
        const tokens = textLines[i]!.split(/\s+/).filter((t) => t !== '');
        expect(tokens.length % 151).toBe(0);
        expect(seq.frames).toBe(tokens.length / 151);
        expect(seq.valuesPerFrame).toBe(150);
        // value k of the file is token k + (number of counters before it)
        for (let k = 0; k < 400; k++) {
          expect(seq.values[k]).toBe(Math.fround(Number(tokens[k + Math.floor(k / 150)])));
        }
        for (let f = 0; f < seq.frames; f++) {
          expect(seq.counter[f]).toBe(Math.fround(Number(tokens[f * 151 + 150])));
          expect(seq.values[f * 150 + 149]).toBe(Math.fround(Number(tokens[f * 151 + 149])));
        }
        const lastFrame = seq.frames - 1;
        expect(seq.values[lastFrame * 150]).toBe(Math.fround(Number(tokens[lastFrame * 151])));
      });
    });

    it(`${file}: counters are i/T from 0 (the pt convention)`, () => {
      for (const seq of parseSkels(text(), { dialect: 'pt' })) {
        for (let i = 0; i < seq.frames; i++)
          expect(Math.abs(seq.counter[i]! - i / seq.frames)).toBeLessThan(5.1e-5);
      }
    });

    it(`${file}: parse → format gives the identical text, and parse again the identical numbers`, () => {
      const seqs = parseSkels(text(), { dialect: 'pt' });
      const written = formatSkels(seqs, 'pt');
      expect(written).toBe(text());
      const again = parseSkels(written, { dialect: 'pt' });
      again.forEach((s, i) => {
        expect(s.values).toEqual(seqs[i]!.values);
        expect(s.counter).toEqual(seqs[i]!.counter);
      });
      // and line by line through parseSkelsLine
      const first = lines()[0]!;
      expect(formatSkelsLine(parseSkelsLine(first, { dialect: 'pt' }), 'pt')).toBe(first);
    });

    it(`${file}: streaming in odd-sized chunks gives the same sequences`, async () => {
      const whole = parseSkels(text(), { dialect: 'pt' });
      let i = 0;
      for await (const seq of readSkels(chunks(readDataBytes('phoenix14t-sample', file), 4093), {
        dialect: 'pt',
      })) {
        expect(seq.index).toBe(i);
        expect(seq.values).toEqual(whole[i]!.values);
        i++;
      }
      expect(i).toBe(5);
    });
  }

  it('dev.skels line 1 has 6342 numbers = 42 frames (as the Progressive Transformers README says)', () => {
    const [first] = parseSkels(readDataText('phoenix14t-sample', 'dev.skels'), { dialect: 'pt' });
    expect(first!.frames).toBe(42);
    expect(first!.frames * 151).toBe(6342);
    // neck-centred data: joint 1 (values 3..5) is (0, 0, 0)
    expect(Array.from(first!.values.subarray(3, 6))).toEqual([0, 0, 0]);
  });
});
