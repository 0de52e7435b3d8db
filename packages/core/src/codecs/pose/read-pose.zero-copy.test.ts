import { describe, expect, it } from 'vitest';
import { describeWithData, readDataBytes } from '../../test-support/shared-data.ts';
import { readPose } from './read-pose.ts';
import { writePose } from './write-pose.ts';

/** The file's bytes placed at `shift` bytes into a fresh buffer, so every alignment can be tried. */
function placed(bytes: Uint8Array, shift: number): Uint8Array {
  const out = new Uint8Array(bytes.length + shift).subarray(shift);
  out.set(bytes);
  return out;
}

const FILES: Array<[string, string]> = [
  ['pose-format', 'example.pose'],
  ['pose-format', 'mediapipe.pose'],
  ['lexicon/sgg-dummy/sgg', 'pizza.pose'],
  ['fingerspelling/ase', 'fs-sts13206cebad70790ee136a34c7a74af5e.pose'],
];

describeWithData('readPose { zeroCopy: true }', () => {
  it.each(FILES)('%s/%s: same data as the copying reader at every alignment', (dir, name) => {
    const original = readDataBytes(...dir.split('/'), name);
    const copied = readPose(original);
    for (let shift = 0; shift < 4; shift++) {
      const input = placed(original, shift);
      const viewed = readPose(input, { zeroCopy: true });
      expect(viewed.header).toEqual(copied.header);
      expect(viewed.body.frames).toBe(copied.body.frames);
      expect(viewed.body.data.buffer).toBe(input.buffer);
      expect(viewed.body.confidence.buffer).toBe(input.buffer);
      expect(new Uint32Array(viewed.body.data.slice().buffer)).toEqual(
        new Uint32Array(copied.body.data.buffer),
      );
      expect(viewed.body.confidence).toEqual(copied.body.confidence);
      // Writing the zero-copy result gives the file back (as v0.2).
      expect(readPose(writePose(viewed, { allowNonFinite: true })).body.data).toEqual(copied.body.data);
    }
  });

  it('never touches the input when the file is rejected', () => {
    const original = readDataBytes('pose-format', 'example.pose');
    const cut = placed(original.subarray(0, original.length - 3), 1);
    const before = cut.slice();
    expect(() => readPose(cut, { zeroCopy: true })).toThrow(/v0\.1 body holds/);
    expect(cut).toEqual(before);
  });

  it('copies the v0.0 body (interleaved values cannot be viewed)', () => {
    const input = readDataBytes('pose-format', 'openpose.pose');
    const viewed = readPose(input, { zeroCopy: true });
    expect(viewed.body.data.buffer).not.toBe(input.buffer);
    expect(viewed.body.frames).toBe(93);
  });
});

describe('readPose { zeroCopy: true } on a generated file', () => {
  it('keeps the default copying behaviour unless asked', () => {
    const bytes = writePose({
      header: {
        version: 0.2,
        width: 10,
        height: 10,
        depth: 0,
        components: [{ name: 'c', format: 'XYC', points: ['a', 'b'], limbs: [[0, 1]], colors: [[1, 2, 3]] }],
      },
      body: {
        fps: 25,
        frames: 2,
        people: 1,
        dims: 2,
        data: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8),
        confidence: Float32Array.of(1, 1, 0, 1),
      },
    });
    const copied = readPose(bytes);
    expect(copied.body.data.buffer).not.toBe(bytes.buffer);
    const viewed = readPose(bytes, { zeroCopy: true });
    expect(Array.from(viewed.body.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(viewed.body.confidence)).toEqual([1, 1, 0, 1]);
  });
});
