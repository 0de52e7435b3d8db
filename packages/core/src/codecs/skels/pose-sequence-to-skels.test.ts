import { describe, expect, it } from 'vitest';
import { createPoseSequence } from '../../pose-sequence/pose-sequence.ts';
import { getSkeleton } from '../../skeletons/registry.ts';
import { describeWithData, readDataText } from '../../test-support/shared-data.ts';
import { testSkeleton } from '../../test-support/test-skeleton.ts';
import { formatSkelsLine } from './format-skels-line.ts';
import { parseSkelsLine } from './parse-skels-line.ts';
import { poseSequenceToSkels, skelsCounter } from './pose-sequence-to-skels.ts';
import { parseSkels } from './read-skels.ts';
import { skelsToPoseSequence } from './skels-to-pose-sequence.ts';

const P2S50 = getSkeleton('prompt2sign-50');

function pose(frames: number, value: (f: number, j: number, d: number) => number, confidence?: Float32Array) {
  const data = new Float32Array(frames * 150);
  for (let f = 0; f < frames; f++)
    for (let j = 0; j < 50; j++) for (let d = 0; d < 3; d++) data[(f * 50 + j) * 3 + d] = value(f, j, d);
  return createPoseSequence({
    skeleton: P2S50,
    fps: 25,
    dims: 3,
    data,
    ...(confidence ? { confidence } : {}),
  });
}

describe('skelsCounter', () => {
  it('follows each dialect: pt i/T from 0, p2s round(i/T, 5) from 1/T, dwpose i/(T-1)', () => {
    expect([0, 1, 2].map((i) => skelsCounter('pt', i, 3))).toEqual([0, 1 / 3, 2 / 3]);
    expect([0, 1, 2].map((i) => skelsCounter('p2s', i, 3))).toEqual([0.33333, 0.66667, 1]);
    expect([0, 1, 2].map((i) => skelsCounter('dwpose', i, 3))).toEqual([0, 0.5, 1]);
    expect(skelsCounter('dwpose', 0, 1)).toBe(0);
  });
});

describe('poseSequenceToSkels', () => {
  it('p2s: missing joints and exact zeros become the 0.01600 sentinel; unscaled divides by 9', () => {
    const confidence = new Float32Array(2 * 50).fill(1);
    confidence[7] = 0;
    const seq = pose(2, (f, j, d) => (j === 2 && d === 1 ? 0 : (j + d + f) * 0.09), confidence);
    const skels = poseSequenceToSkels(seq, 'p2s', { scale: 'unscaled', counter: 'dialect' });
    expect(Array.from(skels.values.subarray(21, 24))).toEqual([0.016, 0.016, 0.016].map(Math.fround));
    expect(skels.values[7]).toBe(Math.fround(0.016));
    expect(skels.values[3]).toBe(Math.fround(Math.fround(0.09) / 9));
    const line = formatSkelsLine(skels, 'p2s');
    expect(line.startsWith('0.01600 0.01000 0.02000 0.01000 0.02000 0.03000 0.02000 0.01600 0.04000 ')).toBe(
      true,
    );
    expect(line.split(' ')[150]).toBe('0.5');
    expect(line.endsWith(' 1.0 ')).toBe(true);
    // and back: the joint with confidence 0 is missing again
    const back = skelsToPoseSequence(parseSkelsLine(line, { dialect: 'p2s' }), {
      dialect: 'p2s',
      scale: 'unscaled',
    });
    expect(back.confidence[7]).toBe(0);
    expect(back.confidence[8]).toBe(1);
    expect(Math.abs(back.data[8 * 3]! - seq.data[8 * 3]!)).toBeLessThan(1e-4);
  });

  it('rejects a sequence on another skeleton or with the wrong dims, and unknown options', () => {
    const tiny = testSkeleton('tiny-two', ['a', 'b']);
    const other = createPoseSequence({ skeleton: tiny, fps: 25, dims: 2, data: new Float32Array(4) });
    expect(() => poseSequenceToSkels(other, 'pt')).toThrow(/"prompt2sign-50".*"tiny-two"/);
    expect(() => poseSequenceToSkels(other, 'dwpose')).toThrow(/dwpose-128/);
    const flat = createPoseSequence({ skeleton: P2S50, fps: 25, dims: 2, data: new Float32Array(100) });
    expect(() => poseSequenceToSkels(flat, 'p2s')).toThrow(/3D/);
    expect(() =>
      poseSequenceToSkels(
        pose(1, () => 0),
        'pt',
        { counter: 'keep' as 'dialect' },
      ),
    ).toThrow(/"dialect"/);
    expect(() =>
      poseSequenceToSkels(
        pose(1, () => 0),
        'xx' as 'pt',
      ),
    ).toThrow(/valid dialects/);
  });
});

describeWithData('poseSequenceToSkels on PHOENIX14T', () => {
  it('pt: skels → pose → skels → text reproduces the file (values, and counters i/T at 4 decimals)', () => {
    const text = readDataText('phoenix14t-sample', 'train.skels');
    const lines = text.split('\n').filter((l) => l !== '');
    parseSkels(text, { dialect: 'pt' }).forEach((seq, i) => {
      const p = skelsToPoseSequence(seq, { dialect: 'pt', scale: 'unscaled' });
      const back = poseSequenceToSkels(p, 'pt', { scale: 'unscaled' });
      for (let f = 0; f < seq.frames; f++) expect(back.counter[f]).toBe(Math.fround(f / seq.frames));
      expect(formatSkelsLine(back, 'pt')).toBe(lines[i]);
    });
  });
});
