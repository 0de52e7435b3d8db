import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { loadTokenizer } from './load-tokenizer.ts';
import { SPECIAL_TOKENS, UNK_ID } from './special-tokens.ts';

const SPECIALS = [...SPECIAL_TOKENS];

/** A small valid subword tokenizer: ▁ a b, merges a+b and ▁+ab. */
function subword(): Record<string, unknown> {
  return {
    format: 'signllm-tokenizer',
    version: 1,
    kind: 'subword',
    lowercase: true,
    vocab: [...SPECIALS, '<ase>', '▁', 'a', 'b', 'ab', '▁ab'],
    merges: [
      ['a', 'b'],
      ['▁', 'ab'],
    ],
    reserved: ['<ase>'],
  };
}

function word(): Record<string, unknown> {
  return {
    format: 'signllm-tokenizer',
    version: 1,
    kind: 'word',
    lowercase: false,
    vocab: [...SPECIALS, '<ase>', 'HOUSE'],
    reserved: ['<ase>'],
  };
}

describe('loadTokenizer', () => {
  it('loads hand-written tokenizers of both kinds', () => {
    const s = loadTokenizer(subword());
    expect(s.tokens('<ase> ab abba')).toEqual(['<ase>', '▁ab', '▁ab', 'b', 'a']);
    expect(s.encode('<ase> AB')).toEqual([4, 9]);
    const w = loadTokenizer(word());
    expect(w.encode('<ase> HOUSE BIG')).toEqual([4, 5, UNK_ID]);
  });

  it('rejects values that are not tokenizer objects', () => {
    for (const value of [null, undefined, 42, 'tokenizer', [], [subword()], Number.NaN]) {
      expectError(() => loadTokenizer(value), 'schema_invalid', /^tokenizer: /);
    }
  });

  it('names wrong or missing fields', () => {
    expectError(() => loadTokenizer({ ...subword(), format: 'bpe' }), 'schema_invalid', /format/);
    expectError(() => loadTokenizer({ ...subword(), version: Number.NaN }), 'schema_invalid', /version/);
    expectError(() => loadTokenizer({ ...subword(), version: '1' }), 'schema_invalid', /version/);
    expectError(
      () => loadTokenizer({ ...subword(), kind: 'char' }),
      'schema_invalid',
      /kind: expected "word" or "subword"/,
    );
    expectError(() => loadTokenizer({ ...subword(), lowercase: 'yes' }), 'schema_invalid', /lowercase/);
    const { reserved: _, ...noReserved } = subword();
    expectError(() => loadTokenizer(noReserved), 'schema_invalid', /reserved: missing/);
    expectError(
      () => loadTokenizer({ ...subword(), vocab: [...SPECIALS, 7] }),
      'schema_invalid',
      /vocab\[4\]: expected a string/,
    );
    expectError(
      () => loadTokenizer({ ...subword(), vocab: [...SPECIALS, ''] }),
      'schema_invalid',
      /vocab\[4\]: expected a non-empty token/,
    );
    expectError(
      () => loadTokenizer({ ...subword(), vocab: [...SPECIALS, 'x'.repeat(257)] }),
      'schema_invalid',
      /at most 256/,
    );
    expectError(() => loadTokenizer({ ...subword(), merges: [['a']] }), 'schema_invalid', /merges\[0\]/);
    expectError(() => loadTokenizer({ ...subword(), extra: 1 }), 'schema_invalid', /unknown key "extra"/);
    expectError(
      () => loadTokenizer(JSON.parse('{"__proto__": {"x": 1}, "format": "signllm-tokenizer"}')),
      'schema_invalid',
      /__proto__/,
    );
  });

  it('refuses a newer version with its own code', () => {
    expectError(
      () => loadTokenizer({ ...subword(), version: 2 }),
      'format_unsupported_version',
      /version 2 is newer/,
    );
  });

  it('refuses huge arrays before looking at their items', () => {
    const huge = new Array<string>(1_000_001).fill('x');
    expectError(
      () => loadTokenizer({ ...subword(), vocab: huge }),
      'schema_invalid',
      /vocab: expected at most 1000000 items, got 1000001/,
    );
    expectError(
      () => loadTokenizer({ ...subword(), merges: new Array(2_000_000) }),
      'schema_invalid',
      /merges: expected at most/,
    );
    expectError(
      () => loadTokenizer({ ...subword(), reserved: new Array(10_001).fill('<x>') }),
      'schema_invalid',
      /reserved/,
    );
  });

  it('survives throwing getters', () => {
    const hostile = {
      ...subword(),
      get vocab(): never {
        throw new Error('boom');
      },
    };
    expectError(() => loadTokenizer(hostile), 'schema_invalid', /could not be validated: boom/);
  });

  it('requires the specials at ids 0..3', () => {
    expectError(
      () => loadTokenizer({ ...word(), vocab: ['<unk>', '<pad>', '<s>', '</s>', '<ase>'] }),
      'format_invalid',
      /vocab\[0\] must be "<pad>"/,
    );
    expectError(
      () => loadTokenizer({ ...word(), vocab: ['<pad>', '<unk>', '<s>', 'HOUSE', '<ase>'] }),
      'format_invalid',
      /vocab\[3\] must be "<\/s>"/,
    );
  });

  it('rejects duplicate tokens, naming both ids', () => {
    expectError(
      () => loadTokenizer({ ...word(), vocab: [...SPECIALS, '<ase>', 'A', 'B', 'A'] }),
      'format_invalid',
      /"A" twice \(ids 5 and 7\)/,
    );
    expectError(
      () => loadTokenizer({ ...word(), vocab: [...SPECIALS, '<ase>', '<unk>'] }),
      'format_invalid',
      /twice/,
    );
  });

  it('checks reserved tokens', () => {
    expectError(
      () => loadTokenizer({ ...word(), reserved: ['<gsg>'] }),
      'format_invalid',
      /reserved\[0\] "<gsg>" is not in the vocabulary/,
    );
    expectError(
      () => loadTokenizer({ ...word(), reserved: ['<ase>', '<ase>'] }),
      'format_invalid',
      /repeated/,
    );
    expectError(
      () => loadTokenizer({ ...word(), vocab: [...SPECIALS, 'a b'], reserved: ['a b'] }),
      'format_invalid',
      /whitespace/,
    );
    expectError(() => loadTokenizer({ ...word(), reserved: ['<s>'] }), 'format_invalid', /special token/);
  });

  it('checks merges against the vocabulary', () => {
    const withMerges = (merges: unknown) => ({ ...subword(), merges });
    expectError(
      () => loadTokenizer(withMerges([['a', 'c']])),
      'format_invalid',
      /merges\[0\]: part "c" is not in the vocabulary/,
    );
    expectError(
      () => loadTokenizer(withMerges([['b', 'a']])),
      'format_invalid',
      /merges\[0\]: result "ba" is not in the vocabulary/,
    );
    expectError(
      () =>
        loadTokenizer(
          withMerges([
            ['a', 'b'],
            ['a', 'b'],
          ]),
        ),
      'format_invalid',
      /merges\[1\].*listed twice/,
    );
    expectError(
      () => loadTokenizer(withMerges([['<unk>', 'a']])),
      'format_invalid',
      /part "<unk>" is a special or reserved token/,
    );
    const makesSpecial = {
      ...subword(),
      vocab: [...SPECIALS, '<ase>', '▁', '<', 's>'],
      merges: [['<', 's>']],
    };
    expectError(
      () => loadTokenizer(makesSpecial),
      'format_invalid',
      /result "<s>" is a special or reserved token/,
    );
  });

  it('checks kind-specific fields', () => {
    expectError(
      () => loadTokenizer({ ...word(), merges: [] }),
      'format_invalid',
      /word tokenizer has no "merges"/,
    );
    const { merges: _, ...noMerges } = subword();
    expectError(() => loadTokenizer(noMerges), 'format_invalid', /subword tokenizer needs "merges"/);
    expectError(
      () =>
        loadTokenizer({ ...subword(), vocab: [...SPECIALS, '<ase>', 'a', 'b', 'ab'], merges: [['a', 'b']] }),
      'format_invalid',
      /word-start marker/,
    );
  });

  it('accepts prototype-like names as ordinary tokens', () => {
    const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
    const t = loadTokenizer({ ...word(), vocab: [...SPECIALS, '<ase>', ...names] });
    expect(t.encode(names.join(' '))).toEqual(names.map((_, i) => 5 + i));
    expect(t.idOf('__defineGetter__')).toBe(UNK_ID);
    // '_' is punctuation (\p{Pc}), so subword text splits there: '▁_', '_', 'proto', '_', '_'.
    const s = loadTokenizer({
      ...subword(),
      vocab: [...SPECIALS, '<ase>', '▁', '_', 'p', 'r', 'o', 't', 'pr', 'pro', 'prot', 'proto', '▁_'],
      merges: [
        ['p', 'r'],
        ['pr', 'o'],
        ['pro', 't'],
        ['prot', 'o'],
        ['▁', '_'],
      ],
    });
    expect(s.tokens('__proto__')).toEqual(['▁_', '_', 'proto', '_', '_']);
    expect(s.decode(s.encode('__proto__'))).toBe('__proto__');
  });
});
