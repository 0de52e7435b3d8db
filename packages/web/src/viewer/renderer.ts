/**
 * The contract between `<signllm-pose-viewer>` and a way of drawing: a 2D canvas renderer and a 3D
 * three.js renderer implement it, each on its own `<canvas>`.
 */
import type { PoseSequence } from '@signllm/core';

/** How a renderer draws. */
export interface RenderStyle {
  /** Background colour (CSS); the 2D renderer paints it, the 3D one clears to it. */
  background: string;
  /** Line thickness in CSS pixels; undefined: pose-format's √(W·H)/150. */
  thickness?: number;
}

/** A renderer of pose frames on one canvas. */
export interface PoseRenderer {
  /** `2d` or `3d`. */
  readonly kind: '2d' | '3d';
  /** The canvas it draws on (the viewer puts it in its shadow DOM). */
  readonly canvas: HTMLCanvasElement;
  /** Sets the drawing size in CSS pixels and the device pixel ratio. */
  resize(width: number, height: number, pixelRatio: number): void;
  /**
   * Shows a sequence. `growing`: frames are still being appended (streaming); the renderer then widens
   * its framing as new joints arrive instead of fitting once.
   */
  setSequence(seq: PoseSequence | undefined, growing?: boolean): void;
  /** Draws frame `frame` of the current sequence (clamped to the frames there are); nothing when none. */
  render(frame: number): void;
  /** Changes the style; takes effect at the next `render`. */
  setStyle(style: RenderStyle): void;
  /** Returns to the initial camera (3D) or framing. */
  resetView(): void;
  /** Frees the canvas' GPU resources and listeners. */
  dispose(): void;
}
