import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { loadTokenizer } from './load-tokenizer.ts';
import { normaliseText } from './normalise-text.ts';
import { BOS_ID, EOS_ID, PAD_ID, UNK_ID } from './special-tokens.ts';
import { trainTokenizer } from './train-tokenizer.ts';

// A few sentences per language, written for these tests.
const SENTENCES: Record<string, string[]> = {
  english: [
    'The weather will be sunny tomorrow in the north.',
    'Could you tell me where the train station is?',
    'She bought three apples and a loaf of bread.',
  ],
  german: [
    'Morgen gibt es im Süden kräftige Schauer und Gewitter.',
    'Die Straße ist nach dem Regen sehr glatt.',
    'Wir müssen heute früher losfahren, weil es schneit.',
  ],
  swissGerman: [
    'Grüezi mitenand, wie gaht’s eu hüt?',
    'Mir gönd am Samschtig uf Züri go poschte.',
    'Das Wätter isch hüt würkli schöön gsi.',
  ],
  swissFrench: [
    'Il y aura septante-cinq invités à la fête à Genève.',
    'Nous prendrons le dîner à midi, puis le souper à huitante minutes de là.',
    'Ça joue pour toi si on se voit après l’école ?',
  ],
  swissItalian: [
    'Domani a Lugano ci sarà il sole e farà più caldo.',
    'Ho comprato il biglietto alla stazione di Bellinzona.',
    'Perché non vieni con noi in montagna sabato?',
  ],
  argentineSpanish: [
    '¿Vos sabés dónde queda la parada del colectivo?',
    'Che, mañana vamos a comer ñoquis a la casa de mi abuela.',
    '¡Qué lindo día para tomar unos mates en la plaza!',
  ],
  korean: [
    '안녕하세요, 만나서 반갑습니다.',
    '내일은 비가 많이 올 것 같아요.',
    '저는 학교에서 한국어를 공부합니다.',
  ],
  turkish: [
    'İstanbul’da bugün hava çok güzel.',
    'Işık ılık suyun içinde parlıyordu.',
    'Öğretmenimiz şarkıyı çocuklarla birlikte söyledi.',
  ],
};
const ALL = Object.values(SENTENCES).flat();

/** What decode(encode(text)) must give: normalised text with whitespace runs collapsed and trimmed. */
function expected(text: string, lowercase = true): string {
  return normaliseText(text, lowercase)
    .split(/[\s\u2581]+/u)
    .filter((w) => w !== '')
    .join(' ');
}

const tokenizer = trainTokenizer(ALL, { kind: 'subword', vocabSize: 400, reserved: ['<ase>', '<gsg>'] });

describe('subword tokenizer in eight languages', () => {
  it.each(Object.entries(SENTENCES))('round-trips %s sentences', (_, sentences) => {
    for (const s of sentences) {
      const ids = tokenizer.encode(s);
      expect(ids).not.toContain(UNK_ID);
      expect(tokenizer.decode(ids)).toBe(expected(s));
    }
  });

  it('lowercases as documented (ß stays, Turkish I → i, İ → i + U+0307)', () => {
    expect(tokenizer.decode(tokenizer.encode('Die STRASSE, die Straße'))).toBe('die strasse, die straße');
    expect(tokenizer.decode(tokenizer.encode('Işık ılık'))).toBe('işık ılık');
    expect(tokenizer.decode(tokenizer.encode('İstanbul'))).toBe('i\u0307stanbul');
  });

  it('keeps case and exact punctuation spacing when lowercase is off', () => {
    const cased = trainTokenizer(ALL, { kind: 'subword', vocabSize: 300, lowercase: false });
    expect(cased.lowercase).toBe(false);
    for (const s of ALL) expect(cased.decode(cased.encode(s))).toBe(expected(s, false));
    expect(cased.decode(cased.encode('  Ça   joue ?  '))).toBe('Ça joue ?');
  });

  it('encodes unseen words of seen scripts without <unk>', () => {
    for (const word of [
      'gewitterstraße',
      'ñoquisito',
      '학교가',
      'güzelşarkı',
      'huitante-septante',
      'Bellinzonese',
    ]) {
      expect(ALL.join(' ').toLowerCase()).not.toContain(word.toLowerCase());
      const ids = tokenizer.encode(word);
      expect(ids).not.toContain(UNK_ID);
      expect(tokenizer.decode(ids)).toBe(word.toLowerCase());
    }
  });

  it('maps each unknown character to one <unk> (also astral characters)', () => {
    const ids = tokenizer.encode('жж😀 the');
    expect(ids.slice(0, 4)).toEqual([tokenizer.idOf('▁'), UNK_ID, UNK_ID, UNK_ID]);
    expect(tokenizer.tokens('жж😀')).toEqual(['▁', 'ж', 'ж', '😀']);
    expect(tokenizer.decode(ids)).toBe('the');
  });

  it('compresses: fewer tokens than characters on the training text', () => {
    const chars = ALL.reduce((n, s) => n + [...s].length, 0);
    const tokens = ALL.reduce((n, s) => n + tokenizer.encode(s).length, 0);
    expect(tokens).toBeLessThan(chars);
  });

  it('encodes the empty string and whitespace to nothing', () => {
    expect(tokenizer.encode('')).toEqual([]);
    expect(tokenizer.encode(' \n\t ')).toEqual([]);
    expect(tokenizer.decode([])).toBe('');
  });

  it('tokens() gives the pieces encode() maps, one per id', () => {
    for (const s of [...ALL, 'жж😀 <ase>x']) {
      expect(tokenizer.tokens(s).map((t) => tokenizer.idOf(t))).toEqual(tokenizer.encode(s));
    }
  });
});

describe('reserved tokens', () => {
  const texts = ['<ase> hello there <gsg> hallo da', '<ase>hello<gsg>', 'hello <ase> <ase> there'];
  const tok = trainTokenizer(texts, { kind: 'subword', vocabSize: 200, reserved: ['<ase>', '<gsg>'] });

  it('get ids 4, 5, … and are never split, lowercased or merged', () => {
    expect(tok.idOf('<ase>')).toBe(4);
    expect(tok.idOf('<gsg>')).toBe(5);
    expect(tok.encode('<ase>')).toEqual([4]);
    expect(tok.tokens('hello<ase>there <gsg>')).toEqual(['▁hello', '<ase>', '▁there', '<gsg>']);
    const pieces = tok.toJSON().merges?.flat() ?? [];
    expect(pieces.some((p) => p.includes('<ase>'))).toBe(false);
    expect(tok.tokens('<ASE>')).not.toContain('<ase>'); // matching is case-sensitive, before lowercasing
  });

  it('decode to separate words', () => {
    expect(tok.decode(tok.encode('<ase>hello <gsg>  hallo'))).toBe('<ase> hello <gsg> hallo');
  });
});

describe('decode', () => {
  it('skips specials and rejects ids outside the vocabulary', () => {
    const ids = tokenizer.encode('güzel');
    expect(tokenizer.decode([BOS_ID, ...ids, EOS_ID, PAD_ID, UNK_ID])).toBe('güzel');
    expect(tokenizer.decode(Int32Array.from(ids))).toBe('güzel');
    expectError(
      () => tokenizer.decode([tokenizer.vocabSize]),
      'invalid_argument',
      new RegExp(`id ${tokenizer.vocabSize} is not an integer in \\[0, ${tokenizer.vocabSize}\\)`),
    );
    expectError(() => tokenizer.decode([-1]), 'invalid_argument');
    expectError(() => tokenizer.decode([1.5]), 'invalid_argument');
    expectError(() => tokenizer.decode([Number.NaN]), 'invalid_argument', /NaN/);
    expectError(() => tokenizer.tokenOf(tokenizer.vocabSize), 'invalid_argument');
    expect(tokenizer.tokenOf(UNK_ID)).toBe('<unk>');
  });
});

describe('determinism and saving', () => {
  it('trains the same vocabulary and merges from the same texts, in any order', () => {
    const again = trainTokenizer(ALL, { kind: 'subword', vocabSize: 400, reserved: ['<ase>', '<gsg>'] });
    expect(again.toJSON()).toEqual(tokenizer.toJSON());
    const shuffled = [...ALL].reverse();
    const other = trainTokenizer(shuffled, { kind: 'subword', vocabSize: 400, reserved: ['<ase>', '<gsg>'] });
    expect(other.toJSON()).toEqual(tokenizer.toJSON());
  });

  it('toJSON → JSON text → loadTokenizer encodes identically', () => {
    const loaded = loadTokenizer(JSON.parse(JSON.stringify(tokenizer.toJSON())));
    expect(loaded.kind).toBe('subword');
    expect(loaded.vocabSize).toBe(tokenizer.vocabSize);
    expect(loaded.lowercase).toBe(true);
    for (const s of [...ALL, 'жж <ase> unbekannt']) expect(loaded.encode(s)).toEqual(tokenizer.encode(s));
    expect(loaded.toJSON()).toEqual(tokenizer.toJSON());
  });

  it('toJSON returns a copy', () => {
    const json = tokenizer.toJSON();
    json.vocab[4] = 'changed';
    expect(tokenizer.tokenOf(4)).toBe('<ase>');
  });
});

describe('round trip property', () => {
  // Every character of the normalised training text, except marks that could compose with a neighbour.
  const seen = [...new Set(Array.from(normaliseText(ALL.join(''), true)))].filter(
    (c) => !/[\s\p{M}]/u.test(c),
  );

  it('decode(encode(x)) is the normalised x with whitespace collapsed, for text of seen characters', () => {
    const text = fc
      .array(fc.oneof(fc.constantFrom(...seen), fc.constantFrom(' ', '  ', '\t', '\n')), { maxLength: 40 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (x) => {
        const ids = tokenizer.encode(x);
        expect(ids).not.toContain(UNK_ID);
        expect(tokenizer.decode(ids)).toBe(expected(x));
      }),
      { numRuns: 300 },
    );
  });
});
