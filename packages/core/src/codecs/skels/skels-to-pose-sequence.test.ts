import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getSkeleton } from '../../skeletons/registry.ts';
import { dataPath, describeWithData, readDataText } from '../../test-support/shared-data.ts';
import { formatSkelsLine } from './format-skels-line.ts';
import { parseSkelsLine } from './parse-skels-line.ts';
import { poseSequenceToSkels } from './pose-sequence-to-skels.ts';
import { parseSkels } from './read-skels.ts';
import type { SkelsSequence } from './skels-dialect.ts';
import { skelsToPoseSequence } from './skels-to-pose-sequence.ts';

interface DwposePerson {
  body_keypoints: number[][];
  body_scores: number[];
  left_hand_keypoints: number[][];
  left_hand_scores: number[];
  right_hand_keypoints: number[][];
  right_hand_scores: number[];
  face_keypoints: number[][];
  face_scores: number[];
}

/** Reads the first `n` real DWPose frames (one person each). */
function readDwposeFrames(n: number): DwposePerson[] {
  const dir = dataPath('dwpose', 'human_signer', 'json');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .slice(0, n)
    .map((f) => (JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { person_0: DwposePerson }).person_0);
}

/** Builds a trg384 line from the layout table in the Prompt2Sign reference (independent of the codec). */
function dwposeLine(frames: DwposePerson[]): string {
  const T = frames.length;
  return frames
    .map((p, i) =>
      [
        ...p.body_keypoints.flat(),
        ...p.body_scores,
        ...p.left_hand_keypoints.flat(),
        ...p.right_hand_keypoints.flat(),
        ...p.left_hand_scores,
        ...p.right_hand_scores,
        ...p.face_keypoints.flat(),
        ...p.face_scores,
        T > 1 ? i / (T - 1) : 0,
      ]
        .map((v) => v.toFixed(8))
        .join(' '),
    )
    .join(' ');
}

describe('skelsToPoseSequence: p2s', () => {
  it('turns a 0.01600 triplet into a missing joint and a lone sentinel into 0, scaling by 9 when unscaled', () => {
    const tokens: string[] = [];
    for (let f = 0; f < 2; f++) {
      for (let j = 0; j < 50; j++) {
        const triplet =
          j === 3
            ? ['0.01600', '0.01600', '0.01600']
            : j === 4
              ? ['0.10000', '0.01600', '0.20000']
              : ['0.01000', '-0.02000', '0.03000'];
        tokens.push(...triplet);
      }
      tokens.push(String((f + 1) / 2));
    }
    const seq = parseSkelsLine(`${tokens.join(' ')} `, { dialect: 'p2s' });
    const pose = skelsToPoseSequence(seq, { dialect: 'p2s', scale: 'unscaled', fps: 24 });
    expect(pose.skeleton.name).toBe('prompt2sign-50');
    expect([pose.frames, pose.joints, pose.dims, pose.fps]).toEqual([2, 50, 3, 24]);
    expect(pose.confidence[3]).toBe(0);
    expect(pose.confidence[50 + 3]).toBe(0);
    expect(pose.confidence[4]).toBe(1);
    expect(Array.from(pose.data.subarray(9, 12))).toEqual([0, 0, 0]);
    expect(Array.from(pose.data.subarray(12, 15))).toEqual([
      Math.fround(Math.fround(0.1) * 9),
      0,
      Math.fround(Math.fround(0.2) * 9),
    ]);
    expect(pose.data[0]).toBe(Math.fround(Math.fround(0.01) * 9));
    // file scale keeps the values as written
    const file = skelsToPoseSequence(seq, { dialect: 'p2s' });
    expect(file.data[1]).toBe(Math.fround(-0.02));
    expect(file.fps).toBe(25);
  });

  it('rejects a sequence of the wrong width, and unknown options', () => {
    const seq: SkelsSequence = {
      frames: 1,
      valuesPerFrame: 384,
      values: new Float32Array(384),
      counter: new Float32Array(1),
    };
    expect(() => skelsToPoseSequence(seq, { dialect: 'pt' })).toThrow(/valuesPerFrame is 384/);
    const pt: SkelsSequence = {
      frames: 1,
      valuesPerFrame: 150,
      values: new Float32Array(150),
      counter: new Float32Array(1),
    };
    expect(() => skelsToPoseSequence(pt, { dialect: 'pt', scale: 'metres' as 'file' })).toThrow(
      /"file" or "unscaled"/,
    );
    expect(() => skelsToPoseSequence(pt, { dialect: 'pt', fps: 0 })).toThrow(/fps/);
  });
});

describeWithData('skelsToPoseSequence on real data', () => {
  it('dwpose: the registered dwpose-128 skeleton has the part order the layout assumes', () => {
    const sk = getSkeleton('dwpose-128');
    expect(sk.joints).toHaveLength(128);
    expect(sk.components.map((c) => [c.start, c.count])).toEqual([
      [0, 18],
      [18, 21],
      [39, 21],
      [60, 68],
    ]);
    expect(sk.joints[18]).toMatch(/^LEFT_/);
    expect(sk.joints[39]).toMatch(/^RIGHT_/);
  });

  it('pt: the PHOENIX dev sequences become prompt2sign-50 3D poses (×3 when unscaled)', () => {
    const seqs = parseSkels(readDataText('phoenix14t-sample', 'dev.skels'), { dialect: 'pt' });
    for (const seq of seqs) {
      const pose = skelsToPoseSequence(seq, { dialect: 'pt' });
      expect(pose.skeleton).toBe(getSkeleton('prompt2sign-50'));
      expect([pose.frames, pose.joints, pose.dims]).toEqual([seq.frames, 50, 3]);
      expect(pose.data.length).toBe(seq.values.length);
      expect(pose.data.every((v, i) => Object.is(v, seq.values[i]))).toBe(true);
      expect(pose.confidence.every((c) => c === 1)).toBe(true);
      const unscaled = skelsToPoseSequence(seq, { dialect: 'pt', scale: 'unscaled' });
      for (const k of [0, 1, 2, 151, seq.values.length - 1])
        expect(unscaled.data[k]).toBe(Math.fround(seq.values[k]! * 3));
    }
  });

  it('dwpose: a trg384 line built from real DWPose frames maps body, hands[0], hands[1], face in order', () => {
    const people = readDwposeFrames(6);
    const seq = parseSkelsLine(dwposeLine(people), { dialect: 'dwpose' });
    expect(seq.frames).toBe(6);
    expect(seq.counter[5]).toBe(1);
    const pose = skelsToPoseSequence(seq, { dialect: 'dwpose' });
    expect([pose.frames, pose.joints, pose.dims, pose.skeleton.name]).toEqual([6, 128, 2, 'dwpose-128']);
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-7);
    people.forEach((p, f) => {
      const at = (joint: number) => [
        pose.data[(f * 128 + joint) * 2]!,
        pose.data[(f * 128 + joint) * 2 + 1]!,
      ];
      const conf = (joint: number) => pose.confidence[f * 128 + joint]!;
      p.body_keypoints.forEach(([x, y], k) => {
        close(at(k)[0]!, x!);
        close(at(k)[1]!, y!);
        expect(conf(k)).toBe(p.body_scores[k]! >= 0 ? 1 : 0);
      });
      p.left_hand_keypoints.forEach(([x], k) => {
        close(at(18 + k)[0]!, x!);
      });
      p.right_hand_keypoints.forEach(([, y], k) => {
        close(at(39 + k)[1]!, y!);
      });
      p.face_keypoints.forEach(([x, y], k) => {
        close(at(60 + k)[0]!, x!);
        close(at(60 + k)[1]!, y!);
      });
      p.left_hand_scores.forEach((s, k) => {
        close(conf(18 + k), Math.min(1, s));
      });
      p.right_hand_scores.forEach((s, k) => {
        close(conf(39 + k), Math.min(1, s));
      });
      p.face_scores.forEach((s, k) => {
        close(conf(60 + k), Math.min(1, s));
      });
    });
    // the real data has missing body joints (score -1) in the first frame
    expect(people[0]!.body_scores.includes(-1)).toBe(true);
    expect(Array.from(pose.confidence.subarray(0, 18)).includes(0)).toBe(true);
  });

  it('dwpose: skels → pose → skels keeps coordinates, body indices and (clamped) scores', () => {
    const people = readDwposeFrames(4);
    const seq = parseSkelsLine(dwposeLine(people), { dialect: 'dwpose' });
    const back = poseSequenceToSkels(skelsToPoseSequence(seq, { dialect: 'dwpose' }), 'dwpose');
    expect(back.frames).toBe(4);
    expect(Array.from(back.counter)).toEqual([0, 1 / 3, 2 / 3, 1].map(Math.fround));
    for (let i = 0; i < seq.values.length; i++) {
      const k = i % 384;
      const isHandOrFaceScore = (k >= 138 && k < 180) || k >= 316;
      const want = isHandOrFaceScore ? Math.min(1, seq.values[i]!) : seq.values[i]!;
      expect(back.values[i], `value ${i}`).toBe(want);
    }
    // the written line has the 8-decimal layout; values are float32, so 8 decimals are not always the input's
    const tokens = formatSkelsLine(back, 'dwpose').split(' ');
    const original = dwposeLine(people).split(' ');
    expect(tokens).toHaveLength(original.length);
    expect(tokens.slice(0, 54)).toEqual(original.slice(0, 54).map((t) => Math.fround(Number(t)).toFixed(8)));
  });
});
