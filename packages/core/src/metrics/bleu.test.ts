import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { bleu, bleu1to4 } from './bleu.ts';

// Every expected number below was computed by hand from the formulas (counts, precisions, BP) in the
// comments, then confirmed with sacreBLEU 2.6.0 `BLEU(...).corpus_score` (same settings), which
// agreed to all printed digits.

describe('bleu: sacreBLEU README example', () => {
  const hyps = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];
  const refsA = ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'];
  const refsB = ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'];

  it('two reference streams give the README figure 48.53', () => {
    // 13a tokens: hyp lengths 6 (The dog bit the man .), 4 (It wasn't surprising .), 7 → sysLen 17.
    // seg 1: all n-grams in refA: 6/6, 5/5, 4/4, 3/3; closest ref length 6 (refs 6, 7)
    // seg 2: It, . match → 1-grams 2/4; no 2/3/4-gram matches (0/3, 0/2, 0/1); refs 5, 5 → 5
    // seg 3: The man had bitten . (refB) + him (refA) → 6/7 (only "just" misses);
    //        2-grams "The man", "man had" → 2/6; 3-gram "The man had" → 1/5; 4-grams 0/4; refs 6, 7 → 7
    // totals: 14/17, 7/14, 5/11, 3/8; refLen 6 + 5 + 7 = 18 > 17 → BP = exp(1 − 18/17) = 0.942873
    // BLEU = 0.942873 · (14/17 · 1/2 · 5/11 · 3/8)^(1/4) = 0.942873 · 0.514717 = 48.5308
    const r = bleu(hyps, [refsA, refsB], { referenceLayout: 'streams' });
    expect(r.counts).toEqual([14, 7, 5, 3]);
    expect(r.totals).toEqual([17, 14, 11, 8]);
    expect([r.sysLen, r.refLen]).toEqual([17, 18]);
    expect(r.bp).toBeCloseTo(Math.exp(1 - 18 / 17), 12);
    expect(r.score).toBeCloseTo(48.5308, 4);
    // per-hypothesis layout of the same references gives the same result
    const perHyp = bleu(
      hyps,
      hyps.map((_, i) => [refsA[i]!, refsB[i]!]),
    );
    expect(perHyp).toEqual(r);
  });

  it('the first stream alone gives 45.07, not 48.53', () => {
    // seg 1 as above; seg 2: 2/4, 0/3, 0/2, 0/1, ref 5;
    // seg 3 vs "The man bit him first .": The, man, him, . → 4/7; "The man" → 1/6; 0/5; 0/4; ref 6
    // totals 12/17, 6/14, 4/11, 3/8; refLen 6 + 5 + 6 = 17 = sysLen → BP 1
    // BLEU = (12/17 · 6/14 · 4/11 · 3/8)^(1/4) = 0.450675 → 45.0675
    const r = bleu(hyps, refsA);
    expect(r.counts).toEqual([12, 6, 4, 3]);
    expect(r.totals).toEqual([17, 14, 11, 8]);
    expect(r.bp).toBe(1);
    expect(r.score).toBeCloseTo(45.0675, 4);
    expect(r.precisions[0]).toBeCloseTo((100 * 12) / 17, 10);
  });
});

describe('bleu: hand-computed cases', () => {
  it('identical sentences score 100', () => {
    const r = bleu(['The dog bit the man.'], ['The dog bit the man.']);
    expect(r.score).toBeCloseTo(100, 10);
    expect(r.counts).toEqual([6, 5, 4, 3]);
  });

  it('exp smoothing: orders with no match get 100 / (2^k · total)', () => {
    // hyp a b c d e, ref a b x c d: 1-grams a b c d → 4/5; 2-grams "a b", "c d" → 2/4
    // 3-grams 0/3 → k=1: 100/(2·3) = 16.667; 4-grams 0/2 → k=2: 100/(4·2) = 12.5; BP 1 (5 = 5)
    // BLEU = (80 · 50 · 16.667 · 12.5)^(1/4) = 833333.3^(1/4) = 30.2138
    const r = bleu(['a b c d e'], ['a b x c d']);
    expect(r.precisions.map((p) => Number(p.toFixed(4)))).toEqual([80, 50, 16.6667, 12.5]);
    expect(r.score).toBeCloseTo(30.2138, 4);
    // 'none': log(0) → score 0; 'floor' 0.1: 10/3 and 5 → (80·50·3.333·5)^(1/4) = 16.0686;
    // 'add-k' 1 (orders ≥ 2): 80, 3/5, 1/4, 1/3 → (80·60·25·33.33)^(1/4) = 2000^(1/2) = 44.7214
    expect(bleu(['a b c d e'], ['a b x c d'], { smooth: 'none' }).score).toBe(0);
    expect(bleu(['a b c d e'], ['a b x c d'], { smooth: 'floor' }).score).toBeCloseTo(16.0686, 4);
    const addK = bleu(['a b c d e'], ['a b x c d'], { smooth: 'add-k' });
    expect(addK.score).toBeCloseTo(Math.sqrt(2000), 10);
    expect(addK.counts).toEqual([4, 2, 0, 0]); // raw counts, before the +k
  });

  it('BLEU-1..4 are the cumulative scores of orders 1..n', () => {
    // same pair: BLEU-1 = 80; BLEU-2 = √(80·50) = 63.2456; BLEU-3 = (80·50·16.667)^(1/3) = 40.5480;
    // BLEU-4 = 30.2138
    const r = bleu1to4(['a b c d e'], ['a b x c d']);
    expect(r.bleu1).toBeCloseTo(80, 10);
    expect(r.bleu2).toBeCloseTo(Math.sqrt(4000), 10);
    expect(r.bleu3).toBeCloseTo(40.548, 3);
    expect(r.bleu4).toBeCloseTo(30.2138, 4);
    for (const n of [1, 2, 3, 4] as const) {
      expect(r[`bleu${n}`]).toBeCloseTo(bleu(['a b c d e'], ['a b x c d'], { maxOrder: n }).score, 12);
    }
  });

  it('13a keeps numbers with periods and commas whole; no tokenisation does not split punctuation', () => {
    const hyp = ['It costs 3.5 dollars, not 1,000.'];
    const ref = ['It costs 3.5 dollars , not 1,000 .'];
    // 13a: both → It costs 3.5 dollars , not 1,000 . → 100
    expect(bleu(hyp, ref).score).toBeCloseTo(100, 10);
    // 'none': hyp tokens It costs 3.5 dollars, not 1,000. (6) vs 8 ref tokens
    // 1-grams It costs 3.5 not → 4/6; 2-grams "It costs", "costs 3.5" → 2/5; 3-gram "It costs 3.5" → 1/4;
    // 4-grams 0/3 → 100/(2·3); BP = exp(1 − 8/6) = 0.716531
    // BLEU = 0.716531 · (66.667 · 40 · 25 · 16.667)^(1/4) = 0.716531 · 32.4668 = 23.2635
    const none = bleu(hyp, ref, { tokenize: 'none' });
    expect(none.counts).toEqual([4, 2, 1, 0]);
    expect(none.score).toBeCloseTo(23.2635, 4);
  });

  it('quotes, entities and a dash after a digit', () => {
    // hyp 13a: He said " hi " in 2019 - 2020 .  — ref with &quot; and spaced dash tokenises the same
    expect(
      bleu(['He said "hi" in 2019-2020.'], ['He said &quot;hi&quot; in 2019 - 2020 .']).score,
    ).toBeCloseTo(100, 10);
  });

  it('is case-sensitive unless lowercase is set', () => {
    // hyp the dog bit the man . vs The dog bit the man .: "the" ×2 clipped to 1 → 5/6;
    // 2-grams miss "the dog" → 4/5; 3-grams miss "the dog bit" → 3/4; 4-grams → 2/3
    // BLEU = (5/6 · 4/5 · 3/4 · 2/3)^(1/4) = (1/3)^(1/4) = 75.9836
    expect(bleu(['the dog bit the man.'], ['The dog bit the man.']).score).toBeCloseTo(100 * 3 ** -0.25, 10);
    expect(bleu(['the dog bit the man.'], ['The dog bit the man.'], { lowercase: true }).score).toBeCloseTo(
      100,
      10,
    );
  });

  it('brevity penalty, and an order without any hypothesis n-gram makes BLEU 0', () => {
    // hyp "the cat" (2) vs ref of 6 tokens: 2/2, 1/1, then 0 trigrams → sacreBLEU stops → score 0
    expect(bleu(['the cat'], ['the cat sat on the mat']).score).toBe(0);
    // maxOrder 2: precisions 100, 100; BP = exp(1 − 6/2) = e^−2 → 13.5335
    const r = bleu(['the cat'], ['the cat sat on the mat'], { maxOrder: 2 });
    expect(r.bp).toBeCloseTo(Math.exp(-2), 12);
    expect(r.score).toBeCloseTo(100 * Math.exp(-2), 10);
  });

  it('closest reference length: ties go to the shorter reference', () => {
    // hyp a b c (3) vs refs a b (2) and a b c d (4): both 1 away → 2 is used → BP 1, so 100 (order 2)
    const r = bleu(['a b c'], [['a b c d', 'a b']], { maxOrder: 2 });
    expect(r.refLen).toBe(2);
    expect(r.score).toBeCloseTo(100, 10);
  });

  it('an empty corpus scores 0', () => {
    expect(bleu([], []).score).toBe(0);
  });
});

describe('bleu: bad input', () => {
  it('rejects mismatched lists and missing references', () => {
    expectError(() => bleu(['a', 'b'], ['a']), 'format_misaligned', /2 hypotheses but 1 references/);
    expectError(() => bleu(['a'], [[]]), 'invalid_argument', /non-empty/);
    expectError(
      () => bleu(['a', 'b'], [['a', 'b'], ['a']], { referenceLayout: 'streams' }),
      'format_misaligned',
      /stream 1/,
    );
    expectError(() => bleu(['a'], [42 as unknown as string]), 'invalid_argument', /references\[0\]/);
    expectError(() => bleu([null as unknown as string], ['a']), 'invalid_argument', /hypotheses\[0\]/);
  });

  it('rejects unknown options, naming the valid ones', () => {
    expectError(
      () => bleu(['a'], ['a'], { tokenize: 'moses' as never }),
      'invalid_argument',
      /"13a", "intl" or "none"/,
    );
    expectError(() => bleu(['a'], ['a'], { smooth: 'linear' as never }), 'invalid_argument', /"add-k"/);
    expectError(() => bleu(['a'], ['a'], { maxOrder: 5 as never }), 'invalid_argument', /maxOrder/);
    expectError(() => bleu(['a'], ['a'], { smoothValue: Number.NaN }), 'invalid_argument', /smoothValue/);
  });
});

describeWithData('bleu on real back-translation references', () => {
  const phoenix = readDataText('phoenix14t-sample', 'dev.text').trim().split('\n');
  const how2sign = readDataText('how2sign-text', 'dev.text').trim().split('\n').slice(0, 300);

  it('scores a corpus against itself 100 at every order', () => {
    for (const corpus of [phoenix, how2sign]) {
      const r = bleu1to4(corpus, corpus);
      for (const v of Object.values(r)) expect(v).toBeCloseTo(100, 8);
    }
  });

  it('matches sacreBLEU 2.6.0 on How2Sign dev, each sentence scored against its successor', () => {
    // Oracle values from sacreBLEU 2.6.0, `BLEU(max_ngram_order=n).corpus_score(shifted, [lines])`,
    // n = 1..4, over all 1,739 dev sentences (an independent implementation, not this code's output).
    const all = readDataText('how2sign-text', 'dev.text').trim().split('\n');
    const shifted = [...all.slice(1), all[0]!];
    const r = bleu1to4(shifted, all);
    expect(r.bleu1).toBeCloseTo(31.979382598464895, 9);
    expect(r.bleu2).toBeCloseTo(22.731341735688975, 9);
    expect(r.bleu3).toBeCloseTo(18.870332082529274, 9);
    expect(r.bleu4).toBeCloseTo(16.979904984074388, 9);
  });

  it('dropping the last word of every sentence lowers BLEU through the brevity penalty', () => {
    const cut = phoenix.map((s) => s.split(' ').slice(0, -1).join(' '));
    const r = bleu(cut, phoenix);
    expect(r.bp).toBeLessThan(1);
    expect(r.sysLen).toBe(r.refLen - phoenix.length);
    expect(r.score).toBeLessThan(100);
    expect(r.precisions[0]).toBeCloseTo(100, 10); // every hypothesis word is in its reference
  });
});
