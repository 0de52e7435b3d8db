import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitWhitespace, tokenize13a, tokenizeIntl } from './tokenize-13a.ts';

// Each expectation follows from the mteval-v13a rules by hand (see tokenize-13a.ts); every one was also
// checked against sacreBLEU 2.6.0 (`Tokenizer13a()(s).split()` / `TokenizerV14International()(s).split()`).
describe('tokenize13a', () => {
  const cases: [string, string[]][] = [
    ['Hello, world.', ['Hello', ',', 'world', '.']],
    // period/comma between digits stay; a final period after a digit is split (the line is space-padded)
    ['3.5 and 1,000 and 1,000.', ['3.5', 'and', '1,000', 'and', '1,000', '.']],
    ['a.b', ['a', '.', 'b']],
    ['.5', ['.', '5']],
    ['5.', ['5', '.']],
    // apostrophes and hyphens between letters are not split; a dash after a digit is
    ["wasn't", ["wasn't"]],
    ['well-known', ['well-known']],
    ['5-4', ['5', '-', '4']],
    ['a-5', ['a-5']],
    // entities, <skipped>, hyphenated line breaks and newlines
    ['&quot;hi&quot; &amp; &lt;b&gt;', ['"', 'hi', '"', '&', '<', 'b', '>']],
    ['<skipped>word', ['word']],
    ['hyphen-\nated', ['hyphenated']],
    ['two\nlines', ['two', 'lines']],
    // the punctuation class
    ['(a) [b] {c}', ['(', 'a', ')', '[', 'b', ']', '{', 'c', '}']],
    ['$5 50% #1 @x', ['$', '5', '50', '%', '#', '1', '@', 'x']],
    ['a~b|c^d_e`f\\g', ['a', '~', 'b', '|', 'c', '^', 'd', '_', 'e', '`', 'f', '\\', 'g']],
    // non-overlapping left-to-right matching: the comma after "g." is split by the second rule only
    ['e.g.,', ['e', '.', 'g', '.', ',']],
    ['It costs $3.50, "cheap".', ['It', 'costs', '$', '3.50', ',', '"', 'cheap', '"', '.']],
    ['He said "hi" in 2019-2020.', ['He', 'said', '"', 'hi', '"', 'in', '2019', '-', '2020', '.']],
  ];
  it.each(cases)('%j', (input, tokens) => {
    expect(tokenize13a(input)).toEqual(tokens);
  });

  it('never yields empty or whitespace-holding tokens, and is idempotent on its own output', () => {
    const special = [
      ...'.,-&;"<>\n\'09 aZ$€\u00a0\u2028\x1c\ufeff',
      '&quot;',
      '&amp;',
      '<skipped>',
      '-\n',
      '😀',
    ];
    const char = fc.oneof(
      fc.constantFrom(...special),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 40 }), (s) => {
        const tokens = tokenize13a(s);
        for (const t of tokens) expect(splitWhitespace(t)).toEqual([t]);
        const again = tokenize13a(tokens.join(' '));
        // Re-tokenizing only ever splits further, never changes characters.
        expect(again.join('')).toBe(tokens.join(''));
        // It splits nothing further unless a token starts with "." or "," before a digit: sacreBLEU's
        // substitutions do not overlap, so ",.9" keeps ".9" whole, while ", .9" splits it (below).
        if (!tokens.some((t) => /^[.,][0-9]/.test(t))) expect(again).toEqual(tokens);
      }),
    );
  });

  it('keeps sacreBLEU\'s one exception to idempotence: ".9" after "," is whole, after a space split', () => {
    expect(tokenize13a(',.9')).toEqual([',', '.9']);
    expect(tokenize13a(', .9')).toEqual([',', '.', '9']);
  });
});

describe('tokenizeIntl', () => {
  it.each([
    ['Preis: 3,50€.', ['Preis', ':', '3,50', '€', '.']],
    ['1.000,5 km/h', ['1.000,5', 'km', '/', 'h']],
    // mteval-v14 keeps a period glued to a final number (no padding), as sacreBLEU documents
    ['2019.', ['2019.']],
    ['«Oui», dit-il.', ['«', 'Oui', '»', ',', 'dit', '-', 'il', '.']],
  ] as [string, string[]][])('%j', (input, tokens) => {
    expect(tokenizeIntl(input)).toEqual(tokens);
  });
});

describe('splitWhitespace (Python str.split())', () => {
  it('splits on Python whitespace, including \\x1c-\\x1f and \\x85 but not U+FEFF or U+200B', () => {
    expect(splitWhitespace(' a\tb\u00a0c\u3000d\x1ce\x85f ')).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(splitWhitespace('a\u200bb\ufeffc')).toEqual(['a\u200bb\ufeffc']);
    expect(splitWhitespace('   ')).toEqual([]);
  });
});
