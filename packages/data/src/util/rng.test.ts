import { describe, expect, it } from 'vitest';
import { createRng, hashString } from './rng.ts';

describe('createRng', () => {
  it('repeats for a seed and differs across seeds', () => {
    const r1 = createRng(7);
    const r2 = createRng(7);
    const r3 = createRng(8);
    const x1 = Array.from({ length: 20 }, () => r1.next());
    expect(Array.from({ length: 20 }, () => r2.next())).toEqual(x1);
    expect(Array.from({ length: 20 }, () => r3.next())).not.toEqual(x1);
  });
  it('is roughly uniform and normal', () => {
    const rng = createRng(123);
    const n = 20_000;
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      buckets[Math.floor(u * 10)]++;
      const z = rng.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    for (const b of buckets) expect(Math.abs(b - n / 10)).toBeLessThan(n / 50);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(sumN2 / n).toBeCloseTo(1, 1);
  });
  it('forks independent, reproducible streams', () => {
    const a = createRng(1).fork('prompts');
    const b = createRng(1).fork('prompts');
    const c = createRng(1).fork('splits');
    const xa = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(xa);
    expect([c.next(), c.next()]).not.toEqual(xa);
  });
  it('hashes strings stably', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(hashString('')).toBe(0x811c9dc5);
  });
});
