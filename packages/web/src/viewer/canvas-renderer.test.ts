import { createPoseSequence } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { chainSkeleton } from '../test-support/chain-skeleton.ts';
import { drawPoseFrame } from './canvas-renderer.ts';

const SKELETON = chainSkeleton('test-draw4', [
  [255, 0, 0],
  [0, 0, 255],
  [0, 255, 0],
  [300, 300, 300],
]);

/** Records what is drawn on a 2D context: one entry per stroked line and per filled joint. */
function recorder() {
  const lines: { from: number[]; to: number[]; style: string; width: number }[] = [];
  const dots: { at: number[]; r: number; style: string; alpha: number }[] = [];
  let path: number[][] = [];
  const ctx = {
    lineCap: 'butt',
    lineWidth: 1,
    strokeStyle: '',
    fillStyle: '',
    globalAlpha: 1,
    beginPath: () => {
      path = [];
    },
    moveTo: (x: number, y: number) => path.push([x, y]),
    lineTo: (x: number, y: number) => path.push([x, y]),
    arc: (x: number, y: number, r: number) => path.push([x, y, r]),
    stroke: () => lines.push({ from: path[0]!, to: path[1]!, style: ctx.strokeStyle, width: ctx.lineWidth }),
    fill: () =>
      dots.push({ at: path[0]!.slice(0, 2), r: path[0]![2]!, style: ctx.fillStyle, alpha: ctx.globalAlpha }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, lines, dots };
}

describe('drawPoseFrame', () => {
  const data = new Float32Array([0, 0, 5, 10, 0, 1, 10, 10, -3, 0, 10, 20]);
  const t = { scale: 2, offsetX: 1, offsetY: 1 };

  it('draws every limb and joint through the transform, far limbs first, in the skeleton colours', () => {
    const seq = createPoseSequence({ skeleton: SKELETON, fps: 25, dims: 3, data });
    const { ctx, lines, dots } = recorder();
    drawPoseFrame(ctx, seq, 0, t, { width: 300, height: 300 });
    // Bone depths (mean z): a–b 3, b–c −1, c–d 8.5 → drawn c–d, a–b, b–c.
    expect(lines.map((l) => l.from)).toEqual([
      [21, 21],
      [1, 1],
      [21, 1],
    ]);
    expect(lines[1]).toMatchObject({ to: [21, 1], style: 'rgb(128, 0, 128)', width: 2 });
    expect(lines[0]!.style).toBe('rgb(150, 255, 150)'); // mean of (0, 255, 0) and (300, 300, 300), clamped
    expect(dots.map((d) => d.at)).toEqual([
      [1, 1],
      [21, 1],
      [21, 21],
      [1, 21],
    ]);
    expect(dots[3]!.style).toBe('rgb(255, 255, 255)');
    expect(dots.every((d) => d.r === 1 && d.alpha === 1)).toBe(true);
  });

  it('hides a joint with confidence 0 and both limbs touching it; fades uncertain ones', () => {
    const seq = createPoseSequence({
      skeleton: SKELETON,
      fps: 25,
      dims: 3,
      data,
      confidence: new Float32Array([1, 0, 0.5, 1]),
    });
    const { ctx, lines, dots } = recorder();
    drawPoseFrame(ctx, seq, 0, t, { width: 300, height: 300, thickness: 6 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      from: [21, 21],
      to: [1, 21],
      style: 'rgba(150, 255, 150, 0.5)',
      width: 6,
    });
    expect(dots.map((d) => d.at)).toEqual([
      [1, 1],
      [21, 21],
      [1, 21],
    ]);
    expect(dots[1]!.alpha).toBe(0.5);
    expect(dots[0]!.r).toBe(3);
  });

  it('skips joints whose coordinates are not finite even when marked present', () => {
    const bad = data.slice();
    bad[0] = Number.NaN;
    const seq = createPoseSequence({ skeleton: SKELETON, fps: 25, dims: 3, data: bad });
    const { ctx, lines, dots } = recorder();
    drawPoseFrame(ctx, seq, 0, t, { width: 300, height: 300 });
    expect(lines).toHaveLength(2);
    expect(dots).toHaveLength(3);
  });
});
