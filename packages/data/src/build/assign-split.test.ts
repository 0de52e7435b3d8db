import { describe, expect, it } from 'vitest';
import { expectCode } from '../test-support/errors.ts';
import { assignSplit, DEFAULT_SPLITS, parseSplitRatios } from './assign-split.ts';

describe('assignSplit', () => {
  it('is a function of id and seed only, with shares close to the ratios', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `synth-ase-${String(i).padStart(6, '0')}`);
    const counts: Record<string, number> = {};
    for (const id of ids) {
      const s = assignSplit(id, DEFAULT_SPLITS, 3);
      counts[s] = (counts[s] ?? 0) + 1;
      expect(assignSplit(id, DEFAULT_SPLITS, 3)).toBe(s);
    }
    expect(Math.abs((counts.train ?? 0) / ids.length - 0.8)).toBeLessThan(0.015);
    expect(Math.abs((counts.dev ?? 0) / ids.length - 0.1)).toBeLessThan(0.015);
    expect(Math.abs((counts.test ?? 0) / ids.length - 0.1)).toBeLessThan(0.015);
    // another seed moves a good part of the ids
    const moved = ids.filter(
      (id) => assignSplit(id, DEFAULT_SPLITS, 3) !== assignSplit(id, DEFAULT_SPLITS, 4),
    );
    expect(moved.length).toBeGreaterThan(ids.length * 0.2);
  });
});

describe('parseSplitRatios', () => {
  it('normalises shares', () => {
    expect(parseSplitRatios('train=90, dev=5,test=5')).toEqual([
      ['train', 0.9],
      ['dev', 0.05],
      ['test', 0.05],
    ]);
  });
  it.each(['', 'train', 'train=-1', 'train=0,dev=0', 'Train=1', 'train=1,train=2', 'train=1e5', 'a=NaN'])(
    'rejects %j',
    (text) => {
      expectCode(() => parseSplitRatios(text), 'invalid_argument');
    },
  );
});
