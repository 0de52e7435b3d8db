import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SignLLMError } from '../../errors/signllm-error.ts';
import { expectError } from '../../test-support/errors.ts';
import { dataPath, describeWithData, readDataBytes } from '../../test-support/shared-data.ts';
import { POSE_FORMAT_VERSION, type PoseFile } from './pose-file.ts';
import { readPose } from './read-pose.ts';
import { writePose } from './write-pose.ts';

/** Index of the first value whose bits differ (NaN payloads included), or -1. */
function firstBitDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** A small valid file: 2 components (XYC + XYZC → dims 3), 2 people, 3 frames. */
function tinyFile(): PoseFile {
  const points = 3;
  const frames = 3;
  const people = 2;
  const data = Float32Array.from({ length: frames * people * points * 3 }, (_, i) => i * 0.5 - 3);
  const confidence = Float32Array.from({ length: frames * people * points }, (_, i) => (i % 4) / 4);
  return {
    header: {
      version: POSE_FORMAT_VERSION,
      width: 640,
      height: 480,
      depth: 0,
      components: [
        { name: 'body', format: 'XYC', points: ['a', 'b'], limbs: [[0, 1]], colors: [[300, 0, 65535]] },
        { name: 'head', format: 'XYZC', points: ['c'], limbs: [], colors: [] },
      ],
    },
    body: { fps: 29.97, frames, people, dims: 3, data, confidence },
  };
}

describeWithData('writePose round trips on real files', () => {
  const v02 = ['ase', 'gsg'].flatMap((lang) =>
    readdirSync(dataPath('fingerspelling', lang))
      .filter((f) => f.endsWith('.pose'))
      .map((f) => ['fingerspelling', lang, f]),
  );

  it('covers all 56 real v0.2 files', () => {
    expect(v02.length).toBe(56);
  });

  it.each(v02.map((p) => [p.join('/'), p]))('%s: read then write gives identical bytes', (_, parts) => {
    const bytes = readDataBytes(...(parts as string[]));
    const out = writePose(readPose(bytes));
    expect(out.length).toBe(bytes.length);
    expect(Buffer.compare(Buffer.from(out), Buffer.from(bytes))).toBe(0);
  });

  const older: string[][] = [
    ['pose-format', 'example.pose'],
    ['pose-format', 'mediapipe.pose'],
    ['pose-format', 'openpose.pose'],
    ['pose-format', 'mediapipe_hand_normalized.pose'],
    ...readdirSync(dataPath('lexicon', 'sgg-dummy', 'sgg')).map((f) => ['lexicon', 'sgg-dummy', 'sgg', f]),
  ];

  it.each(older.map((p) => [p.join('/'), p]))(
    '%s: v0.0/v0.1 → write v0.2 → read gives the same data',
    (_, parts) => {
      const original = readPose(readDataBytes(...(parts as string[])));
      const out = writePose(original, { allowNonFinite: true });
      expect(new DataView(out.buffer).getFloat32(0, true)).toBe(POSE_FORMAT_VERSION);
      const again = readPose(out);
      expect(Math.round(again.header.version * 1000) / 1000).toBe(0.2);
      expect(again.header.components).toEqual(original.header.components);
      expect([again.header.width, again.header.height, again.header.depth]).toEqual([
        original.header.width,
        original.header.height,
        original.header.depth,
      ]);
      const { data, confidence, ...shape } = again.body;
      const { data: data0, confidence: confidence0, ...shape0 } = original.body;
      expect(shape).toEqual(shape0);
      expect(firstBitDifference(data, data0)).toBe(-1);
      expect(firstBitDifference(confidence, confidence0)).toBe(-1);
    },
  );

  it('rejects the NaN in mediapipe_hand_normalized.pose unless allowNonFinite is set', () => {
    const file = readPose(readDataBytes('pose-format', 'mediapipe_hand_normalized.pose'));
    expectError(() => writePose(file), 'format_invalid_number', /body\.data\[\d+\] is NaN .*allowNonFinite/);
    expect(() => writePose(file, { allowNonFinite: true })).not.toThrow();
  });
});

describe('writePose on synthetic files', () => {
  it('writes the v0.2 layout: header, float32 fps, uint32 frames, uint16 people, data, confidence', () => {
    const file = tinyFile();
    const out = writePose(file);
    const dv = new DataView(out.buffer);
    expect(dv.getFloat32(0, true)).toBe(Math.fround(0.2));
    expect([
      dv.getUint16(4, true),
      dv.getUint16(6, true),
      dv.getUint16(8, true),
      dv.getUint16(10, true),
    ]).toEqual([640, 480, 0, 2]);
    const bodyBytes = 10 + (file.body.data.length + file.body.confidence.length) * 4;
    const bodyAt = out.length - bodyBytes;
    expect(dv.getFloat32(bodyAt, true)).toBe(Math.fround(29.97));
    expect(dv.getUint32(bodyAt + 4, true)).toBe(3);
    expect(dv.getUint16(bodyAt + 8, true)).toBe(2);
    expect(dv.getFloat32(bodyAt + 10 + 4 * 7, true)).toBe(file.body.data[7]);
    const confAt = bodyAt + 10 + file.body.data.length * 4;
    expect(dv.getFloat32(confAt + 4 * 5, true)).toBe(file.body.confidence[5]);
    const back = readPose(out);
    expect(back.header.components).toEqual(file.header.components);
    expect(firstBitDifference(back.body.data, file.body.data)).toBe(-1);
    expect(writePose(back)).toEqual(out);
  });

  it('writes non-ASCII names as UTF-8 with their byte count, and reads them back', () => {
    const file = tinyFile();
    file.header.components[0]!.name = 'Körper';
    file.header.components[0]!.points = ['Hände', '手'];
    const out = writePose(file);
    const name = new TextEncoder().encode('Körper');
    expect(name.length).toBe(7); // 6 characters, 7 bytes
    const dv = new DataView(out.buffer);
    expect(dv.getUint16(12, true)).toBe(7);
    expect(Buffer.from(out.subarray(14, 21)).toString('utf8')).toBe('Körper');
    const back = readPose(out);
    expect(back.header.components[0]!.name).toBe('Körper');
    expect(back.header.components[0]!.points).toEqual(['Hände', '手']);
  });

  it('keeps NaN payloads and -0 bit for bit with allowNonFinite', () => {
    const file = tinyFile();
    const bits = new Uint32Array(file.body.data.buffer);
    bits[0] = 0x7fc00123; // a NaN with a payload
    file.body.data[1] = -0;
    file.body.data[2] = Number.POSITIVE_INFINITY;
    const back = readPose(writePose(file, { allowNonFinite: true }));
    expect(firstBitDifference(back.body.data, file.body.data)).toBe(-1);
    expect(Object.is(back.body.data[1], -0)).toBe(true);
  });

  it('rejects NaN/Infinity by default with invalidNumber and the frame', () => {
    const file = tinyFile();
    file.body.confidence[13] = Number.NEGATIVE_INFINITY; // frame 2 (6 points a frame), person 0, point 1
    try {
      writePose(file);
      throw new Error('expected an error');
    } catch (e) {
      expect((e as SignLLMError).code).toBe('format_invalid_number');
      expect((e as SignLLMError).position?.frame).toBe(2);
      expect((e as Error).message).toContain('body.confidence[13] is -Infinity (frame 2, person 0, point 1)');
    }
  });

  it('checks every header field and names it', () => {
    const cases: Array<[(f: PoseFile) => void, string, RegExp]> = [
      [(f) => (f.header.width = 70000), 'invalid_argument', /header\.width must be an integer in 0\.\.65535/],
      [(f) => (f.header.height = -1), 'invalid_argument', /header\.height/],
      [(f) => (f.header.depth = 1.5), 'invalid_argument', /header\.depth/],
      [(f) => (f.header.components[0]!.limbs = [[0, 65536]]), 'invalid_argument', /limbs\[0\]\[1\]/],
      [
        (f) => (f.header.components[0]!.colors = [[1, 2]] as never),
        'invalid_argument',
        /colors\[0\] must be an \[r, g, b\]/,
      ],
      [(f) => (f.header.components[0]!.colors = [[1, 2, 65536]]), 'invalid_argument', /colors\[0\]\[2\]/],
      [(f) => (f.header.components[1]!.name = 'x'.repeat(70000)), 'invalid_argument', /name is 70000 bytes/],
      [
        (f) => (f.header.components[1]!.points = [7 as never]),
        'invalid_argument',
        /points\[0\] must be a string/,
      ],
      [(f) => (f.header.components[1]!.format = ''), 'invalid_argument', /format is empty/],
      [
        (f) => (f.header.components[0]!.points = Array.from({ length: 65536 }, () => 'p')),
        'invalid_argument',
        /points has 65536 items/,
      ],
    ];
    for (const [mutate, code, pattern] of cases) {
      const file = tinyFile();
      mutate(file);
      expectError(() => writePose(file), code, pattern);
    }
  });

  it('checks the body: fps, counts, dims and array lengths', () => {
    const cases: Array<[(f: PoseFile) => void, string, RegExp]> = [
      [(f) => (f.body.fps = Number.NaN), 'format_invalid_number', /body\.fps must be a finite number/],
      [(f) => (f.body.fps = -1), 'invalid_argument', /body\.fps must not be negative/],
      [(f) => (f.body.frames = 2 ** 32), 'invalid_argument', /body\.frames must be an integer/],
      [(f) => (f.body.people = 65536), 'invalid_argument', /body\.people must be an integer in 0\.\.65535/],
      [
        (f) => (f.body.dims = 2),
        'shape_mismatch',
        /body\.dims is 2 but the component formats \(XYC, XYZC\) imply 3/,
      ],
      [
        (f) => (f.body.data = f.body.data.subarray(1)),
        'shape_mismatch',
        /body\.data has 53 values; expected 3 frames/,
      ],
      [(f) => (f.body.confidence = new Float32Array(1)), 'shape_mismatch', /body\.confidence has 1 values/],
      [(f) => (f.body.data = [] as never), 'invalid_argument', /body\.data must be a Float32Array/],
    ];
    for (const [mutate, code, pattern] of cases) {
      const file = tinyFile();
      mutate(file);
      expectError(() => writePose(file), code, pattern);
    }
  });
});
