import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataBytes } from '../../test-support/shared-data.ts';
import { POSE_FORMAT_VERSION, type PoseFile } from './pose-file.ts';
import { poseFileToSequence } from './pose-file-to-sequence.ts';
import { readPose } from './read-pose.ts';
import { sequenceToPoseFile } from './sequence-to-pose-file.ts';
import { writePose } from './write-pose.ts';

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);
const sameBits = (a: Float32Array, b: Float32Array): boolean =>
  a.length === b.length && bits(a).every((v, i) => v === bits(b)[i]);

/** Two people, two points (`XYC`), three frames; person p, frame f, point j, axis d = 1000p + 100f + 10j + d. */
function twoPeople(): PoseFile {
  const frames = 3;
  const data = new Float32Array(frames * 2 * 2 * 2);
  const confidence = new Float32Array(frames * 2 * 2);
  for (let f = 0; f < frames; f++) {
    for (let p = 0; p < 2; p++) {
      for (let j = 0; j < 2; j++) {
        const point = (f * 2 + p) * 2 + j;
        for (let d = 0; d < 2; d++) data[point * 2 + d] = 1000 * p + 100 * f + 10 * j + d;
        confidence[point] = p === 0 ? 1 : 0.5;
      }
    }
  }
  return {
    header: {
      version: POSE_FORMAT_VERSION,
      width: 10,
      height: 10,
      depth: 0,
      components: [
        { name: 'conv-test', format: 'XYC', points: ['a', 'b'], limbs: [[0, 1]], colors: [[1, 1, 1]] },
      ],
    },
    body: { fps: 25, frames, people: 2, dims: 2, data, confidence },
  };
}

describeWithData('poseFileToSequence ↔ sequenceToPoseFile on real files', () => {
  const files: string[][] = [
    ['pose-format', 'example.pose'],
    ['pose-format', 'mediapipe.pose'],
    ['pose-format', 'openpose.pose'],
    ['pose-format', 'mediapipe_hand_normalized.pose'],
    ...readdirSync(dataPath('lexicon', 'sgg-dummy', 'sgg')).map((f) => ['lexicon', 'sgg-dummy', 'sgg', f]),
    [
      'fingerspelling',
      'ase',
      readdirSync(dataPath('fingerspelling', 'ase')).find((f) => f.endsWith('.pose'))!,
    ],
  ];

  it('example.pose: 66 frames × 137 joints × 2 dims at 24 fps', () => {
    const seq = poseFileToSequence(readPose(readDataBytes('pose-format', 'example.pose')));
    expect([seq.frames, seq.joints, seq.dims, seq.fps]).toEqual([66, 137, 2, 24]);
  });

  it.each(files.map((p) => [p.join('/'), p]))(
    '%s: file → sequence → file → bytes → file keeps data bit for bit',
    (_, parts) => {
      const file = readPose(readDataBytes(...(parts as string[])));
      const seq = poseFileToSequence(file);
      expect(seq.joints).toBe(file.header.components.reduce((n, c) => n + c.points.length, 0));
      expect(sameBits(seq.data, file.body.data)).toBe(true);
      expect(sameBits(seq.confidence, file.body.confidence)).toBe(true);
      const back = readPose(
        writePose(sequenceToPoseFile(seq, { width: 7, height: 8, depth: 9 }), { allowNonFinite: true }),
      );
      expect([back.header.width, back.header.height, back.header.depth]).toEqual([7, 8, 9]);
      expect(back.header.components.map((c) => [c.name, c.points])).toEqual(
        file.header.components.map((c) => [c.name, c.points]),
      );
      expect([back.body.frames, back.body.people, back.body.dims, back.body.fps]).toEqual([
        file.body.frames,
        1,
        file.body.dims,
        file.body.fps,
      ]);
      expect(sameBits(back.body.data, file.body.data)).toBe(true);
      expect(sameBits(back.body.confidence, file.body.confidence)).toBe(true);
    },
  );
});

describe('poseFileToSequence', () => {
  it('takes the chosen person out of a multi-person body', () => {
    const seq = poseFileToSequence(twoPeople(), { person: 1 });
    expect([seq.frames, seq.joints, seq.dims]).toEqual([3, 2, 2]);
    expect(Array.from(seq.data)).toEqual([
      1000, 1001, 1010, 1011, 1100, 1101, 1110, 1111, 1200, 1201, 1210, 1211,
    ]);
    expect(Array.from(seq.confidence)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(poseFileToSequence(twoPeople()).data.subarray(0, 4))).toEqual([0, 1, 10, 11]);
  });

  it('copies: changing the sequence leaves the file alone', () => {
    const file = twoPeople();
    file.body.people = 1;
    file.body.frames = 6; // the same values read as one person over 6 frames
    const seq = poseFileToSequence(file);
    seq.data[0] = 42;
    expect(file.body.data[0]).toBe(0);
  });

  it('rejects a missing person, a file without people, other than 2 or 3 axes, and fps 0', () => {
    expect(() => poseFileToSequence(twoPeople(), { person: 2 })).toThrow(
      /person 2 does not exist; valid persons are 0\.\.1/,
    );
    expect(() => poseFileToSequence(twoPeople(), { person: 0.5 })).toThrow(/person 0\.5 does not exist/);
    const none = twoPeople();
    none.body = { ...none.body, people: 0, data: new Float32Array(0), confidence: new Float32Array(0) };
    expect(() => poseFileToSequence(none)).toThrow(/has no people/);
    const oneAxis = twoPeople();
    oneAxis.header.components[0]!.format = 'XC';
    oneAxis.body.dims = 1;
    expect(() => poseFileToSequence(oneAxis)).toThrow(
      /points have 1 axes \(formats XC\); a PoseSequence holds 2 or 3/,
    );
    const still = twoPeople();
    still.body.fps = 0;
    expect(() => poseFileToSequence(still)).toThrow(/fps must be a positive finite number/);
    const short = twoPeople();
    short.body.data = short.body.data.subarray(1);
    expect(() => poseFileToSequence(short)).toThrow(/the \.pose body has 23 values/);
  });
});
