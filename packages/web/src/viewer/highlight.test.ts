import { describe, expect, it } from 'vitest';
import { counterSpans, evenSpans, glossLabels, spanAt, wordLabels } from './highlight.ts';

describe('labels', () => {
  it('drops LangGloss language tags', () => {
    expect(glossLabels('<gsg> MORGEN <gsg> REGEN')).toEqual(['MORGEN', 'REGEN']);
    expect(glossLabels(['<ase>', 'SKY', '<ase>', 'BLUE'])).toEqual(['SKY', 'BLUE']);
    expect(glossLabels('  ')).toEqual([]);
  });

  it('splits words and strips punctuation at their ends', () => {
    expect(wordLabels('How do you sign "the sky is blue"?')).toEqual([
      'How',
      'do',
      'you',
      'sign',
      'the',
      'sky',
      'is',
      'blue',
    ]);
    expect(wordLabels("Grüezi, it's ... fine!")).toEqual(['Grüezi', "it's", 'fine']);
  });
});

describe('spans', () => {
  it('shares frames evenly without counters, covering every frame once', () => {
    const spans = evenSpans(['A', 'B', 'C'], 10);
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [0, 3],
      [3, 7],
      [7, 10],
    ]);
  });

  it('follows the progress counter of a finished generation', () => {
    // Slow start, then fast: the first gloss covers more frames.
    const counters = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0];
    const spans = counterSpans(['A', 'B'], counters, { complete: true });
    expect(spans).toEqual([
      { label: 'A', start: 0, end: 6 },
      { label: 'B', start: 6, end: 10 },
    ]);
  });

  it('rescales a finished generation whose counter stops short of 1, and keeps spans monotone', () => {
    const counters = [0.1, 0.2, 0.15, 0.3, 0.4, 0.5];
    const spans = counterSpans(['A', 'B', 'C', 'D'], counters, { complete: true });
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBe(spans[i - 1]!.end);
    expect(spans[0]!.start).toBe(0);
    expect(spans.at(-1)!.end).toBe(counters.length);
    expect(spans.at(-1)!.start).toBeLessThan(counters.length);
  });

  it('reads counters as-is while streaming: later glosses are not reached yet', () => {
    const spans = counterSpans(['A', 'B', 'C', 'D'], [0, 0.1, 0.2, 0.3], { complete: false });
    expect(spans[0]).toEqual({ label: 'A', start: 0, end: 3 });
    expect(spans[1]).toEqual({ label: 'B', start: 3, end: 4 });
    expect(spans[2]!.end - spans[2]!.start).toBe(0);
    expect(spans[3]!.end - spans[3]!.start).toBe(0);
  });

  it('falls back to even spans when a finished counter carries no timing', () => {
    expect(counterSpans(['A', 'B'], [0.5, 0.5, 0.5, 0.5], { complete: true })).toEqual(
      evenSpans(['A', 'B'], 4),
    );
    expect(counterSpans([], [0, 1], { complete: true })).toEqual([]);
  });

  it('finds the span of a frame, skipping empty spans', () => {
    const spans = [
      { label: 'A', start: 0, end: 3 },
      { label: 'B', start: 3, end: 3 },
      { label: 'C', start: 3, end: 8 },
    ];
    expect(spanAt(spans, 0)).toBe(0);
    expect(spanAt(spans, 2)).toBe(0);
    expect(spanAt(spans, 3)).toBe(2);
    expect(spanAt(spans, 7)).toBe(2);
    expect(spanAt(spans, 8)).toBe(-1);
    expect(spanAt(spans, -1)).toBe(-1);
    expect(spanAt([], 0)).toBe(-1);
  });
});
