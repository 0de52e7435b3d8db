/**
 * Where a pose lands on screen: the bounding box of the joints that are present, one uniform fit of
 * that box into a viewport (so motion and proportions are kept), and the projection of a frame
 * through it. Coordinates are image-like (x right, y down), as in `.pose` files and OpenPose output.
 */
import type { PoseSequence } from '@signllm/core';

/** An axis-aligned box over present joints; `empty` when no joint was present. */
export interface Bounds {
  minX: number;
  minY: number;
  minZ: number;
  maxX: number;
  maxY: number;
  maxZ: number;
  empty: boolean;
}

/** A drawing area in CSS or device pixels; `padding` is a fraction of the smaller side (0..0.45). */
export interface Viewport {
  width: number;
  height: number;
  padding?: number;
}

/** `pixel = value × scale + offset`, the same scale on both axes. */
export interface Transform2D {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** A box that holds nothing yet. */
export function emptyBounds(): Bounds {
  return {
    minX: Infinity,
    minY: Infinity,
    minZ: Infinity,
    maxX: -Infinity,
    maxY: -Infinity,
    maxZ: -Infinity,
    empty: true,
  };
}

/**
 * Grows `bounds` by the present joints (confidence > 0, finite coordinates) of frames `from..to-1`.
 * Used as-is for growing (streamed) sequences, so only new frames are visited.
 */
export function growBounds(bounds: Bounds, seq: PoseSequence, from = 0, to = seq.frames): Bounds {
  const { joints, dims, data, confidence } = seq;
  const end = Math.min(to, seq.frames);
  for (let f = Math.max(0, from); f < end; f++) {
    for (let j = 0; j < joints; j++) {
      if (!(confidence[f * joints + j]! > 0)) continue;
      const o = (f * joints + j) * dims;
      const x = data[o]!;
      const y = data[o + 1]!;
      const z = dims === 3 ? data[o + 2]! : 0;
      if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) continue;
      if (x < bounds.minX) bounds.minX = x;
      if (x > bounds.maxX) bounds.maxX = x;
      if (y < bounds.minY) bounds.minY = y;
      if (y > bounds.maxY) bounds.maxY = y;
      if (z < bounds.minZ) bounds.minZ = z;
      if (z > bounds.maxZ) bounds.maxZ = z;
      bounds.empty = false;
    }
  }
  return bounds;
}

/** The box of every present joint of every frame. */
export function sequenceBounds(seq: PoseSequence): Bounds {
  return growBounds(emptyBounds(), seq);
}

/**
 * The uniform transform that centres `bounds` (x, y) in `viewport` inside its padding. An empty box
 * maps the origin to the centre; a box of one point (or a line) is centred at scale 1 along the flat axis.
 */
export function fitTransform(bounds: Bounds, viewport: Viewport): Transform2D {
  const padding = Math.min(0.45, Math.max(0, viewport.padding ?? 0.08));
  const { width, height } = viewport;
  const cx = width / 2;
  const cy = height / 2;
  if (bounds.empty) return { scale: 1, offsetX: cx, offsetY: cy };
  const inner = Math.max(1, Math.min(width, height) * (1 - 2 * padding));
  const innerW = Math.max(1, width - 2 * padding * Math.min(width, height));
  const innerH = Math.max(1, height - 2 * padding * Math.min(width, height));
  const spanX = bounds.maxX - bounds.minX;
  const spanY = bounds.maxY - bounds.minY;
  const sx = spanX > 0 ? innerW / spanX : Infinity;
  const sy = spanY > 0 ? innerH / spanY : Infinity;
  let scale = Math.min(sx, sy);
  if (!Number.isFinite(scale)) scale = inner;
  const midX = (bounds.minX + bounds.maxX) / 2;
  const midY = (bounds.minY + bounds.maxY) / 2;
  return { scale, offsetX: cx - midX * scale, offsetY: cy - midY * scale };
}

/**
 * Projects frame `frame` of `seq` through `t` into `out` as [x0, y0, x1, y1, …] (joint order);
 * returns `out`. Missing joints get NaN, so a renderer can skip them with one check.
 */
export function projectFrame(
  seq: PoseSequence,
  frame: number,
  t: Transform2D,
  out: Float32Array = new Float32Array(seq.joints * 2),
): Float32Array {
  const { joints, dims, data, confidence } = seq;
  for (let j = 0; j < joints; j++) {
    const o = (frame * joints + j) * dims;
    const present = confidence[frame * joints + j]! > 0;
    out[2 * j] = present ? data[o]! * t.scale + t.offsetX : Number.NaN;
    out[2 * j + 1] = present ? data[o + 1]! * t.scale + t.offsetY : Number.NaN;
  }
  return out;
}

/**
 * The depth of every bone in frame `frame` (mean z of its ends; 0 for 2D data), and the bone indices
 * in painter's order: far (larger z) first, so near limbs are drawn on top. Stable for equal depths.
 */
export function boneDrawOrder(seq: PoseSequence, frame: number, order: number[] = []): number[] {
  const bones = seq.skeleton.bones;
  order.length = bones.length;
  for (let b = 0; b < bones.length; b++) order[b] = b;
  if (seq.dims !== 3) return order;
  const { joints, data } = seq;
  const depth = new Float64Array(bones.length);
  for (let b = 0; b < bones.length; b++) {
    const [i, k] = bones[b]!;
    const zi = data[(frame * joints + i) * 3 + 2]!;
    const zk = data[(frame * joints + k) * 3 + 2]!;
    const z = (zi + zk) / 2;
    depth[b] = Number.isFinite(z) ? z : 0;
  }
  return order.sort((a, b) => depth[b]! - depth[a]! || a - b);
}
