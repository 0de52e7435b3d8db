/**
 * The built-in skeletons against the real `.pose` files they describe. A small reader written here,
 * independent of the project's `.pose` codec, parses the headers (and, for two checks, the body).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataBytes } from '../test-support/shared-data.ts';
import { HOLISTIC_178 } from './holistic-178.ts';
import { HOLISTIC_576, HOLISTIC_586 } from './holistic-576.ts';
import { HOLISTIC_178_NOSE } from './mappings.ts';
import { OPENPOSE_137 } from './openpose-137.ts';
import type { Skeleton } from './skeleton.ts';

interface HeaderComponent {
  name: string;
  format: string;
  points: string[];
  limbs: Array<[number, number]>;
  colors: Array<[number, number, number]>;
}
interface TestPose {
  version: number;
  components: HeaderComponent[];
  frames: number;
  points: number;
  dims: number;
  /** First person only: `[frames][points][dims]` and `[frames][points]`. */
  data: Float32Array;
  confidence: Float32Array;
}

function readTestPose(bytes: Uint8Array): TestPose {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = 0;
  const u16 = (): number => {
    o += 2;
    return view.getUint16(o - 2, true);
  };
  const str = (): string => {
    const n = u16();
    o += n;
    return new TextDecoder().decode(bytes.subarray(o - n, o));
  };
  const version = Math.round(view.getFloat32(0, true) * 1000) / 1000;
  o = 4 + 6;
  const components: HeaderComponent[] = [];
  for (let c = u16(); c > 0; c--) {
    const name = str();
    const format = str();
    const [np, nl, nc] = [u16(), u16(), u16()];
    const points = Array.from({ length: np }, str);
    const limbs = Array.from({ length: nl }, () => [u16(), u16()] as [number, number]);
    const colors = Array.from({ length: nc }, () => [u16(), u16(), u16()] as [number, number, number]);
    components.push({ name, format, points, limbs, colors });
  }
  const points = components.reduce((n, c) => n + c.points.length, 0);
  const dims = components[0]!.format.length - 1;
  let people: number;
  if (version === 0.2) {
    people = view.getUint16(o + 8, true);
    o += 10;
  } else {
    people = view.getUint16(o + 4, true);
    o += 6;
  }
  const frames = version === 0.0 ? 0 : Math.floor((bytes.length - o) / (people * points * (dims + 1) * 4));
  const data = new Float32Array(frames * points * dims);
  const confidence = new Float32Array(frames * points);
  for (let f = 0; f < frames; f++) {
    for (let j = 0; j < points * dims; j++) {
      data[f * points * dims + j] = view.getFloat32(o + (f * people * points * dims + j) * 4, true);
    }
    const c0 = o + frames * people * points * dims * 4;
    for (let j = 0; j < points; j++)
      confidence[f * points + j] = view.getFloat32(c0 + (f * people * points + j) * 4, true);
  }
  return { version, components, frames, points, dims, data, confidence };
}

/** The header a skeleton would write: components with their point names, local limbs, colours. */
function expectSkeletonMatchesHeader(s: Skeleton, header: HeaderComponent[]): void {
  expect(s.components.map((c) => [c.name, c.format, c.count])).toEqual(
    header.map((c) => [c.name, c.format, c.points.length]),
  );
  s.components.forEach((c, i) => {
    const h = header[i]!;
    expect(c.points ?? s.joints.slice(c.start, c.start + c.count), c.name).toEqual(h.points);
    const local = s.bones
      .filter(([a]) => a >= c.start && a < c.start + c.count)
      .map(([a, b]) => [a - c.start, b - c.start]);
    expect(local, `${c.name} limbs`).toEqual(h.limbs);
    const cycled = Array.from({ length: c.count }, (_, k) => h.colors[k % h.colors.length]);
    expect(s.colors.slice(c.start, c.start + c.count), `${c.name} colours`).toEqual(cycled);
  });
}

describeWithData('built-in skeletons equal the headers of real .pose files', () => {
  it('openpose-137 = pose-format openpose.pose (v0.0) and example.pose (v0.1)', () => {
    for (const file of ['openpose.pose', 'example.pose']) {
      expectSkeletonMatchesHeader(OPENPOSE_137, readTestPose(readDataBytes('pose-format', file)).components);
    }
  });

  it('holistic-178 = pose-format mediapipe.pose and the sgg lexicon files', () => {
    expectSkeletonMatchesHeader(
      HOLISTIC_178,
      readTestPose(readDataBytes('pose-format', 'mediapipe.pose')).components,
    );
    for (const file of readdirSync(dataPath('lexicon', 'sgg-dummy', 'sgg'))) {
      expectSkeletonMatchesHeader(
        HOLISTIC_178,
        readTestPose(readDataBytes('lexicon', 'sgg-dummy', 'sgg', file)).components,
      );
    }
  });

  it('holistic-586 = every fingerspelling file (ase and gsg)', () => {
    let n = 0;
    for (const lang of ['ase', 'gsg']) {
      for (const file of readdirSync(dataPath('fingerspelling', lang)).filter((f) => f.endsWith('.pose'))) {
        expectSkeletonMatchesHeader(
          HOLISTIC_586,
          readTestPose(readDataBytes('fingerspelling', lang, file)).components,
        );
        n++;
      }
    }
    expect(n).toBeGreaterThan(40);
  });

  it('holistic-576 = a holistic file without the 10 iris points and their limbs', () => {
    const dir = dataPath('fingerspelling', 'ase');
    const file = readdirSync(dir).find((f) => f.endsWith('.pose'))!;
    const header = readTestPose(readDataBytes('fingerspelling', 'ase', file)).components;
    const face = header[1]!;
    const withoutIrises = header.map((c) =>
      c === face
        ? { ...c, points: c.points.slice(0, 468), limbs: c.limbs.filter(([a, b]) => a < 468 && b < 468) }
        : c,
    );
    expect(face.limbs.length - withoutIrises[1]!.limbs.length).toBe(8);
    expectSkeletonMatchesHeader(HOLISTIC_576, withoutIrises);
  });
});

describeWithData('built-in skeleton semantics on real data', () => {
  const at = (p: TestPose, f: number, j: number): [number, number] => [
    p.data[(f * p.points + j) * p.dims]!,
    p.data[(f * p.points + j) * p.dims + 1]!,
  ];
  const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

  it('the holistic-178 nose estimate lands near MediaPipe NOSE on the fingerspelling lexicon', () => {
    const rule = HOLISTIC_178_NOSE as { joints: string[]; weights: number[] };
    // the estimate uses face points that holistic-178 keeps
    for (const j of rule.joints) expect(HOLISTIC_178.joints).toContain(j);
    const s = HOLISTIC_586;
    const idx = (n: string): number => s.joints.indexOf(n);
    const errors: number[] = [];
    for (const lang of ['ase', 'gsg']) {
      for (const file of readdirSync(dataPath('fingerspelling', lang)).filter((f) => f.endsWith('.pose'))) {
        const p = readTestPose(readDataBytes('fingerspelling', lang, file));
        for (let f = 0; f < p.frames; f++) {
          const used = ['POSE_NOSE', 'POSE_LEFT_SHOULDER', 'POSE_RIGHT_SHOULDER', ...rule.joints].map(idx);
          if (used.some((j) => !(p.confidence[f * p.points + j]! > 0))) continue;
          const est: [number, number] = [0, 0];
          rule.joints.forEach((n, k) => {
            const v = at(p, f, idx(n));
            est[0] += rule.weights[k]! * v[0];
            est[1] += rule.weights[k]! * v[1];
          });
          const shoulders = dist(at(p, f, idx('POSE_LEFT_SHOULDER')), at(p, f, idx('POSE_RIGHT_SHOULDER')));
          errors.push(dist(est, at(p, f, idx('POSE_NOSE'))) / shoulders);
        }
      }
    }
    expect(errors.length).toBeGreaterThan(500);
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    expect(mean).toBeLessThan(0.025);
    expect(Math.max(...errors)).toBeLessThan(0.1);
  });

  it('LEFT_HAND_LANDMARKS belongs to POSE_LEFT_WRIST (the signer’s own side), in holistic-178 data', () => {
    const p = readTestPose(readDataBytes('lexicon', 'sgg-dummy', 'sgg', 'essen.pose'));
    const s = HOLISTIC_178;
    const idx = (n: string): number => s.joints.indexOf(n);
    let same = 0;
    let crossed = 0;
    let n = 0;
    for (let f = 0; f < p.frames; f++) {
      const j = [idx('LEFT_WRIST'), idx('POSE_LEFT_WRIST'), idx('POSE_RIGHT_WRIST')];
      if (j.some((k) => !(p.confidence[f * p.points + k]! > 0))) continue;
      same += dist(at(p, f, j[0]!), at(p, f, j[1]!));
      crossed += dist(at(p, f, j[0]!), at(p, f, j[2]!));
      n++;
    }
    expect(n).toBeGreaterThan(10);
    expect(same / n).toBeLessThan((crossed / n) * 0.25);
  });
});

describe('holistic joint naming', () => {
  it('prefixes components: POSE_, FACE_, LEFT_/RIGHT_ hands, POSE_WORLD_', () => {
    const s = HOLISTIC_576;
    const first = s.components.map((c) => s.joints[c.start]);
    expect(first).toEqual(['POSE_NOSE', 'FACE_0', 'LEFT_WRIST', 'RIGHT_WRIST', 'POSE_WORLD_NOSE']);
    expect(HOLISTIC_178.joints.filter((j) => HOLISTIC_576.joints.includes(j))).toEqual(HOLISTIC_178.joints);
  });
});
