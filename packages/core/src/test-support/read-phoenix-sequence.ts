/**
 * Test-only: one line of the PHOENIX-2014T `.skels` sample as a 3D `prompt2sign-50` sequence, read
 * independently of the `.skels` codec (split on whitespace, `Number()`).
 */
import { createPoseSequence, type PoseSequence } from '../pose-sequence/pose-sequence.ts';
import { PROMPT2SIGN_50 } from '../skeletons/prompt2sign-50.ts';
import { readDataText } from './shared-data.ts';

/** A PHOENIX line: its numbers as written (151 a frame: 150 joint values, then a counter) and the sequence. */
export interface PhoenixSequence {
  /** Every number of the line, counters included. */
  values: number[];
  /** Number of frames. */
  frames: number;
  /** The 150 joint values of each frame, 25 fps, confidence 1. */
  sequence: PoseSequence<3>;
}

/** Reads line `line` (0-based) of `phoenix14t-sample/<split>.skels`. */
export function readPhoenixSequence(split: 'train' | 'dev', line: number): PhoenixSequence {
  const text = readDataText('phoenix14t-sample', `${split}.skels`).split('\n')[line];
  if (text === undefined) throw new Error(`${split}.skels has no line ${line}`);
  const values = text.trim().split(/\s+/).map(Number);
  if (values.length % 151 !== 0) throw new Error(`${split}.skels line ${line}: ${values.length} numbers`);
  const frames = values.length / 151;
  const data = new Float32Array(frames * 150);
  for (let f = 0; f < frames; f++) data.set(values.slice(f * 151, f * 151 + 150), f * 150);
  return {
    values,
    frames,
    sequence: createPoseSequence({ skeleton: PROMPT2SIGN_50, fps: 25, dims: 3, data }),
  };
}
