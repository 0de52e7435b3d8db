import { describe, expect, it } from 'vitest';
import { expectError } from '../test-support/errors.ts';
import { readPhoenixSequence } from '../test-support/read-phoenix-sequence.ts';
import { describeWithData } from '../test-support/shared-data.ts';
import { testSkeleton } from '../test-support/test-skeleton.ts';
import { fitToCanvas } from './fit-to-canvas.ts';
import { createPoseSequence, type PoseSequence } from './pose-sequence.ts';

const TWO = testSkeleton('fit-2', ['a', 'b']);

/** Bounding box of the present joints' x and y. */
function box(seq: PoseSequence): { minX: number; maxX: number; minY: number; maxY: number } {
  const b = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  for (let p = 0; p < seq.confidence.length; p++) {
    if (!(seq.confidence[p]! > 0)) continue;
    const x = seq.data[p * seq.dims]!;
    const y = seq.data[p * seq.dims + 1]!;
    b.minX = Math.min(b.minX, x);
    b.maxX = Math.max(b.maxX, x);
    b.minY = Math.min(b.minY, y);
    b.maxY = Math.max(b.maxY, y);
  }
  return b;
}

describe('fitToCanvas', () => {
  it('centres the box of present joints inside the margin with one scale for x, y and z', () => {
    // Frame 0: a (-1, -0.5, 2), b (1, 0.5, -2); frame 1: a missing at (9, 9, 9), b (0, 0, 0).
    const seq = createPoseSequence({
      skeleton: TWO,
      fps: 10,
      dims: 3,
      data: Float32Array.from([-1, -0.5, 2, 1, 0.5, -2, 9, 9, 9, 0, 0, 0]),
      confidence: Float32Array.from([1, 1, 0, 1]),
    });
    const { sequence, scale, offset } = fitToCanvas(seq, { width: 400, height: 200, margin: 0.1 });
    // Border 20 px; x span 2 → 360/2 = 180, y span 1 → 160/1 = 160: y limits the scale.
    expect(scale).toBeCloseTo(160, 4);
    expect(offset).toEqual([200, 100]);
    expect(Array.from(sequence.data.slice(0, 6))).toEqual([40, 20, 320, 360, 180, -320]);
    expect(Array.from(sequence.data.slice(6, 9))).toEqual([9, 9, 9]);
    expect(Array.from(sequence.data.slice(9))).toEqual([200, 100, 0]);
    expect(Array.from(sequence.confidence)).toEqual([1, 1, 0, 1]);
    expect(Array.from(seq.data.slice(0, 3))).toEqual([-1, -0.5, 2]);
  });

  it('centres a single point or an empty sequence without scaling', () => {
    const point = createPoseSequence({
      skeleton: TWO,
      fps: 10,
      dims: 2,
      data: Float32Array.from([3, 4, 3, 4]),
    });
    const fitted = fitToCanvas(point);
    expect(fitted.scale).toBe(1);
    expect(Array.from(fitted.sequence.data)).toEqual([256, 256, 256, 256]);
    const empty = createPoseSequence({ skeleton: TWO, fps: 10, dims: 2, data: new Float32Array(0) });
    expect(fitToCanvas(empty).sequence.frames).toBe(0);
  });

  it('rejects a bad canvas or margin', () => {
    const seq = createPoseSequence({ skeleton: TWO, fps: 10, dims: 2, data: new Float32Array(4) });
    expectError(() => fitToCanvas(seq, { width: 0 }), 'invalid_argument', /width must be/);
    expectError(() => fitToCanvas(seq, { height: Number.NaN }), 'invalid_argument', /height must be/);
    expectError(() => fitToCanvas(seq, { margin: 0.5 }), 'invalid_argument', /margin must be/);
  });
});

describeWithData('fitToCanvas on a PHOENIX sequence', () => {
  it('puts every present joint of every frame inside the canvas margin', () => {
    const seq = readPhoenixSequence('dev', 0).sequence;
    const { sequence } = fitToCanvas(seq, { width: 512, height: 512 });
    const b = box(sequence);
    expect(b.minX).toBeGreaterThanOrEqual(51.2 - 1e-3);
    expect(b.maxX).toBeLessThanOrEqual(460.8 + 1e-3);
    expect(b.minY).toBeGreaterThanOrEqual(51.2 - 1e-3);
    expect(b.maxY).toBeLessThanOrEqual(460.8 + 1e-3);
    // The larger span fills the inner square.
    expect(Math.max(b.maxX - b.minX, b.maxY - b.minY)).toBeCloseTo(409.6, 2);
  });
});
