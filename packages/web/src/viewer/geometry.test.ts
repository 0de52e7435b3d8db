import { createPoseSequence, getSkeleton, type PoseSequence } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { chainSkeleton } from '../test-support/chain-skeleton.ts';
import {
  boneDrawOrder,
  emptyBounds,
  fitTransform,
  growBounds,
  projectFrame,
  sequenceBounds,
} from './geometry.ts';

const LINE = chainSkeleton('test-line3', [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
]);

function seq(frames: number[][][], confidence?: number[][]): PoseSequence<3> {
  return createPoseSequence({
    skeleton: LINE,
    fps: 25,
    dims: 3,
    data: new Float32Array(frames.flat(2)),
    ...(confidence ? { confidence: new Float32Array(confidence.flat()) } : {}),
  });
}

describe('bounds', () => {
  it('covers present joints of every frame and ignores missing and non-finite ones', () => {
    const s = seq(
      [
        [
          [0, 0, 0],
          [10, 5, 1],
          [1000, 1000, 1000],
        ],
        [
          [-2, 3, -1],
          [4, 20, 2],
          [Number.NaN, 0, 0],
        ],
      ],
      [
        [1, 1, 0],
        [1, 0.5, 1],
      ],
    );
    const b = sequenceBounds(s);
    expect(b).toEqual({ minX: -2, minY: 0, minZ: -1, maxX: 10, maxY: 20, maxZ: 2, empty: false });
  });

  it('grows over new frames only, giving the same box as one pass', () => {
    const s = seq([
      [
        [0, 0, 0],
        [1, 1, 1],
        [2, 2, 2],
      ],
      [
        [5, -5, 0],
        [1, 1, 1],
        [2, 2, 2],
      ],
      [
        [0, 0, 9],
        [1, 1, 1],
        [-3, 2, 2],
      ],
    ]);
    const b = emptyBounds();
    growBounds(b, s, 0, 1);
    expect(b.maxX).toBe(2);
    growBounds(b, s, 1, 3);
    expect(b).toEqual(sequenceBounds(s));
  });

  it('is empty when nothing is present', () => {
    const s = seq(
      [
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
      ],
      [[0, 0, 0]],
    );
    expect(sequenceBounds(s).empty).toBe(true);
  });
});

describe('fitTransform', () => {
  it('centres the box and fits its larger side inside the padding, keeping proportions', () => {
    const b = { minX: 0, maxX: 100, minY: 0, maxY: 50, minZ: 0, maxZ: 0, empty: false };
    const t = fitTransform(b, { width: 400, height: 400, padding: 0.1 });
    expect(t.scale).toBeCloseTo(320 / 100);
    // Centre of the box lands at the centre of the viewport.
    expect(50 * t.scale + t.offsetX).toBeCloseTo(200);
    expect(25 * t.scale + t.offsetY).toBeCloseTo(200);
    // Corners stay inside the padded area.
    expect(0 * t.scale + t.offsetX).toBeCloseTo(40);
    expect(100 * t.scale + t.offsetX).toBeCloseTo(360);
  });

  it('is limited by the height in a wide viewport', () => {
    const b = { minX: 0, maxX: 1, minY: 0, maxY: 1, minZ: 0, maxZ: 0, empty: false };
    const t = fitTransform(b, { width: 1000, height: 200, padding: 0 });
    expect(t.scale).toBeCloseTo(200);
    expect(0.5 * t.scale + t.offsetX).toBeCloseTo(500);
  });

  it('centres a single point and an empty box without dividing by zero', () => {
    const point = { minX: 3, maxX: 3, minY: 4, maxY: 4, minZ: 0, maxZ: 0, empty: false };
    const t = fitTransform(point, { width: 100, height: 100 });
    expect(Number.isFinite(t.scale)).toBe(true);
    expect(3 * t.scale + t.offsetX).toBeCloseTo(50);
    expect(4 * t.scale + t.offsetY).toBeCloseTo(50);
    expect(fitTransform(emptyBounds(), { width: 100, height: 60 })).toEqual({
      scale: 1,
      offsetX: 50,
      offsetY: 30,
    });
  });
});

describe('projectFrame', () => {
  it('maps present joints through the transform and gives NaN for missing ones', () => {
    const s = seq(
      [
        [
          [1, 2, 0],
          [3, 4, 0],
          [5, 6, 0],
        ],
      ],
      [[1, 0, 1]],
    );
    const out = projectFrame(s, 0, { scale: 10, offsetX: 1, offsetY: -1 });
    expect(Array.from(out.subarray(0, 2))).toEqual([11, 19]);
    expect(Number.isNaN(out[2]!)).toBe(true);
    expect(Number.isNaN(out[3]!)).toBe(true);
    expect(Array.from(out.subarray(4))).toEqual([51, 59]);
  });

  it('projects a real skeleton: the nose of a Prompt2Sign pose is above its neck (y down)', () => {
    const skeleton = getSkeleton('prompt2sign-50');
    const data = new Float32Array(50 * 3);
    // Neck at (0, 0), nose 0.3 above it (smaller y), in the skeleton's own joint order.
    data[skeleton.joints.indexOf('Neck') * 3 + 1] = 0;
    data[skeleton.joints.indexOf('Nose') * 3 + 1] = -0.3;
    const s = createPoseSequence({ skeleton, fps: 25, dims: 3, data });
    const out = projectFrame(s, 0, fitTransform(sequenceBounds(s), { width: 200, height: 200 }));
    const y = (name: string): number => out[skeleton.joints.indexOf(name) * 2 + 1]!;
    expect(y('Nose')).toBeLessThan(y('Neck'));
  });
});

describe('boneDrawOrder', () => {
  it('draws far bones (larger z) first and keeps 2D order', () => {
    const s = seq([
      [
        [0, 0, 10],
        [0, 0, 10],
        [0, 0, -10],
      ],
    ]);
    expect(boneDrawOrder(s, 0)).toEqual([0, 1]);
    const t = seq([
      [
        [0, 0, -10],
        [0, 0, -10],
        [0, 0, 10],
      ],
    ]);
    expect(boneDrawOrder(t, 0)).toEqual([1, 0]);
    const flat = createPoseSequence({ skeleton: LINE, fps: 25, dims: 2, data: new Float32Array(6) });
    expect(boneDrawOrder(flat, 0)).toEqual([0, 1]);
  });
});
