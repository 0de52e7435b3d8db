/**
 * Golden tests of `readPose` on every real `.pose` file in the shared data. Expected values come from
 * the pose-format reference (ecosystem.md §2.1) and from a tiny independent DataView decoder written
 * here, never from the codec itself.
 */
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { dataPath, describeWithData, readDataBytes } from '../../test-support/shared-data.ts';
import { readPose } from './read-pose.ts';

/** What the independent decoder finds: header facts, and where each value lives in the bytes. */
interface Independent {
  version: number;
  width: number;
  height: number;
  depth: number;
  components: Array<{ name: string; format: string; points: string[]; limbs: number; colors: number }>;
  headerLength: number;
  bodyLength: number;
  frames: number;
  people: number;
  points: number;
  dims: number;
  /** Byte offset of value `d` (d === dims: the confidence) of a point, or -1 for a padded person. */
  offsetOf: (frame: number, person: number, point: number, d: number) => number;
}

/** A deliberately naive decoder, written from the table in ecosystem.md §2.1. */
function decodeIndependently(bytes: Uint8Array): Independent {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const u16 = (): number => {
    o += 2;
    return dv.getUint16(o - 2, true);
  };
  const str = (): string => {
    const n = u16();
    o += n;
    return new TextDecoder().decode(bytes.subarray(o - n, o));
  };
  const version = dv.getFloat32(0, true);
  o = 4;
  const [width, height, depth, count] = [u16(), u16(), u16(), u16()];
  const components: Independent['components'] = [];
  for (let i = 0; i < count; i++) {
    const name = str();
    const format = str();
    const [np, nl, nc] = [u16(), u16(), u16()];
    const points = Array.from({ length: np }, str);
    o += nl * 4 + nc * 6;
    components.push({ name, format, points, limbs: nl, colors: nc });
  }
  const headerLength = o;
  const points = components.reduce((s, c) => s + c.points.length, 0);
  const dims = Math.max(...components.map((c) => c.format.length)) - 1;
  const v = Math.round(version * 1000) / 1000;
  if (v === 0.2 || v === 0.1) {
    const fixed = v === 0.2 ? 10 : 6;
    const people = dv.getUint16(o + fixed - 2, true);
    const frameBytes = people * points * (dims + 1) * 4;
    const frames = v === 0.2 ? dv.getUint32(o + 4, true) : (bytes.length - o - 6) / frameBytes;
    const start = o + fixed;
    const offsetOf = (f: number, p: number, j: number, d: number): number => {
      const point = (f * people + p) * points + j;
      return d < dims
        ? start + 4 * (point * dims + d)
        : start + 4 * (frames * people * points * dims + point);
    };
    return {
      version,
      width,
      height,
      depth,
      components,
      headerLength,
      bodyLength: fixed + frames * frameBytes,
      frames,
      people,
      points,
      dims,
      offsetOf,
    };
  }
  // v0.0: per frame a people count; per person an int16 id then each component's interleaved values.
  const frames = dv.getUint16(o + 2, true);
  o += 4;
  const frameStarts: number[] = [];
  const peopleIn: number[] = [];
  const personBytes = 2 + components.reduce((s, c) => s + c.points.length * c.format.length * 4, 0);
  for (let f = 0; f < frames; f++) {
    frameStarts.push(o);
    peopleIn.push(dv.getUint16(o, true));
    o += 2 + peopleIn[f]! * personBytes;
  }
  const offsetOf = (f: number, p: number, j: number, d: number): number => {
    if (p >= peopleIn[f]!) return -1;
    let at = frameStarts[f]! + 2 + p * personBytes + 2;
    let first = 0;
    for (const c of components) {
      if (j < first + c.points.length) {
        const axes = c.format.length - 1;
        if (d < dims && d >= axes) return -1;
        return at + 4 * ((j - first) * c.format.length + (d < dims ? d : axes));
      }
      at += c.points.length * c.format.length * 4;
      first += c.points.length;
    }
    throw new Error('point out of range');
  };
  return {
    version,
    width,
    height,
    depth,
    components,
    headerLength,
    bodyLength: o - headerLength,
    frames,
    people: Math.max(0, ...peopleIn),
    points,
    dims,
    offsetOf,
  };
}

const poseFiles = (...folder: string[]): string[][] =>
  readdirSync(dataPath(...folder))
    .filter((f) => f.endsWith('.pose'))
    .sort()
    .map((f) => [...folder, f]);

const ALL_FILES: string[][] = [
  ['pose-format', 'example.pose'],
  ['pose-format', 'mediapipe.pose'],
  ['pose-format', 'openpose.pose'],
  ['pose-format', 'mediapipe_hand_normalized.pose'],
];

describeWithData('readPose on the documented pose-format files', () => {
  it('example.pose: v0.1, 66 frames × 1 person × 137 points × 2 dims (OpenPose body, face, hands)', () => {
    const bytes = readDataBytes('pose-format', 'example.pose');
    const { header, body } = readPose(bytes);
    expect(Math.round(header.version * 1000) / 1000).toBe(0.1);
    expect(header.components.map((c) => [c.name, c.format, c.points.length])).toEqual([
      ['pose_keypoints_2d', 'XYC', 25],
      ['face_keypoints_2d', 'XYC', 70],
      ['hand_left_keypoints_2d', 'XYC', 21],
      ['hand_right_keypoints_2d', 'XYC', 21],
    ]);
    expect(header.components[0]!.points.slice(0, 3)).toEqual(['Nose', 'Neck', 'RShoulder']);
    expect([body.frames, body.people, body.dims]).toEqual([66, 1, 2]);
    expect(body.data.length).toBe(66 * 137 * 2);
    expect(body.confidence.length).toBe(66 * 137);
    // Colour values above 255 are kept raw (ecosystem.md §2.1 names 262 and 297).
    expect(header.components[2]!.colors.flat()).toContain(262);
    expect(header.components[2]!.colors.flat()).toContain(297);
  });

  it('mediapipe.pose: v0.1 reduced holistic, 170 frames × 178 points (8 + 128 + 21 + 21) × 3 dims', () => {
    const { header, body } = readPose(readDataBytes('pose-format', 'mediapipe.pose'));
    expect(header.components.map((c) => c.points.length)).toEqual([8, 128, 21, 21]);
    expect(header.components.map((c) => c.name)).toEqual([
      'POSE_LANDMARKS',
      'FACE_LANDMARKS',
      'LEFT_HAND_LANDMARKS',
      'RIGHT_HAND_LANDMARKS',
    ]);
    expect([body.frames, body.people, body.dims]).toEqual([170, 1, 3]);
    expect(body.data.length).toBe(170 * 178 * 3);
  });

  it('openpose.pose: v0.0, 93 frames, 137 points, 155,187 bytes = 1919 + 4 + 93 × (2 + 2 + 137·3·4)', () => {
    const bytes = readDataBytes('pose-format', 'openpose.pose');
    expect(bytes.length).toBe(155_187);
    expect(1919 + 4 + 93 * (2 + 2 + 137 * 3 * 4)).toBe(155_187);
    const { header, body } = readPose(bytes);
    expect(header.version).toBe(0);
    expect(header.components.reduce((n, c) => n + c.points.length, 0)).toBe(137);
    expect([body.frames, body.people, body.dims]).toEqual([93, 1, 2]);
    expect(decodeIndependently(bytes).headerLength).toBe(1919);
  });

  it('mediapipe_hand_normalized.pose keeps its NaN values as data', () => {
    const bytes = readDataBytes('pose-format', 'mediapipe_hand_normalized.pose');
    const ref = decodeIndependently(bytes);
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    let expectedNaN = 0;
    for (let at = ref.headerLength + 6; at < bytes.length; at += 4)
      if (Number.isNaN(dv.getFloat32(at, true))) expectedNaN++;
    expect(expectedNaN).toBe(1449); // also counted by a Python struct decode
    const { body } = readPose(bytes);
    const ours = [...body.data, ...body.confidence].filter(Number.isNaN).length;
    expect(ours).toBe(expectedNaN);
  });
});

/**
 * The size table of docs/architecture/pose-format.md. Figures from a separate Python `struct` decode
 * of the same files (frames of v0.1 inferred from the bytes left), not from this codec.
 */
const GOLDEN: Array<[string[], number, number, number, number, number, number]> = [
  // path, version, frames, people, points, dims, bytes
  [['pose-format', 'example.pose'], 0.1, 66, 1, 137, 2, 110_429],
  [['pose-format', 'mediapipe.pose'], 0.1, 170, 1, 178, 3, 486_876],
  [['pose-format', 'openpose.pose'], 0, 93, 1, 137, 2, 155_187],
  [['pose-format', 'mediapipe_hand_normalized.pose'], 0.1, 170, 1, 21, 3, 57_692],
  [['lexicon', 'sgg-dummy', 'sgg', 'essen.pose'], 0.1, 73, 1, 178, 3, 210_620],
  [['lexicon', 'sgg-dummy', 'sgg', 'kinder.pose'], 0.1, 45, 1, 178, 3, 130_876],
  [['lexicon', 'sgg-dummy', 'sgg', 'kleine.pose'], 0.1, 68, 1, 178, 3, 196_380],
  [['lexicon', 'sgg-dummy', 'sgg', 'pizza.pose'], 0.1, 53, 1, 178, 3, 153_660],
];

describeWithData('readPose matches the size table', () => {
  it.each(GOLDEN.map((row) => [row[0].join('/'), row]))('%s', (_, row) => {
    const [parts, version, frames, people, points, dims, size] = row as (typeof GOLDEN)[number];
    const bytes = readDataBytes(...parts);
    expect(bytes.length).toBe(size);
    const { header, body } = readPose(bytes);
    expect(Math.round(header.version * 1000) / 1000).toBe(version);
    expect([
      body.frames,
      body.people,
      header.components.reduce((n, c) => n + c.points.length, 0),
      body.dims,
    ]).toEqual([frames, people, points, dims]);
  });

  it.each([
    // language, files, total frames, min frames, max frames, fps
    ['ase', 26, 669, 20, 33, 25],
    ['gsg', 30, 891, 22, 38, 30],
  ])(
    'fingerspelling/%s: %i v0.2 files, %i frames in all, 1 person × 586 points × 3 dims',
    (lang, count, total, min, max, fps) => {
      const files = poseFiles('fingerspelling', lang as string);
      expect(files.length).toBe(count);
      const read = files.map((parts) => readPose(readDataBytes(...parts)).body);
      const frames = read.map((b) => b.frames);
      expect([frames.reduce((a, b) => a + b, 0), Math.min(...frames), Math.max(...frames)]).toEqual([
        total,
        min,
        max,
      ]);
      for (const b of read) {
        expect([b.fps, b.people, b.dims, b.confidence.length / b.frames]).toEqual([fps, 1, 3, 586]);
      }
    },
  );
});

describeWithData('readPose agrees with an independent decoder on every real file', () => {
  const files = [
    ...ALL_FILES,
    ...poseFiles('lexicon', 'sgg-dummy', 'sgg'),
    ...poseFiles('fingerspelling', 'ase'),
    ...poseFiles('fingerspelling', 'gsg'),
  ];

  it('finds all the real files (4 pose-format, 4 lexicon, 56 fingerspelling)', () => {
    expect(files.length).toBe(64);
  });

  it.each(files.map((parts) => [parts.join('/'), parts]))('%s', (_, parts) => {
    const bytes = readDataBytes(...(parts as string[]));
    const ref = decodeIndependently(bytes);
    // File-size arithmetic: header + body accounts for every byte.
    expect(ref.headerLength + ref.bodyLength).toBe(bytes.length);
    const folder = (parts as string[])[0];
    const expectedVersion = folder === 'fingerspelling' ? 0.2 : parts[1] === 'openpose.pose' ? 0 : 0.1;
    expect(Math.round(ref.version * 1000) / 1000).toBe(expectedVersion);

    const { header, body } = readPose(bytes, { source: parts.join('/') });
    expect(header.version).toBe(ref.version);
    expect([header.width, header.height, header.depth]).toEqual([ref.width, ref.height, ref.depth]);
    expect(
      header.components.map((c) => [c.name, c.format, c.points, c.limbs.length, c.colors.length]),
    ).toEqual(ref.components.map((c) => [c.name, c.format, c.points, c.limbs, c.colors]));
    expect([
      body.frames,
      body.people,
      header.components.reduce((n, c) => n + c.points.length, 0),
      body.dims,
    ]).toEqual([ref.frames, ref.people, ref.points, ref.dims]);
    expect(Number.isInteger(ref.frames)).toBe(true);
    expect(body.data.length).toBe(ref.frames * ref.people * ref.points * ref.dims);
    expect(body.confidence.length).toBe(ref.frames * ref.people * ref.points);

    // Spot checks: first, last and a spread of values, read straight from the bytes.
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    const probes: Array<[number, number, number]> = [
      [0, 0, 0],
      [ref.frames - 1, ref.people - 1, ref.points - 1],
      [Math.floor(ref.frames / 2), 0, Math.floor(ref.points / 3)],
      [Math.floor(ref.frames / 3), 0, ref.points - 5],
    ];
    for (const [f, p, j] of probes) {
      const point = (f * ref.people + p) * ref.points + j;
      for (let d = 0; d <= ref.dims; d++) {
        const at = ref.offsetOf(f, p, j, d);
        const expected = at < 0 ? 0 : dv.getFloat32(at, true);
        const actual = d < ref.dims ? body.data[point * ref.dims + d]! : body.confidence[point]!;
        expect(Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected))).toBe(true);
      }
    }
  });
});
