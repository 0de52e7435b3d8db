import { createPoseSequence } from '@signllm/core';
import { Matrix4, Vector3 } from 'three';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chainSkeleton } from '../test-support/chain-skeleton.ts';
import { emptyBounds, sequenceBounds } from './geometry.ts';
import {
  createFrameGeometry,
  ThreeRenderer,
  toWorld,
  worldTransform,
  writeFrameGeometry,
  writeInstanceMatrices,
} from './three-renderer.ts';

/** A chain a–b–c–d. */
const chain = chainSkeleton('chain', [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [300, 300, 0],
]);

/** Two frames of 3D data: x 100..300, y 50..450, z −10..30 over present joints. */
function sequence3d() {
  // biome-ignore format: one joint per line
  const data = new Float32Array([
    100, 50, -10,
    300, 450, 30,
    200, 250, 10,
    150, 100, 0,
    // frame 1: c is missing (confidence 0, junk coordinates), d has a NaN coordinate
    110, 60, 0,
    290, 440, 20,
    9999, 9999, 9999,
    150, Number.NaN, 0,
  ]);
  const confidence = new Float32Array([1, 1, 1, 1, 1, 1, 0, 1]);
  return createPoseSequence({ skeleton: chain, fps: 25, dims: 3, data, confidence });
}

const close = (actual: ArrayLike<number>, expected: number[]): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => {
    expect(actual[i]).toBeCloseTo(v, 5);
  });
};

describe('worldTransform / toWorld', () => {
  const bounds = { minX: 100, maxX: 300, minY: 50, maxY: 450, minZ: -10, maxZ: 30, empty: false };

  it('centres the bounds and makes the larger x/y extent 2', () => {
    const t = worldTransform(bounds);
    expect(t.center).toEqual([200, 250, 10]);
    expect(t.scale).toBeCloseTo(2 / 400);
    expect(Array.from(toWorld(200, 250, 10, t, new Float32Array(3)))).toEqual([0, 0, 0]);
    expect(worldTransform({ ...bounds, minX: -500 }).scale).toBeCloseTo(2 / 800);
  });

  it('flips y (up) and z (toward the camera)', () => {
    const t = worldTransform(bounds);
    close(toWorld(300, 50, 30, t, [0, 0, 0]), [0.5, 1, -0.1]); // top, right, far
    close(toWorld(100, 450, -10, t, [0, 0, 0]), [-0.5, -1, 0.1]); // bottom, left, near
    const out = new Float32Array(6);
    toWorld(200, 50, 10, t, out, 3);
    close(out, [0, 0, 0, 0, 1, 0]);
  });

  it('maps empty bounds to scale 1 at the origin', () => {
    const t = worldTransform(emptyBounds());
    expect(t).toEqual({ center: [0, 0, 0], scale: 1 });
    close(toWorld(2, 3, 4, t, [0, 0, 0]), [2, -3, -4]);
  });

  it('gives 2D data z 0', () => {
    const seq = createPoseSequence({
      skeleton: chain,
      fps: 25,
      dims: 2,
      data: new Float32Array([0, 0, 1, 1, 2, 0.5, 0.5, 2]),
    });
    const t = worldTransform(sequenceBounds(seq));
    expect(t.scale).toBeCloseTo(1);
    const g = createFrameGeometry(chain);
    expect(writeFrameGeometry(seq, 0, t, g)).toBe(4);
    for (let j = 0; j < 4; j++) expect(g.jointPositions[3 * j + 2]).toBe(0);
    close(g.jointPositions.subarray(0, 3), [-1, 1, 0]);
  });
});

describe('writeFrameGeometry', () => {
  const seq = sequence3d();
  const t = worldTransform(sequenceBounds(seq));

  it('places present joints and bones at their world positions', () => {
    const g = createFrameGeometry(chain);
    expect(writeFrameGeometry(seq, 0, t, g)).toBe(4);
    expect(Array.from(g.jointVisible)).toEqual([1, 1, 1, 1]);
    expect(Array.from(g.boneVisible)).toEqual([1, 1, 1]);
    close(g.jointPositions, [-0.5, 1, 0.1, 0.5, -1, -0.1, 0, 0, 0, -0.25, 0.75, 0.05]);
    close(g.bonePositions.subarray(0, 6), [-0.5, 1, 0.1, 0.5, -1, -0.1]);
    close(g.bonePositions.subarray(12, 18), [0, 0, 0, -0.25, 0.75, 0.05]);
  });

  it('hides missing and non-finite joints and collapses the bones that touch them', () => {
    const g = createFrameGeometry(chain);
    writeFrameGeometry(seq, 0, t, g); // dirty buffers first: the update must be in place
    expect(writeFrameGeometry(seq, 1, t, g)).toBe(2);
    expect(Array.from(g.jointVisible)).toEqual([1, 1, 0, 0]);
    expect(Array.from(g.boneVisible)).toEqual([1, 0, 0]);
    close(g.bonePositions.subarray(0, 6), [-0.45, 0.95, 0.05, 0.45, -0.95, -0.05]);
    for (const b of [1, 2]) {
      const p = g.bonePositions.subarray(6 * b, 6 * b + 6);
      expect([p[0], p[1], p[2]]).toEqual([p[3], p[4], p[5]]); // zero length
    }
    expect(Array.from(g.jointPositions.subarray(6, 12))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('clamps the frame and shows nothing without frames', () => {
    const g = createFrameGeometry(chain);
    expect(writeFrameGeometry(seq, 99, t, g)).toBe(2);
    expect(writeFrameGeometry(seq, -3, t, g)).toBe(4);
    const none = createPoseSequence({ skeleton: chain, fps: 25, dims: 3, data: new Float32Array(0) });
    expect(writeFrameGeometry(none, 0, t, g)).toBe(0);
    expect(Array.from(g.boneVisible)).toEqual([0, 0, 0]);
  });
});

describe('writeInstanceMatrices', () => {
  const seq = sequence3d();
  const t = worldTransform(sequenceBounds(seq));
  const g = createFrameGeometry(chain);
  const bones = new Float32Array(16 * 3).fill(7);
  const joints = new Float32Array(16 * 4).fill(7);
  const apply = (m: Float32Array, i: number, x: number, y: number, z: number): number[] =>
    new Vector3(x, y, z).applyMatrix4(new Matrix4().fromArray(m, 16 * i)).toArray();

  it('maps the unit cylinder onto each bone with the given radius', () => {
    writeFrameGeometry(seq, 0, t, g);
    writeInstanceMatrices(g, 0.01, 0.02, bones, joints);
    for (let b = 0; b < 3; b++) {
      const p = Array.from(g.bonePositions.subarray(6 * b, 6 * b + 6));
      close(apply(bones, b, 0, -0.5, 0), p.slice(0, 3));
      close(apply(bones, b, 0, 0.5, 0), p.slice(3));
      const m = new Matrix4().fromArray(bones, 16 * b);
      expect(m.determinant()).toBeGreaterThan(0); // right-handed: faces keep their winding
      const ax = new Vector3();
      const az = new Vector3();
      m.extractBasis(ax, new Vector3(), az);
      expect(ax.length()).toBeCloseTo(0.01);
      expect(az.length()).toBeCloseTo(0.01);
    }
    close(apply(joints, 1, 1, 0, 0), [0.52, -1, -0.1]);
  });

  it('handles bones along x (the other helper axis)', () => {
    const flat = createFrameGeometry(chain);
    flat.bonePositions.set([0, 0, 0, 2, 0, 0]);
    flat.boneVisible.set([1, 0, 0]);
    writeInstanceMatrices(flat, 0.1, 0.1, bones, joints);
    close(apply(bones, 0, 0, 0.5, 0), [2, 0, 0]);
    close(apply(bones, 0, 0, -0.5, 0), [0, 0, 0]);
    expect(new Matrix4().fromArray(bones, 0).determinant()).toBeCloseTo(2 * 0.01);
  });

  it('gives hidden bones and joints scale 0', () => {
    writeFrameGeometry(seq, 0, t, g);
    writeInstanceMatrices(g, 0.01, 0.02, bones, joints);
    writeFrameGeometry(seq, 1, t, g);
    writeInstanceMatrices(g, 0.01, 0.02, bones, joints);
    const collapsed = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    for (const b of [1, 2]) expect(Array.from(bones.subarray(16 * b, 16 * b + 16))).toEqual(collapsed);
    for (const j of [2, 3]) expect(Array.from(joints.subarray(16 * j, 16 * j + 16))).toEqual(collapsed);
    close(bones.subarray(4, 7), [0.9, -1.9, -0.1]); // the visible bone keeps its length
    expect(joints[16]).toBeCloseTo(0.02);
  });
});

describe('ThreeRenderer without WebGL', () => {
  afterEach(() => vi.restoreAllMocks());
  const message = /^3D view needs WebGL, which this browser does not provide: /;

  it('throws a clear error when there is no document', () => {
    expect(() => new ThreeRenderer()).toThrow(message);
  });

  it('throws a clear error when the canvas gives no context', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {}); // three.js logs the failure too
    const canvas = {
      getContext: () => null,
      addEventListener: () => {},
      removeEventListener: () => {},
      setAttribute: () => {},
    } as unknown as HTMLCanvasElement;
    expect(() => new ThreeRenderer(canvas)).toThrow(message);
    expect(() => new ThreeRenderer(canvas)).toThrow(/Error creating WebGL context/);
  });
});
