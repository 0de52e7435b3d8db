import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import { dtw } from './dtw.ts';

const f32 = (frames: number[][]): Float32Array => new Float32Array(frames.flat());

/** Textbook full-matrix DTW with ∞ borders, written independently of dtw-core.ts. */
function naiveDtw(ref: Float32Array, hyp: Float32Array, width: number): number {
  const n = ref.length / width;
  const m = hyp.length / width;
  const D: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  D[0]![0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let c = 0;
      for (let k = 0; k < width; k++) c += Math.abs(ref[(i - 1) * width + k]! - hyp[(j - 1) * width + k]!);
      D[i]![j] = c + Math.min(D[i - 1]![j - 1]!, D[i - 1]![j]!, D[i]![j - 1]!);
    }
  }
  return D[n]![m]!;
}

describe('dtw: hand-computed cases', () => {
  it('ref [[0],[1],[2]] vs hyp [[0],[2]]', () => {
    // C (|r_i − h_j|):  r0: [0, 2]   r1: [1, 1]   r2: [2, 0]
    // D row 0: [0, 0+2=2]
    // D row 1: [1+0=1, 1+min(0, 2, 1)=1]
    // D row 2: [2+1=3, 0+min(1, 1, 3)=1]          → distance 1, normalised 1/3
    // backtrack from (2,1): diag D[1][0]=1 ties up D[1][1]=1 → diagonal wins → (1,0) → up → (0,0)
    const r = dtw(f32([[0], [1], [2]]), f32([[0], [2]]), 1, { path: true });
    expect(r.distance).toBe(1);
    expect(r.normalized).toBeCloseTo(1 / 3, 12);
    expect(r.path).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
    ]);
    // swapped: same distance, normalised by the other length (2 frames)
    const s = dtw(f32([[0], [2]]), f32([[0], [1], [2]]), 1);
    expect(s.distance).toBe(1);
    expect(s.normalized).toBe(0.5);
    expect(s.path).toBeUndefined();
  });

  it('2-value frames use the L1 cost, not the Euclidean one', () => {
    // ref (0,0),(1,1); hyp (1,0),(1,1),(3,1)
    // C: r0: [1, 2, 4]; r1: [1, 0, 2]
    // D row 0: [1, 3, 7]; row 1: [1+1=2, 0+min(1,3,2)=1, 2+min(3,7,1)=3] → 3, normalised 3/2
    // path: (1,2) ← left (D[1][1]=1 smallest) ← diag from (1,1) (D[0][0]=1) → (0,0)
    const r = dtw(
      f32([
        [0, 0],
        [1, 1],
      ]),
      f32([
        [1, 0],
        [1, 1],
        [3, 1],
      ]),
      2,
      { path: true },
    );
    expect(r.distance).toBe(3);
    expect(r.normalized).toBe(1.5);
    expect(r.path).toEqual([
      [0, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('single-frame sequences: cost of matching every frame to the lone one', () => {
    // ref one frame (0); hyp (1),(2),(3): the path must visit all, 1 + 2 + 3 = 6
    const r = dtw(f32([[0]]), f32([[1], [2], [3]]), 1, { path: true });
    expect(r.distance).toBe(6);
    expect(r.normalized).toBe(6);
    expect(r.path).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
    ]);
  });

  it('identical sequences and time-warped copies score 0', () => {
    const a = f32([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(dtw(a, a, 2).distance).toBe(0);
    const warped = f32([
      [0, 1],
      [0, 1],
      [2, 3],
      [4, 5],
      [4, 5],
      [4, 5],
    ]);
    expect(dtw(a, warped, 2).distance).toBe(0);
    expect(dtw(warped, a, 2).distance).toBe(0);
  });
});

describe('dtw: properties', () => {
  const seq = (width: number) =>
    fc
      .array(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 12,
      })
      .map((frames) => f32(frames));
  const pair = fc.integer({ min: 1, max: 4 }).chain((w) => fc.tuple(fc.constant(w), seq(w), seq(w)));

  it('is ≥ 0, symmetric in distance, 0 on itself, and equals a naive full-matrix DTW', () => {
    fc.assert(
      fc.property(pair, ([w, a, b]) => {
        const ab = dtw(a, b, w);
        expect(ab.distance).toBeGreaterThanOrEqual(0);
        expect(dtw(b, a, w).distance).toBeCloseTo(ab.distance, 9);
        expect(dtw(a, a, w).distance).toBe(0);
        expect(ab.distance).toBe(naiveDtw(a, b, w));
        expect(dtw(a, b, w, { path: true }).distance).toBe(ab.distance);
        expect(ab.normalized).toBeCloseTo(ab.distance / (a.length / w), 12);
      }),
    );
  });

  it('returns a monotone path from (0,0) to the last frames whose costs add up to the distance', () => {
    fc.assert(
      fc.property(pair, ([w, a, b]) => {
        const { distance, path } = dtw(a, b, w, { path: true });
        const n = a.length / w;
        const m = b.length / w;
        expect(path![0]).toEqual([0, 0]);
        expect(path![path!.length - 1]).toEqual([n - 1, m - 1]);
        let sum = 0;
        path!.forEach(([i, j], k) => {
          for (let d = 0; d < w; d++) sum += Math.abs(a[i * w + d]! - b[j * w + d]!);
          if (k === 0) return;
          const [pi, pj] = path![k - 1]!;
          expect([i - pi, j - pj]).toSatisfy(
            ([di, dj]: number[]) =>
              (di === 1 && dj === 1) || (di === 1 && dj === 0) || (di === 0 && dj === 1),
          );
        });
        expect(sum).toBeCloseTo(distance, 6);
      }),
    );
  });

  it('scores any time-warped copy (frames repeated) 0', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 3 })
          .chain((w) =>
            fc.tuple(
              fc.constant(w),
              seq(w),
              fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 12, maxLength: 12 }),
            ),
          ),
        ([w, a, repeats]) => {
          const frames: number[] = [];
          for (let f = 0; f < a.length / w; f++) {
            for (let r = 0; r < repeats[f]!; r++) frames.push(...a.subarray(f * w, f * w + w));
          }
          expect(dtw(a, new Float32Array(frames), w).distance).toBe(0);
          expect(dtw(new Float32Array(frames), a, w).distance).toBe(0);
        },
      ),
    );
  });
});

describe('dtw: bad input', () => {
  it('rejects widths that do not divide the length, bad widths and empty sequences', () => {
    expectError(
      () => dtw(new Float32Array(5), new Float32Array(4), 2),
      'shape_mismatch',
      /5 values.*width 2/,
    );
    expectError(() => dtw(new Float32Array(4), new Float32Array(4), 0), 'invalid_argument', /width/);
    expectError(() => dtw(new Float32Array(4), new Float32Array(4), 1.5), 'invalid_argument', /width/);
    expectError(() => dtw(new Float32Array(0), new Float32Array(4), 2), 'invalid_argument', /no frames/);
  });

  it('rejects NaN and Infinity with the frame they sit in', () => {
    expectError(
      () => dtw(new Float32Array([0, 0, Number.NaN, 0]), new Float32Array(2), 2),
      'format_invalid_number',
      /NaN.*frame 1/,
    );
    expectError(
      () => dtw(new Float32Array(2), new Float32Array([Infinity, 0]), 2),
      'format_invalid_number',
      /Infinity/,
    );
  });

  it('refuses a path matrix beyond 2^25 cells but computes the distance in O(m) memory', () => {
    const big = new Float32Array(6000);
    expectError(() => dtw(big, big, 1, { path: true }), 'format_too_large', /path: false/);
    expect(dtw(big, big, 1).distance).toBe(0);
  });
});

describeWithData('dtw on Progressive Transformers .skels (PHOENIX14T dev)', () => {
  const lines = readDataText('phoenix14t-sample', 'dev.skels').trim().split('\n');
  const seq = (i: number): Float32Array => new Float32Array(lines[i]!.trim().split(/\s+/).map(Number));

  it('scores a real sequence 0 against itself and against a slowed-down copy', () => {
    const a = seq(0);
    expect(a.length % 151).toBe(0);
    expect(dtw(a, a, 151).distance).toBe(0);
    const slow = new Float32Array(a.length * 2);
    for (let f = 0; f < a.length / 151; f++) {
      slow.set(a.subarray(f * 151, f * 151 + 151), 2 * f * 151);
      slow.set(a.subarray(f * 151, f * 151 + 151), (2 * f + 1) * 151);
    }
    expect(dtw(a, slow, 151).distance).toBe(0);
  });

  it('gives two different sentences a positive distance, the same both ways', () => {
    const a = seq(0);
    const b = seq(1);
    const ab = dtw(a, b, 151);
    expect(ab.distance).toBeGreaterThan(0);
    expect(dtw(b, a, 151).distance).toBeCloseTo(ab.distance, 6);
    expect(ab.normalized).toBeCloseTo(ab.distance / (a.length / 151), 9);
  });
});
