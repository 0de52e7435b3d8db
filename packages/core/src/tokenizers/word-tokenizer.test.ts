import { describe, expect, it } from 'vitest';
import { loadTokenizer } from './load-tokenizer.ts';
import { SPECIAL_TOKENS, UNK_ID } from './special-tokens.ts';
import { trainTokenizer } from './train-tokenizer.ts';

const LANGGLOSS = ['<ase> HOUSE <ase> BIG', '<ase> HOUSE RED', '<gsg> HAUS GROSS', '<gsg> HAUS'];

describe('word tokenizer', () => {
  const tok = trainTokenizer(LANGGLOSS, { kind: 'word', vocabSize: 100, reserved: ['<ase>', '<gsg>'] });

  it('keeps the case of LangGloss strings by default and round-trips them', () => {
    expect(tok.kind).toBe('word');
    expect(tok.lowercase).toBe(false);
    expect(tok.tokens('<ase> HOUSE <ase> BIG')).toEqual(['<ase>', 'HOUSE', '<ase>', 'BIG']);
    expect(tok.encode('<ase> HOUSE')).toEqual([4, tok.idOf('HOUSE')]);
    expect(tok.decode(tok.encode('<ase> HOUSE <ase> BIG'))).toBe('<ase> HOUSE <ase> BIG');
    expect(tok.idOf('house')).toBe(UNK_ID);
  });

  it('orders the vocabulary: specials, reserved, then words by count (ties in code-point order)', () => {
    // HOUSE 2, HAUS 2, then BIG, GROSS, RED once each.
    expect(tok.toJSON().vocab).toEqual([
      ...SPECIAL_TOKENS,
      '<ase>',
      '<gsg>',
      'HAUS',
      'HOUSE',
      'BIG',
      'GROSS',
      'RED',
    ]);
    const astral = trainTokenizer(['😀 \uFFFD'], { kind: 'word', vocabSize: 10 });
    expect(astral.toJSON().vocab.slice(4)).toEqual(['\uFFFD', '😀']); // U+FFFD < U+1F600
  });

  it('cuts the vocabulary at vocabSize; rarer words become <unk>', () => {
    const small = trainTokenizer(['b a c a b a d'], { kind: 'word', vocabSize: 7 });
    expect(small.vocabSize).toBe(7);
    expect(small.toJSON().vocab.slice(4)).toEqual(['a', 'b', 'c']);
    expect(small.encode('a d c')).toEqual([4, UNK_ID, 6]);
    expect(small.decode(small.encode('a d c'))).toBe('a c');
  });

  it('drops words seen fewer than minFrequency times', () => {
    const t = trainTokenizer(['b a c a b a d'], { kind: 'word', vocabSize: 100, minFrequency: 2 });
    expect(t.toJSON().vocab.slice(4)).toEqual(['a', 'b']);
  });

  it('keeps every reserved token even when vocabSize is smaller', () => {
    const t = trainTokenizer(LANGGLOSS, { kind: 'word', vocabSize: 3, reserved: ['<ase>', '<gsg>'] });
    expect(t.toJSON().vocab).toEqual([...SPECIAL_TOKENS, '<ase>', '<gsg>']);
    expect(t.vocabSize).toBe(6);
  });

  it('lowercases words, but not reserved tokens, when asked', () => {
    const t = trainTokenizer(['<ASE> House HOUSE'], {
      kind: 'word',
      vocabSize: 10,
      lowercase: true,
      reserved: ['<ASE>'],
    });
    expect(t.toJSON().vocab.slice(4)).toEqual(['<ASE>', 'house']);
    expect(t.encode('<ASE> hOuSe')).toEqual([4, 5]);
  });

  it('splits a reserved token off an attached word', () => {
    expect(tok.tokens('<ase>HOUSE<gsg>HAUS')).toEqual(['<ase>', 'HOUSE', '<gsg>', 'HAUS']);
  });

  it('treats the text of a special token as an unknown word', () => {
    expect(tok.encode('<s> HOUSE </s> <pad>')).toEqual([UNK_ID, tok.idOf('HOUSE'), UNK_ID, UNK_ID]);
  });

  it('handles the empty string and tokens named like object properties', () => {
    expect(tok.encode('')).toEqual([]);
    const t = trainTokenizer(['__proto__ constructor toString __proto__'], { kind: 'word', vocabSize: 10 });
    expect(t.toJSON().vocab.slice(4)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(t.encode('constructor __proto__ hasOwnProperty')).toEqual([5, 4, UNK_ID]);
    const loaded = loadTokenizer(JSON.parse(JSON.stringify(t.toJSON())));
    expect(loaded.encode('toString __proto__')).toEqual([6, 4]);
  });

  it('survives toJSON → loadTokenizer', () => {
    const loaded = loadTokenizer(JSON.parse(JSON.stringify(tok)));
    expect(loaded.toJSON()).toEqual(tok.toJSON());
    for (const s of LANGGLOSS) expect(loaded.encode(s)).toEqual(tok.encode(s));
  });
});
