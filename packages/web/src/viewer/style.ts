/**
 * Colours and sizes of a drawn skeleton, after pose-format's renderers: each joint has the skeleton's
 * colour; a limb is the mean of its two joints' colours; a joint or limb with confidence 0 is hidden and
 * one with confidence in (0, 1) fades toward the background; line thickness is √(W·H)/150.
 */
import { boneColor, type Rgb, type Skeleton } from '@signllm/core';

/** A CSS `rgb()`/`rgba()` string of a colour, channels clamped to 0..255 and rounded. */
export function cssColor(rgb: Rgb, alpha = 1): string {
  const c = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));
  const a = Math.min(1, Math.max(0, alpha));
  return a >= 1
    ? `rgb(${c(rgb[0])}, ${c(rgb[1])}, ${c(rgb[2])})`
    : `rgba(${c(rgb[0])}, ${c(rgb[1])}, ${c(rgb[2])}, ${+a.toFixed(3)})`;
}

/** A colour as 0..1 floats (for WebGL vertex colours), clamped. */
export function unitColor(rgb: Rgb): [number, number, number] {
  const c = (v: number): number => Math.min(1, Math.max(0, v / 255));
  return [c(rgb[0]), c(rgb[1]), c(rgb[2])];
}

/** One colour per bone of the skeleton (mean of its ends, clamped). */
export function boneColors(skeleton: Skeleton): Rgb[] {
  return skeleton.bones.map((_, b) => boneColor(skeleton, b));
}

/** The opacity of a limb: the smaller confidence of its ends (0 hides it). */
export function limbAlpha(c1: number, c2: number): number {
  const a = Math.min(c1, c2);
  return a > 0 ? Math.min(1, a) : 0;
}

/** Line thickness for a `width` × `height` drawing (pose-format's rule), at least 1. */
export function lineThickness(width: number, height: number): number {
  return Math.max(1, Math.round(Math.sqrt(Math.max(0, width * height)) / 150));
}

/** Joint radius for a line thickness. */
export function jointRadius(thickness: number): number {
  return Math.max(1, Math.ceil(thickness / 2));
}

/** Parses `#rgb`/`#rrggbb` into an `Rgb`, or undefined. */
export function parseHexColor(value: string): Rgb | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (m === null) return undefined;
  const h = m[1]!;
  const full = h.length === 3 ? [...h].map((ch) => ch + ch).join('') : h;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}
