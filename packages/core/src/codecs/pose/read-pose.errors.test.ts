/**
 * `readPose` fed bad input: cut files, wrong versions, hostile counts, invalid UTF-8, extra bytes and
 * the v0.0 corner cases. Every failure must be a `SignLLMError` with a byte position.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../../errors/signllm-error.ts';
import { dataPath, describeWithData, readDataBytes } from '../../test-support/shared-data.ts';
import { readPose } from './read-pose.ts';

/** Builds `.pose` bytes by hand (independently of `writePose`). */
class Sink {
  private readonly parts: number[] = [];
  private readonly dv = new DataView(new ArrayBuffer(4));
  u16(v: number): this {
    this.parts.push(v & 0xff, v >>> 8);
    return this;
  }
  i16(v: number): this {
    return this.u16(v & 0xffff);
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }
  f32(v: number): this {
    this.dv.setFloat32(0, v, true);
    for (let i = 0; i < 4; i++) this.parts.push(this.dv.getUint8(i));
    return this;
  }
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.parts.push(bytes[i]!);
    return this;
  }
  str(s: string | number[]): this {
    const b = typeof s === 'string' ? new TextEncoder().encode(s) : s;
    return this.u16(b.length).raw(b);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

interface Comp {
  name: string;
  format: string | number[];
  points: Array<string | number[]>;
}

function header(version: number, comps: Comp[]): Sink {
  const s = new Sink().f32(version).u16(100).u16(100).u16(0).u16(comps.length);
  for (const c of comps) {
    s.str(c.name).str(c.format).u16(c.points.length).u16(0).u16(1);
    for (const p of c.points) s.str(p);
    s.u16(255).u16(0).u16(0);
  }
  return s;
}

/** Runs `fn`, expecting a SignLLMError; returns it. */
function caught(fn: () => unknown): SignLLMError {
  try {
    fn();
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw new Error(`not a SignLLMError: ${String(e)}`);
    expect(typeof e.position?.byte).toBe('number');
    return e;
  }
  throw new Error('expected readPose to throw');
}

const patched = (bytes: Uint8Array, at: number, write: (dv: DataView) => void): Uint8Array => {
  const copy = bytes.slice();
  write(new DataView(copy.buffer, at));
  return copy;
};

/**
 * Reads every cut of `bytes` in `cuts`; returns a description of each cut that did not fail with a
 * truncation error positioned inside the cut (empty when all is well). `allowed(n)` says which cuts
 * may instead read successfully, and checks the result.
 */
function cutProblems(
  bytes: Uint8Array,
  cuts: Iterable<number>,
  source: string,
  allowed: (n: number) => ((frames: number) => boolean) | undefined = () => undefined,
): string[] {
  const problems: string[] = [];
  for (const n of cuts) {
    const check = allowed(n);
    try {
      const file = readPose(bytes.subarray(0, n), { source });
      if (!check?.(file.body.frames)) problems.push(`${n}: read ${file.body.frames} frames`);
    } catch (e) {
      if (!SignLLMError.isInstance(e)) problems.push(`${n}: ${String(e)}`);
      else if (check) problems.push(`${n}: should have read, threw ${e.message}`);
      else if (e.code !== 'format_truncated') problems.push(`${n}: ${e.code}`);
      else if (!(e.position?.byte !== undefined && e.position.byte <= n && e.position.source === source)) {
        problems.push(`${n}: position ${JSON.stringify(e.position)}`);
      }
    }
  }
  return problems;
}

const range = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let n = from; n < to; n += step) out.push(n);
  return out;
};

describeWithData('readPose on cut real files', () => {
  it('v0.1 (mediapipe_hand_normalized.pose): every prefix is truncated, or a whole number of frames', () => {
    const bytes = readDataBytes('pose-format', 'mediapipe_hand_normalized.pose');
    const bodyAt = 566 + 6; // header length (independent decode in read-pose.test.ts) + fps, frames, people
    const frameBytes = 21 * 4 * 4;
    // v0.1 infers frames from the bytes left, so a cut exactly at a frame boundary is a valid shorter file.
    const boundary = (n: number) =>
      n >= bodyAt && (n - bodyAt) % frameBytes === 0
        ? (frames: number) => frames === (n - bodyAt) / frameBytes
        : undefined;
    expect(range(0, bytes.length).filter((n) => boundary(n)).length).toBe(170); // 0..169 frames
    expect(cutProblems(bytes, range(0, bytes.length), 'hand.pose', boundary)).toEqual([]);
  });

  it('v0.2 (fingerspelling): every header prefix and a spread of body prefixes are truncated', () => {
    const name = readdirSync(dataPath('fingerspelling', 'ase')).filter((f) => f.endsWith('.pose'))[0]!;
    const bytes = readDataBytes('fingerspelling', 'ase', name);
    // The header is 14,887 bytes, then 10 bytes of fps, frames and people.
    const cuts = [
      ...range(0, 15_000),
      ...range(15_000, bytes.length, 97),
      ...range(bytes.length - 9, bytes.length),
    ];
    expect(cutProblems(bytes, cuts, name)).toEqual([]);
    expect(readPose(bytes).body.frames).toBeGreaterThan(0);
  });

  it('v0.0 (openpose.pose): every header prefix and a spread of body prefixes are truncated', () => {
    const bytes = readDataBytes('pose-format', 'openpose.pose');
    const cuts = [...range(0, 4000), ...range(4000, bytes.length, 61), bytes.length - 1];
    expect(cutProblems(bytes, cuts, 'openpose.pose')).toEqual([]);
  });
});

describeWithData('readPose on hostile headers built from real files', () => {
  const small = (): Uint8Array => readDataBytes('pose-format', 'mediapipe_hand_normalized.pose');

  it.each([
    [0.3, '0.3'],
    [1, '1'],
    [0.15, '0.15'],
    [-0.1, '-0.1'],
    [Number.NaN, 'NaN'],
  ])('rejects version %s with unsupportedVersion at byte 0', (version, shown) => {
    const e = caught(() => readPose(patched(small(), 0, (dv) => dv.setFloat32(0, version, true))));
    expect(e.code).toBe('format_unsupported_version');
    expect(e.position?.byte).toBe(0);
    expect(e.message).toContain(`version ${Math.fround(version) === version ? shown : Math.fround(version)}`);
    expect(e.message).toContain('0.0, 0.1 and 0.2');
  });

  it('accepts versions that round to 0.1 at 3 decimals, as pose-format does', () => {
    const file = readPose(patched(small(), 0, (dv) => dv.setFloat32(0, 0.1004, true)));
    expect(file.body.frames).toBe(170);
  });

  it('fails fast on a v0.2 header claiming 4,294,967,295 frames', () => {
    const name = readdirSync(dataPath('fingerspelling', 'gsg')).filter((f) => f.endsWith('.pose'))[0]!;
    const bytes = readDataBytes('fingerspelling', 'gsg', name);
    const framesAt = 14_887 + 4;
    const e = caught(() => readPose(patched(bytes, framesAt, (dv) => dv.setUint32(0, 0xffffffff, true))));
    expect(e.code).toBe('format_truncated');
    expect(e.position?.byte).toBe(framesAt);
    expect(e.message).toContain('4294967295 frames × 1 people × 586 points × 4 float32 values');
  });

  it('fails fast on 65,535 components, points, limbs or colours', () => {
    const bytes = small();
    // Layout: version(4) w h d (6) count(2) at 10; name "RIGHT_HAND_LANDMARKS" (2+20) and format "XYZC" (2+4).
    const countsAt = 12 + 22 + 6;
    const cases: Array<[number, RegExp]> = [
      [10, /components: the header claims 65535, which needs at least 655350 bytes/],
      [countsAt, /points: the header claims 65535/],
      [countsAt + 2, /limbs: the header claims 65535/],
      [countsAt + 4, /colours: the header claims 65535/],
    ];
    for (const [at, pattern] of cases) {
      const e = caught(() => readPose(patched(bytes, at, (dv) => dv.setUint16(0, 0xffff, true))));
      expect(e.code).toBe('format_truncated');
      expect(e.message).toMatch(pattern);
    }
  });

  it('rejects bytes after the last v0.2 frame, and a v0.1 body that is not whole frames', () => {
    const name = readdirSync(dataPath('fingerspelling', 'ase')).filter((f) => f.endsWith('.pose'))[0]!;
    const v02 = readDataBytes('fingerspelling', 'ase', name);
    const e = caught(() => readPose(Uint8Array.from([...v02, 1, 2, 3])));
    expect(e.code).toBe('format_invalid');
    expect(e.position?.byte).toBe(v02.length);
    expect(e.message).toContain('3 unexpected bytes after the last frame');
    const v01 = small();
    const e1 = caught(() => readPose(Uint8Array.from([...v01, 1, 2, 3])));
    expect(e1.code).toBe('format_truncated');
    expect(e1.message).toMatch(/not a whole number of 336-byte frames/);
  });
});

describe('readPose on hand-built files', () => {
  const comp: Comp = { name: 'body', format: 'XYC', points: ['a', 'b'] };

  it('rejects invalid UTF-8 in names with invalidUtf8 at the string bytes', () => {
    for (const bad of [
      [0xff, 0xfe],
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0x61, 0xe2, 0x82],
    ]) {
      const bytes = header(0.2, [{ ...comp, points: ['a', bad] }])
        .f32(25)
        .u32(0)
        .u16(1)
        .bytes();
      const at = 12 + (2 + 4) + (2 + 3) + 6 + (2 + 1) + 2;
      const e = caught(() => readPose(bytes));
      expect(e.code).toBe('format_invalid_utf8');
      expect(e.position?.byte).toBe(at);
      expect(e.message).toContain('a point name is not valid UTF-8');
    }
  });

  it('keeps a leading byte-order mark in a name (so rewriting is lossless)', () => {
    const file = readPose(
      header(0.2, [{ ...comp, points: ['\ufeffa', 'b'] }])
        .f32(25)
        .u32(0)
        .u16(1)
        .bytes(),
    );
    expect(file.header.components[0]!.points[0]).toBe('\ufeffa');
  });

  it('rejects an empty point format with badFormat', () => {
    const e = caught(() =>
      readPose(
        header(0.2, [{ ...comp, format: '' }])
          .f32(25)
          .u32(0)
          .u16(1)
          .bytes(),
      ),
    );
    expect(e.code).toBe('format_invalid');
    expect(e.message).toContain('component 0 "body": the point format is empty');
  });

  it('keeps the stored frame count when a frame holds no values (0 people), allocating nothing', () => {
    const file = readPose(header(0.2, [comp]).f32(25).u32(0xffffffff).u16(0).bytes());
    expect([file.body.frames, file.body.people, file.body.data.length]).toEqual([0xffffffff, 0, 0]);
  });

  it('v0.0: pads frames with fewer people with confidence 0, drops ids, zero-fills missing axes', () => {
    const comps: Comp[] = [comp, { name: 'head', format: 'XYZC', points: ['c'] }];
    const s = header(0, comps).u16(24).u16(3);
    const person = (id: number, base: number): void => {
      s.i16(id);
      s.f32(base + 1)
        .f32(base + 2)
        .f32(0.5); // a: X Y C
      s.f32(base + 3)
        .f32(base + 4)
        .f32(0.25); // b
      s.f32(base + 5)
        .f32(base + 6)
        .f32(base + 7)
        .f32(1); // c: X Y Z C
    };
    s.u16(0); // frame 0: nobody
    s.u16(2);
    person(-7, 10);
    person(3, 20); // frame 1: two people
    s.u16(1);
    person(0, 30); // frame 2: one person
    const { body } = readPose(s.bytes());
    expect([body.fps, body.frames, body.people, body.dims]).toEqual([24, 3, 2, 3]);
    const conf = (f: number, p: number): number[] =>
      Array.from(body.confidence.subarray((f * 2 + p) * 3, (f * 2 + p + 1) * 3));
    const xyz = (f: number, p: number): number[] =>
      Array.from(body.data.subarray((f * 2 + p) * 9, (f * 2 + p + 1) * 9));
    expect(conf(0, 0)).toEqual([0, 0, 0]);
    expect(conf(0, 1)).toEqual([0, 0, 0]);
    expect(xyz(0, 1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(xyz(1, 0)).toEqual([11, 12, 0, 13, 14, 0, 15, 16, 17]);
    expect(conf(1, 1)).toEqual([0.5, 0.25, 1]);
    expect(xyz(2, 0)).toEqual([31, 32, 0, 33, 34, 0, 35, 36, 37]);
    expect(conf(2, 1)).toEqual([0, 0, 0]);
  });

  it('v0.0: refuses padding that would allocate far more than the file (tooLarge)', () => {
    // 65,535 frames; the first holds 65,535 people of one XYC point, the rest none: ~1 MB of file,
    // but 65,535 × 65,535 × 3 float32 values (51 GB) once padded.
    const s = header(0, [{ name: 'p', format: 'XYC', points: ['a'] }])
      .u16(25)
      .u16(0xffff);
    s.u16(0xffff);
    const person = new Uint8Array(2 + 12);
    for (let i = 0; i < 0xffff; i++) s.raw(person);
    for (let f = 1; f < 0xffff; f++) s.u16(0);
    const e = caught(() => readPose(s.bytes()));
    expect(e.code).toBe('format_too_large');
    expect(e.message).toMatch(/padding 65535 frames to 65535 people each would need \d+ bytes/);
  });

  it('v0.0: rejects a people count larger than the bytes that follow', () => {
    const s = header(0, [comp]).u16(25).u16(1).u16(40_000).i16(0);
    const e = caught(() => readPose(s.bytes()));
    expect(e.code).toBe('format_truncated');
    expect(e.message).toContain('body (v0.0) frame 0: the input ends early: 40000 people of 26 bytes each');
  });

  it('rejects what is not a Uint8Array', () => {
    expect(() => readPose('abc' as never)).toThrow(/readPose expects a Uint8Array, got string/);
    expect(() => readPose(new ArrayBuffer(8) as never)).toThrow(/got ArrayBuffer/);
  });

  it('names the source in the message and the position', () => {
    const e = caught(() => readPose(new Uint8Array(3), { source: 'clip.pose' }));
    expect(e.message).toBe(
      'header: the input ends early: the version needs 4 bytes but only 3 remain (at clip.pose, byte 0)',
    );
    expect(e.position).toEqual({ source: 'clip.pose', byte: 0 });
  });
});
