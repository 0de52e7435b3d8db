import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryHeap } from './binary-heap.ts';

describe('BinaryHeap', () => {
  it('pops in comparator order (here: ascending numbers)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }), (values) => {
        const heap = new BinaryHeap<number>((a, b) => a < b);
        for (const v of values) heap.push(v);
        expect(heap.size).toBe(values.length);
        const out: number[] = [];
        for (let v = heap.pop(); v !== undefined; v = heap.pop()) out.push(v);
        expect(out).toEqual([...values].sort((a, b) => a - b));
        expect(heap.pop()).toBeUndefined();
      }),
    );
  });
});
