/**
 * The 2D renderer: draws a frame on a `<canvas>` with the 2D context. One framing for the whole
 * sequence (the box of every present joint), limbs in painter's order on z, pose-format's colours and
 * thickness, joints and limbs with confidence 0 hidden.
 */
import type { PoseSequence, Rgb } from '@signllm/core';
import {
  type Bounds,
  boneDrawOrder,
  emptyBounds,
  fitTransform,
  growBounds,
  projectFrame,
  type Transform2D,
} from './geometry.ts';
import type { PoseRenderer, RenderStyle } from './renderer.ts';
import { boneColors, cssColor, jointRadius, limbAlpha, lineThickness } from './style.ts';

/** Everything the 2D renderer derives once per skeleton. */
interface SkeletonPaint {
  bones: readonly (readonly [number, number])[];
  boneCss: string[];
  boneRgb: Rgb[];
  jointCss: string[];
}

function paintOf(seq: PoseSequence): SkeletonPaint {
  const rgb = boneColors(seq.skeleton);
  return {
    bones: seq.skeleton.bones,
    boneRgb: rgb,
    boneCss: rgb.map((c) => cssColor(c)),
    jointCss: seq.skeleton.colors.map((c) => cssColor(c)),
  };
}

/**
 * Draws one frame of `seq` on a 2D context of `width` × `height` CSS pixels through `t`. Exposed for
 * tests and for recording; `ThreeRenderer` is the 3D counterpart.
 */
export function drawPoseFrame(
  ctx: CanvasRenderingContext2D,
  seq: PoseSequence,
  frame: number,
  t: Transform2D,
  size: { width: number; height: number; thickness?: number | undefined },
  scratch: { points?: Float32Array; order?: number[]; paint?: SkeletonPaint } = {},
): void {
  const paint = scratch.paint ?? paintOf(seq);
  const points = projectFrame(seq, frame, t, scratch.points);
  const order = boneDrawOrder(seq, frame, scratch.order);
  const thickness = size.thickness ?? lineThickness(size.width, size.height);
  const radius = jointRadius(thickness);
  const conf = seq.confidence;
  const base = frame * seq.joints;
  ctx.lineCap = 'round';
  ctx.lineWidth = thickness;
  for (const b of order) {
    const [i, k] = paint.bones[b]!;
    const alpha = limbAlpha(conf[base + i]!, conf[base + k]!);
    const x1 = points[2 * i]!;
    const y1 = points[2 * i + 1]!;
    const x2 = points[2 * k]!;
    const y2 = points[2 * k + 1]!;
    if (alpha === 0 || !Number.isFinite(x1 + y1 + x2 + y2)) continue;
    ctx.strokeStyle = alpha >= 1 ? paint.boneCss[b]! : cssColor(paint.boneRgb[b]!, alpha);
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x2, y2);
    ctx.stroke();
  }
  for (let j = 0; j < seq.joints; j++) {
    const c = conf[base + j]!;
    const x = points[2 * j]!;
    const y = points[2 * j + 1]!;
    if (!(c > 0) || !Number.isFinite(x + y)) continue;
    ctx.globalAlpha = Math.min(1, c);
    ctx.fillStyle = paint.jointCss[j]!;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** `PoseRenderer` on the canvas 2D context. */
export class CanvasRenderer implements PoseRenderer {
  readonly kind = '2d' as const;
  readonly canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  #seq: PoseSequence | undefined;
  #bounds: Bounds = emptyBounds();
  #boundedFrames = 0;
  #style: RenderStyle = { background: '#ffffff' };
  #width = 300;
  #height = 150;
  #ratio = 1;
  #scratch: { points?: Float32Array; order?: number[]; paint?: SkeletonPaint } = {};

  constructor(canvas: HTMLCanvasElement = document.createElement('canvas')) {
    this.canvas = canvas;
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('this browser gives no 2D canvas context');
    this.#ctx = ctx;
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.#width = Math.max(1, width);
    this.#height = Math.max(1, height);
    this.#ratio = pixelRatio > 0 ? pixelRatio : 1;
    this.canvas.width = Math.round(this.#width * this.#ratio);
    this.canvas.height = Math.round(this.#height * this.#ratio);
  }

  setSequence(seq: PoseSequence | undefined, growing = false): void {
    const sameSkeleton = seq !== undefined && this.#seq?.skeleton === seq.skeleton;
    if (!growing || !sameSkeleton || seq.frames < this.#boundedFrames) {
      this.#bounds = emptyBounds();
      this.#boundedFrames = 0;
    }
    if (!sameSkeleton) this.#scratch = {};
    this.#seq = seq;
    if (seq === undefined) return;
    growBounds(this.#bounds, seq, this.#boundedFrames, seq.frames);
    this.#boundedFrames = seq.frames;
    this.#scratch.paint ??= paintOf(seq);
  }

  setStyle(style: RenderStyle): void {
    this.#style = style;
  }

  resetView(): void {}

  /** The transform frames are drawn through, in CSS pixels. */
  transform(): Transform2D {
    return fitTransform(this.#bounds, { width: this.#width, height: this.#height });
  }

  render(frame: number): void {
    const ctx = this.#ctx;
    ctx.setTransform(this.#ratio, 0, 0, this.#ratio, 0, 0);
    ctx.fillStyle = this.#style.background;
    ctx.fillRect(0, 0, this.#width, this.#height);
    const seq = this.#seq;
    if (seq === undefined || seq.frames === 0) return;
    const f = Math.min(seq.frames - 1, Math.max(0, Math.floor(frame)));
    drawPoseFrame(
      ctx,
      seq,
      f,
      this.transform(),
      { width: this.#width, height: this.#height, thickness: this.#style.thickness },
      this.#scratch,
    );
  }

  dispose(): void {
    this.#seq = undefined;
  }
}
