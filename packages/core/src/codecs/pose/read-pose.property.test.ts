/**
 * Property tests of the `.pose` codec: random valid files round-trip through `writePose` and
 * `readPose`; random bytes and random mutations of real files give a valid file or a `SignLLMError`,
 * nothing else (no RangeError, no hang, no huge allocation).
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../../errors/signllm-error.ts';
import { dataPath, describeWithData, readDataBytes } from '../../test-support/shared-data.ts';
import { formatLength, POSE_FORMAT_VERSION, type PoseFile, type PoseHeader } from './pose-file.ts';
import { readPose } from './read-pose.ts';
import { writePose } from './write-pose.ts';

const u16 = fc.integer({ min: 0, max: 0xffff });
const text = (maxLength: number, minLength = 0): fc.Arbitrary<string> =>
  fc.string({ unit: 'binary', minLength, maxLength });

const headerArb: fc.Arbitrary<PoseHeader> = fc.record({
  version: fc.constant(POSE_FORMAT_VERSION),
  width: u16,
  height: u16,
  depth: u16,
  components: fc.array(
    fc.record({
      name: text(12),
      format: fc.oneof(fc.constantFrom('XYC', 'XYZC', 'C'), text(5, 1)),
      points: fc.array(text(8), { maxLength: 6 }),
      limbs: fc.array(fc.tuple(u16, u16), { maxLength: 4 }),
      colors: fc.array(fc.tuple(u16, u16, u16), { maxLength: 4 }),
    }),
    { maxLength: 4 },
  ),
});

const fileArb: fc.Arbitrary<PoseFile> = headerArb.chain((header) => {
  const points = header.components.reduce((n, c) => n + c.points.length, 0);
  const dims = Math.max(0, ...header.components.map((c) => formatLength(c.format) - 1));
  return fc
    .record({
      fps: fc.float({ min: 0, max: 240, noNaN: true }),
      frames: fc.integer({ min: 0, max: 4 }),
      people: fc.integer({ min: 0, max: 3 }),
    })
    .chain(({ fps, frames, people }) =>
      fc
        .record({
          data: fc.float32Array({
            minLength: frames * people * points * dims,
            maxLength: frames * people * points * dims,
          }),
          confidence: fc.float32Array({
            minLength: frames * people * points,
            maxLength: frames * people * points,
          }),
        })
        .map(({ data, confidence }) => ({ header, body: { fps, frames, people, dims, data, confidence } })),
    );
});

const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
/** True when two float32 arrays hold the same bits (NaN payloads included). */
const sameBits = (a: Float32Array, b: Float32Array): boolean =>
  Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;

/** Reads `bytes`; returns the file, or the SignLLMError. Anything else fails the property. */
function readOrSignLLMError(bytes: Uint8Array): PoseFile | SignLLMError {
  try {
    return readPose(bytes);
  } catch (e) {
    if (SignLLMError.isInstance(e)) {
      expect(typeof e.position?.byte).toBe('number');
      return e;
    }
    throw e;
  }
}

/** A file that was read successfully must be self-consistent and, when finite, rewritable. */
function checkConsistent(file: PoseFile): void {
  const points = file.header.components.reduce((n, c) => n + c.points.length, 0);
  const { frames, people, dims, data, confidence } = file.body;
  expect(data.length).toBe(frames * people * points * dims);
  expect(confidence.length).toBe(frames * people * points);
  const again = readPose(writePose(file, { allowNonFinite: true }));
  expect(sameBits(again.body.data, data)).toBe(true);
  expect(sameBits(again.body.confidence, confidence)).toBe(true);
}

describe('.pose codec properties', () => {
  it('random valid files: write → read gives the same file, bit for bit', () => {
    fc.assert(
      fc.property(fileArb, (file) => {
        const back = readPose(writePose(file, { allowNonFinite: true }));
        expect(back.header).toEqual(file.header);
        expect([back.body.fps, back.body.frames, back.body.people, back.body.dims]).toEqual([
          file.body.fps,
          file.body.frames,
          file.body.people,
          file.body.dims,
        ]);
        expect(bits(back.body.data)).toEqual(bits(file.body.data));
        expect(bits(back.body.confidence)).toEqual(bits(file.body.confidence));
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes: a valid file or a SignLLMError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const result = readOrSignLLMError(bytes);
        if (!SignLLMError.isInstance(result)) checkConsistent(result);
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes after a supported version: a valid file or a SignLLMError', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 0.1, 0.2), fc.uint8Array({ maxLength: 400 }), (version, tail) => {
        const bytes = new Uint8Array(4 + tail.length);
        new DataView(bytes.buffer).setFloat32(0, version, true);
        bytes.set(tail, 4);
        const result = readOrSignLLMError(bytes);
        if (!SignLLMError.isInstance(result)) checkConsistent(result);
      }),
      { numRuns: 1000 },
    );
  });
});

/** A random edit of a file: overwrite a few bytes, then (in a third of the cases each) cut or extend it. */
interface Mutation {
  edits: Array<{ at: number; value: number }>;
  cut: number | undefined;
  extra: Uint8Array;
}

const mutationArb: fc.Arbitrary<Mutation> = fc
  .record({
    edits: fc.array(
      fc.record({
        at: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.nat()),
        value: fc.integer({ min: 0, max: 255 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    tail: fc.oneof(
      fc.constant({ cut: undefined, extra: new Uint8Array(0) }),
      fc.nat().map((cut) => ({ cut, extra: new Uint8Array(0) })),
      fc.uint8Array({ minLength: 1, maxLength: 8 }).map((extra) => ({ cut: undefined, extra })),
    ),
  })
  .map(({ edits, tail }) => ({ edits, ...tail }));

function mutate(original: Uint8Array, m: Mutation): Uint8Array {
  const bytes = original.slice();
  for (const { at, value } of m.edits) bytes[at % bytes.length] = value;
  const kept = m.cut === undefined ? bytes : bytes.subarray(0, m.cut % (bytes.length + 1));
  const out = new Uint8Array(kept.length + m.extra.length);
  out.set(kept);
  out.set(m.extra, kept.length);
  return out;
}

describeWithData('.pose codec properties on mutated real files', () => {
  const files = [
    readDataBytes('pose-format', 'mediapipe_hand_normalized.pose'),
    readDataBytes('pose-format', 'openpose.pose'),
    readDataBytes(
      'fingerspelling',
      'gsg',
      readdirSync(dataPath('fingerspelling', 'gsg')).find((f) => f.endsWith('.pose'))!,
    ),
  ];

  it.each([
    ['v0.1', 0],
    ['v0.0', 1],
    ['v0.2', 2],
  ])('random mutations of a real %s file: a valid file or a SignLLMError', (_, index) => {
    const original = files[index as number]!;
    let valid = 0;
    fc.assert(
      fc.property(mutationArb, (m) => {
        const result = readOrSignLLMError(mutate(original, m));
        if (!SignLLMError.isInstance(result)) {
          valid++;
          checkConsistent(result);
        }
      }),
      { numRuns: 300 },
    );
    expect(valid).toBeGreaterThan(0); // edits to point values keep the file valid: both paths are exercised
  });
});
