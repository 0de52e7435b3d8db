import { SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { parseCsv, readLexiconIndex } from './read-lexicon-index.ts';

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and newlines inside quotes, CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });

  it('keeps empty fields and a last line without newline', () => {
    expect(parseCsv('a,,c\n,,\nlast')).toEqual([['a', '', 'c'], ['', '', ''], ['last']]);
  });

  it('rejects an unterminated quote with its line', () => {
    expect(() => parseCsv('a\n"open,\nmore', 'x.csv')).toThrow(
      /Unterminated quoted field \(at x\.csv, line 3\)/,
    );
  });

  it('round-trips any table of fields written with quoting', () => {
    const field = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = rows.map((r) => r.map((f) => `"${f.replaceAll('"', '""')}"`).join(',')).join('\n');
          expect(parseCsv(text)).toEqual(rows);
        },
      ),
    );
  });

  it('never throws anything but SignLLMError on random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseCsv(text);
        } catch (e) {
          expect(SignLLMError.isInstance(e)).toBe(true);
        }
      }),
    );
  });
});

describe('readLexiconIndex', () => {
  const header = 'path,spoken_language,signed_language,start,end,words,glosses,priority';

  it('names the missing columns', () => {
    expect(() => readLexiconIndex('path,words\nx.pose,a')).toThrow(
      /lacks the column\(s\) spoken_language, signed_language/,
    );
  });

  it('rejects paths that leave the lexicon and bad numbers, with the line', () => {
    expect(() => readLexiconIndex(`${header}\n../x.pose,de,sgg,0,0,a,A,0`)).toThrow(
      /Invalid clip path "\.\.\/x\.pose".*line 2/,
    );
    expect(() => readLexiconIndex(`${header}\n/etc/x.pose,de,sgg,0,0,a,A,0`)).toThrow(/Invalid clip path/);
    expect(() => readLexiconIndex(`${header}\nx.pose,de,sgg,abc,0,a,A,0`)).toThrow(
      /start must be a number.*line 2/,
    );
    expect(() => readLexiconIndex(`${header}\nx.pose,de,sgg,0,-5,a,A,0`)).toThrow(/end must be a number/);
  });

  it('rejects an empty file', () => {
    expect(() => readLexiconIndex('')).toThrow(/is empty/);
  });
});

describeWithData('readLexiconIndex on the real lexicons', () => {
  it('reads the sgg dummy lexicon and the fingerspelling index', () => {
    const sgg = readLexiconIndex(readDataText('lexicon', 'sgg-dummy', 'index.csv'));
    expect(sgg.map((r) => r.words)).toEqual(['kleine', 'kinder', 'essen', 'pizza']);
    expect(sgg[0]).toEqual({
      path: 'sgg/kleine.pose',
      spokenLanguage: 'de',
      signedLanguage: 'sgg',
      startMs: 0,
      endMs: 0,
      words: 'kleine',
      glosses: 'Kleine',
      priority: 0,
    });
    const text = readDataText('fingerspelling', 'index.csv');
    const fs = readLexiconIndex(text);
    expect(fs).toHaveLength(text.trim().split('\n').length - 1);
    expect(new Set(fs.map((r) => r.signedLanguage))).toEqual(new Set(['ase', 'gsg']));
  });
});
