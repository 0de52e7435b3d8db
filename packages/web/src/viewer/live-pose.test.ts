import { getSkeleton } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { LivePose } from './live-pose.ts';

const skeleton = getSkeleton('prompt2sign-50');

function frame(value: number): Float32Array {
  return new Float32Array(50 * 3).fill(value);
}

describe('LivePose', () => {
  it('grows past its capacity and keeps every frame and counter', () => {
    const live = new LivePose(skeleton, 25, 2);
    for (let f = 0; f < 9; f++) live.push(frame(f), f / 8);
    const seq = live.sequence();
    expect(seq.frames).toBe(9);
    for (let f = 0; f < 9; f++) expect(seq.data[f * 150 + 7]).toBe(f);
    expect(Array.from(live.counters)).toEqual(Array.from({ length: 9 }, (_, f) => Math.fround(f / 8)));
    expect(Array.from(seq.confidence).every((c) => c === 1)).toBe(true);
  });

  it('takes joints × [x, y, z] rows and marks non-finite joints missing', () => {
    const live = new LivePose(skeleton, 25);
    const rows = Array.from({ length: 50 }, (_, j) => [j, -j, 0.5]);
    rows[3] = [Number.NaN, 0, 0];
    live.push(rows, 0);
    const seq = live.sequence();
    expect(seq.data[5 * 3]).toBe(5);
    expect(seq.data[5 * 3 + 1]).toBe(-5);
    expect(seq.confidence[3]).toBe(0);
    expect(seq.data[3 * 3]).toBe(0);
  });

  it('rejects frames of the wrong size and keeps what it had', () => {
    const live = new LivePose(skeleton, 25);
    live.push(frame(1));
    expect(() => live.push(new Float32Array(10))).toThrow(/50 joints × 3 values, got 10/);
    expect(live.frames).toBe(1);
  });

  it('gives snapshots that later pushes do not change', () => {
    const live = new LivePose(skeleton, 25, 1);
    live.push(frame(1));
    const snap = live.snapshot();
    live.push(frame(2));
    live.push(frame(3));
    expect(snap.frames).toBe(1);
    expect(snap.data.every((v) => v === 1)).toBe(true);
  });
});
