import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { loadTokenizer } from './load-tokenizer.ts';
import { normaliseText } from './normalise-text.ts';
import { SPECIAL_TOKENS, UNK_ID } from './special-tokens.ts';
import type { TrainTokenizerOptions } from './tokenizer.ts';
import { trainTokenizer } from './train-tokenizer.ts';

describe('trainTokenizer options', () => {
  const train = (
    options: Partial<TrainTokenizerOptions> & Record<string, unknown>,
    texts: unknown = ['a b'],
  ) =>
    trainTokenizer(
      texts as string[],
      { kind: 'subword', vocabSize: 50, ...options } as TrainTokenizerOptions,
    );

  it('defaults: lowercase for subword only, minFrequency 1, no reserved tokens', () => {
    expect(train({}).lowercase).toBe(true);
    expect(train({ kind: 'word' }).lowercase).toBe(false);
    expect(train({}).toJSON().reserved).toEqual([]);
  });

  it('rejects bad options with messages that name the value and the valid range', () => {
    expectError(
      () => train({ kind: 'char' as 'word' }),
      'invalid_argument',
      /kind must be "word" or "subword", got "char"/,
    );
    expectError(
      () => train({ vocabSize: 0 }),
      'invalid_argument',
      /vocabSize must be an integer in \[1, 1000000\], got 0/,
    );
    expectError(() => train({ vocabSize: Number.NaN }), 'invalid_argument', /got NaN/);
    expectError(() => train({ vocabSize: 2.5 }), 'invalid_argument', /vocabSize/);
    expectError(() => train({ vocabSize: 1_000_001 }), 'invalid_argument', /vocabSize/);
    expectError(
      () => train({ minFrequency: 0 }),
      'invalid_argument',
      /minFrequency must be a positive integer, got 0/,
    );
    expectError(() => train({ lowercase: 'no' as unknown as boolean }), 'invalid_argument', /lowercase/);
    expectError(
      () => train({ reserved: '<ase>' as unknown as string[] }),
      'invalid_argument',
      /reserved must be an array/,
    );
    expectError(
      () => train({ reserved: ['<ase>', '<ase>'] }),
      'invalid_argument',
      /reserved\[1\] "<ase>" is repeated/,
    );
    expectError(
      () => train({ reserved: ['a b'] }),
      'invalid_argument',
      /reserved\[0\] "a b" contains whitespace/,
    );
    expectError(() => train({ reserved: ['<s>'] }), 'invalid_argument', /is a special token/);
    expectError(() => train({ reserved: [''] }), 'invalid_argument', /is empty/);
    expectError(() => train({ reserved: ['ﬁ'] }), 'invalid_argument', /NFKC/);
    expectError(() => train({ reserved: ['▁x'] }), 'invalid_argument', /word-start marker/);
    expectError(() => train({ reserved: [7 as unknown as string] }), 'invalid_argument', /is not a string/);
    expectError(
      () => trainTokenizer(['a'], null as unknown as TrainTokenizerOptions),
      'invalid_argument',
      /options/,
    );
  });

  it('rejects texts that are not an iterable of strings', () => {
    expectError(() => train({}, 42), 'invalid_argument', /iterable of strings/);
    expectError(() => train({}, null), 'invalid_argument', /iterable of strings/);
    expectError(() => train({}, ['ok', 3]), 'invalid_argument', /texts\[1\] is not a string/);
  });

  it('accepts any iterable, e.g. a generator', () => {
    function* texts(): Generator<string> {
      yield 'ab ab';
      yield 'ab';
    }
    expect(trainTokenizer(texts(), { kind: 'subword', vocabSize: 50 }).tokens('ab')).toEqual(['▁ab']);
  });

  it('keeps the whole alphabet when vocabSize is smaller than specials + alphabet', () => {
    const t = trainTokenizer(['abc cab'], { kind: 'subword', vocabSize: 2 });
    expect(t.toJSON().vocab).toEqual([...SPECIAL_TOKENS, '▁', 'a', 'b', 'c']);
    expect(t.vocabSize).toBe(8);
    expect(t.decode(t.encode('cab bac'))).toBe('cab bac');
  });

  it('leaves characters rarer than minFrequency out (they become <unk>)', () => {
    const t = trainTokenizer(['aab aab aac'], { kind: 'subword', vocabSize: 50, minFrequency: 2 });
    expect(t.idOf('c')).toBe(UNK_ID);
    expect(t.encode('c')).toEqual([t.idOf('▁'), UNK_ID]);
  });

  it('never turns text into special ids, even text that spells them', () => {
    const t = trainTokenizer(['x(<s>) x(<s>) x(<s>) </s> </s>'], { kind: 'subword', vocabSize: 100 });
    for (const id of t.encode('x(<s>) </s> (</s>)')) expect(id).toBeGreaterThanOrEqual(SPECIAL_TOKENS.length);
    expect(t.decode(t.encode('x(<s>) </s>'))).toBe('x(<s>) </s>');
  });
});

describeWithData('tokenizers on real data', () => {
  const lines = (path: string): string[] =>
    readDataText(path)
      .split('\n')
      .filter((l) => l.trim() !== '');

  it('a subword tokenizer trained on the PHOENIX sample sentences compresses them', () => {
    const texts = [...lines('phoenix14t-sample/train.text'), ...lines('phoenix14t-sample/dev.text')];
    expect(texts.length).toBe(10);
    const tok = trainTokenizer(texts, { kind: 'subword', vocabSize: 300 });
    let chars = 0;
    let tokens = 0;
    for (const text of texts) {
      const ids = tok.encode(text);
      expect(ids).not.toContain(UNK_ID);
      expect(tok.decode(ids)).toBe(normaliseText(text, true).trim().split(/\s+/).join(' '));
      chars += [...text].length;
      tokens += ids.length;
    }
    expect(tokens).toBeLessThan(chars);
    expect(tokens / chars).toBeLessThan(0.5);
  });

  it('a word tokenizer on the PHOENIX glosses keeps their case', () => {
    const glosses = lines('phoenix14t-sample/train.gloss');
    const tok = loadTokenizer(trainTokenizer(glosses, { kind: 'word', vocabSize: 1000 }).toJSON());
    for (const g of glosses) expect(tok.decode(tok.encode(g))).toBe(g.trim().split(/\s+/).join(' '));
  });

  it('a subword tokenizer trained on How2Sign sentences encodes held-out ones with few <unk>', () => {
    const texts = lines('how2sign-text/dev.text');
    const tok = trainTokenizer(texts.slice(0, 1500), { kind: 'subword', vocabSize: 2000 });
    const held = texts.slice(1500);
    let chars = 0;
    let tokens = 0;
    let unknown = 0;
    for (const text of held) {
      const ids = tok.encode(text);
      chars += [...text].length;
      tokens += ids.length;
      unknown += ids.filter((id) => id === UNK_ID).length;
    }
    expect(tokens).toBeLessThan(chars / 2);
    expect(unknown).toBeLessThan(chars / 1000);
  });
});
