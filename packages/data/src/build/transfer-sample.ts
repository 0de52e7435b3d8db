/**
 * Samples across thread boundaries: a `Sample` becomes a plain object whose typed arrays can be
 * transferred (the skeleton travels by name; workers only see `prompt2sign-50` and the built-in
 * skeletons, which every thread has registered).
 */
import { createPoseSequence, getSkeleton } from '@signllm/core';
import type { Sample } from '../sample.ts';

/** A `Sample` with its sequence flattened for `postMessage`. */
export interface WireSample extends Omit<Sample, 'sequence'> {
  sequence: {
    skeleton: string;
    fps: number;
    dims: 2 | 3;
    frames: number;
    data: Float32Array;
    confidence: Float32Array;
  };
}

/** Flattens a sample; `transfer` lists the buffers to move. */
export function toWire(sample: Sample): { wire: WireSample; transfer: ArrayBuffer[] } {
  const s = sample.sequence;
  const wire: WireSample = {
    ...sample,
    sequence: {
      skeleton: s.skeleton.name,
      fps: s.fps,
      dims: s.dims,
      frames: s.frames,
      data: s.data,
      confidence: s.confidence,
    },
  };
  const transfer = [s.data.buffer, s.confidence.buffer].filter(
    (b, i, all): b is ArrayBuffer => b instanceof ArrayBuffer && all.indexOf(b) === i,
  );
  return { wire, transfer };
}

/** Rebuilds a sample from its wire form. */
export function fromWire(wire: WireSample): Sample {
  const { sequence, ...rest } = wire;
  return {
    ...rest,
    sequence: createPoseSequence({
      skeleton: getSkeleton(sequence.skeleton),
      fps: sequence.fps,
      dims: sequence.dims,
      frames: sequence.frames,
      data: sequence.data,
      confidence: sequence.confidence,
    }),
  };
}
