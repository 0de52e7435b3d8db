/**
 * Tests of `normalizeSequence` / `denormalizeSequence` on real sequences: each convention's defining
 * property, recomputed independently; exact round trips; and two independent checks against outside
 * numbers: the Progressive Transformers PHOENIX14T .skels data (already in the PT convention) and the
 * measured range of Prompt2Sign's normalisation step on the How2Sign sample clips (paper.md §6.2).
 */
import { readdirSync } from 'node:fs';
import {
  NormalisationSchema,
  openPoseFramesToSequence,
  type PoseSequence,
  parseSkels,
  poseFileToSequence,
  readPose,
  skelsToPoseSequence,
} from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { cleanSequence } from '../clean/clean-sequence.ts';
import { dataPath, describeWithData, readDataBytes, readDataText } from '../test-support/shared-data.ts';
import { denormalizeSequence } from './denormalize-sequence.ts';
import { NORMALISATION_METHODS, type NormalisationMethod } from './normalisation-methods.ts';
import { normalizeSequence } from './normalize-sequence.ts';

const HOW2SIGN = ['_2FBDaOPYig_2-3-rgb_front', '_2FBDaOPYig_2-5-rgb_front', '_2FBDaOPYig_3-3-rgb_front'];
const METHODS = NORMALISATION_METHODS.map((m) => m.method);

/** A How2Sign clip on prompt2sign-50 (pixels, y down), mapped and filtered but not interpolated. */
function how2sign(clip: string): PoseSequence {
  const names = readdirSync(dataPath('how2sign-openpose', clip)).filter((n) => n.endsWith('_keypoints.json'));
  const raw = openPoseFramesToSequence(
    names.map((name) => ({ name, content: readDataText('how2sign-openpose', clip, name) })),
  );
  return cleanSequence(raw, { interpolate: false }).sequence;
}

function phoenix(split: 'train' | 'dev'): PoseSequence[] {
  return parseSkels(readDataBytes('phoenix14t-sample', `${split}.skels`), { dialect: 'pt' }).map((s) =>
    skelsToPoseSequence(s, { dialect: 'pt' }),
  );
}

/** A fingerspelling clip (holistic-586, 3D, a hand absent throughout) on prompt2sign-50. */
function fingerspelling(): PoseSequence {
  const name = readdirSync(dataPath('fingerspelling', 'ase')).filter((n) => n.endsWith('.pose'))[0]!;
  const file = readPose(readDataBytes('fingerspelling', 'ase', name));
  return cleanSequence(poseFileToSequence(file), { interpolate: false }).sequence;
}

const at = (s: PoseSequence, f: number, j: number, d: number): number =>
  s.data[(f * s.joints + j) * s.dims + d]!;
const present = (s: PoseSequence, f: number, j: number): boolean => s.confidence[f * s.joints + j]! > 0;

/** Mean neck and mean shoulder width (over `axes` axes) over the frames where they are present. */
function neckAndWidth(s: PoseSequence, axes = s.dims): { neck: number[]; width: number } {
  const neck = new Array<number>(s.dims).fill(0);
  let nNeck = 0;
  let width = 0;
  let nWidth = 0;
  for (let f = 0; f < s.frames; f++) {
    if (present(s, f, 1)) {
      nNeck++;
      for (let d = 0; d < s.dims; d++) neck[d] = neck[d]! + at(s, f, 1, d);
    }
    if (present(s, f, 2) && present(s, f, 5)) {
      nWidth++;
      let sq = 0;
      for (let d = 0; d < axes; d++) sq += (at(s, f, 2, d) - at(s, f, 5, d)) ** 2;
      width += Math.sqrt(sq);
    }
  }
  return { neck: neck.map((v) => v / nNeck), width: width / nWidth };
}

/** Asserts `back` equals `orig` to float32 precision and missing points are untouched. */
function expectSame(orig: PoseSequence, back: PoseSequence): void {
  let bound = 0;
  for (const v of orig.data) bound = Math.max(bound, Math.abs(v));
  const tol = 2 ** -21 * Math.max(bound, 1e-30);
  expect(back.confidence).toEqual(orig.confidence);
  for (let i = 0; i < orig.data.length; i++) {
    const p = Math.floor(i / orig.dims);
    if (!(orig.confidence[p]! > 0)) expect(back.data[i]).toBe(orig.data[i]);
    else if (Math.abs(back.data[i]! - orig.data[i]!) > tol) expect(back.data[i]).toBe(orig.data[i]);
  }
}

describeWithData('normalisation conventions on real sequences', () => {
  const clips = HOW2SIGN.map(how2sign);
  const pt = [...phoenix('train'), ...phoenix('dev')];
  const spelled = fingerspelling();
  const all: Array<[string, PoseSequence]> = [
    ...HOW2SIGN.map((c, i) => [c, clips[i]!] as [string, PoseSequence]),
    ['phoenix dev 0 (3D)', pt[5]!],
    ['fingerspelling (3D, a hand missing)', spelled],
  ];

  it.each(all)('%s: every method round-trips exactly, also through JSON and the schema', (_, seq) => {
    for (const method of METHODS) {
      const { sequence, normalisation } = normalizeSequence(seq, method);
      expect(normalisation.method).toBe(method);
      expectSame(seq, denormalizeSequence(sequence, normalisation));
      const stored = NormalisationSchema.parse(JSON.parse(JSON.stringify(normalisation)));
      expectSame(seq, denormalizeSequence(sequence, stored));
    }
  });

  it('signllm: mean neck ≈ 0 and mean shoulder width ≈ 1 on How2Sign and PHOENIX, axes kept', () => {
    for (const seq of [...clips, ...pt, spelled]) {
      const before = neckAndWidth(seq);
      const { sequence, normalisation } = normalizeSequence(seq, 'signllm');
      const after = neckAndWidth(sequence);
      for (const v of after.neck) expect(Math.abs(v)).toBeLessThan(1e-5);
      expect(after.width).toBeCloseTo(1, 5);
      expect(normalisation.parameters.center).toEqual(before.neck.map((v) => expect.closeTo(v, 3)));
      expect(normalisation.parameters.scale).toBeCloseTo(before.width, 3);
      // No flip: the nose stays above the neck (y down: smaller y) in the first frame.
      expect(at(sequence, 0, 0, 1)).toBeLessThan(at(sequence, 0, 1, 1));
      expect(Math.sign(at(sequence, 0, 0, 1) - at(sequence, 0, 1, 1))).toBe(
        Math.sign(at(seq, 0, 0, 1) - at(seq, 0, 1, 1)),
      );
    }
  });

  it('signllm: missing points do not pull the statistics and stay as they were', () => {
    const { sequence } = normalizeSequence(spelled, 'signllm');
    let missing = 0;
    for (let p = 0; p < spelled.confidence.length; p++) {
      if (spelled.confidence[p]! > 0) continue;
      missing++;
      for (let d = 0; d < 3; d++) expect(sequence.data[p * 3 + d]).toBe(spelled.data[p * 3 + d]);
    }
    expect(missing).toBeGreaterThan(0);
    expect(neckAndWidth(sequence).width).toBeCloseTo(1, 5);
  });

  it('prompt2sign: zero-mean x and y, ÷ (pooled σ × 9), and the range Prompt2Sign measured on these clips', () => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const seq of clips) {
      const { sequence, normalisation } = normalizeSequence(seq, 'prompt2sign');
      expect(seq.dims).toBe(2);
      expect(normalisation.parameters.divisor).toBe(9);
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (let p = 0; p < sequence.confidence.length; p++) {
        if (!(sequence.confidence[p]! > 0)) continue;
        sx += sequence.data[p * 2]!;
        sy += sequence.data[p * 2 + 1]!;
        n++;
      }
      expect(Math.abs(sx / n)).toBeLessThan(1e-6);
      expect(Math.abs(sy / n)).toBeLessThan(1e-6);
      // The pipeline's σ² = Σ(x² + y²)/2N − μ², μ pooled over x and y, recomputed on the input. It
      // includes the gap between the x and y means, exactly as Prompt2Sign's pose2D.normalization does.
      let s1 = 0;
      let s2 = 0;
      for (let p = 0; p < seq.confidence.length; p++) {
        if (!(seq.confidence[p]! > 0)) continue;
        for (let d = 0; d < 2; d++) {
          const v = seq.data[p * 2 + d]!;
          s1 += v;
          s2 += v * v;
          const out = 9 * sequence.data[p * 2 + d]!;
          lo = Math.min(lo, out);
          hi = Math.max(hi, out);
        }
      }
      const sigma = Math.sqrt(s2 / (2 * n) - (s1 / (2 * n)) ** 2);
      expect(normalisation.parameters.scale).toBeCloseTo(sigma, 6);
    }
    // paper.md §6.2: on the sample How2Sign clips the normalised coordinates "fall in about [−1.7, 1.9]".
    expect(lo).toBeGreaterThan(-1.8);
    expect(lo).toBeLessThan(-1.6);
    expect(hi).toBeGreaterThan(1.8);
    expect(hi).toBeLessThan(2.0);
  });

  it('prompt2sign in 3D: z is divided by the same 9σ and not shifted', () => {
    const seq = pt[0]!;
    const { sequence, normalisation } = normalizeSequence(seq, 'prompt2sign');
    const k = (normalisation.parameters.scale as number) * 9;
    expect((normalisation.parameters.center as number[])[2]).toBe(0);
    for (let p = 0; p < 50; p++) expect(sequence.data[p * 3 + 2]).toBeCloseTo(seq.data[p * 3 + 2]! / k, 6);
  });

  it('progressive-transformers: reproduces the real PT PHOENIX14T data (already in that convention)', () => {
    for (const seq of pt) {
      // The PT data itself: neck at 0 and a 2D shoulder width of 1/3 in every frame.
      for (let f = 0; f < seq.frames; f++) {
        expect([at(seq, f, 1, 0), at(seq, f, 1, 1), at(seq, f, 1, 2)]).toEqual([0, 0, 0]);
        expect(
          Math.hypot(at(seq, f, 2, 0) - at(seq, f, 5, 0), at(seq, f, 2, 1) - at(seq, f, 5, 1)),
        ).toBeCloseTo(1 / 3, 4);
      }
      // So our convention must leave it unchanged, up to the 5 decimals the file was written with.
      const { sequence } = normalizeSequence(seq, 'progressive-transformers');
      let worst = 0;
      for (let i = 0; i < seq.data.length; i++)
        worst = Math.max(worst, Math.abs(sequence.data[i]! - seq.data[i]!));
      expect(worst).toBeLessThan(5e-5);
    }
  });

  it('progressive-transformers on How2Sign: per-frame neck at 0, 2D width 1/3, ranges like PHOENIX', () => {
    const range = (seqs: PoseSequence[], d: number): [number, number] => {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (const s of seqs) {
        for (let p = 0; p < s.confidence.length; p++) {
          if (!(s.confidence[p]! > 0)) continue;
          lo = Math.min(lo, s.data[p * s.dims + d]!);
          hi = Math.max(hi, s.data[p * s.dims + d]!);
        }
      }
      return [lo, hi];
    };
    const ours = clips.map((c) => normalizeSequence(c, 'progressive-transformers').sequence);
    for (const s of ours) {
      for (let f = 0; f < s.frames; f++) {
        expect(Math.abs(at(s, f, 1, 0)) + Math.abs(at(s, f, 1, 1))).toBe(0);
        expect(Math.hypot(at(s, f, 2, 0) - at(s, f, 5, 0), at(s, f, 2, 1) - at(s, f, 5, 1))).toBeCloseTo(
          1 / 3,
          6,
        );
      }
    }
    // Independent check: the PHOENIX data spans about [−0.44, 0.47] (x, y); ours must be of the same
    // order (upper-body signing, units of shoulder width ÷ 3), not pixels and not a different scale.
    for (const d of [0, 1]) {
      const [pLo, pHi] = range(pt, d);
      const [oLo, oHi] = range(ours, d);
      expect(pLo).toBeGreaterThan(-0.6);
      expect(pHi).toBeLessThan(0.6);
      expect(oLo).toBeGreaterThan(-0.6);
      expect(oHi).toBeLessThan(0.6);
      expect(oHi - oLo).toBeGreaterThan(0.5 * (pHi - pLo));
      expect(oHi - oLo).toBeLessThan(2 * (pHi - pLo));
    }
  });

  it('none: a copy with empty parameters', () => {
    const { sequence, normalisation } = normalizeSequence(clips[0]!, 'none');
    expect(normalisation).toEqual({ method: 'none', parameters: {} });
    expect(sequence.data).toEqual(clips[0]!.data);
    expect(sequence.data).not.toBe(clips[0]!.data);
  });
});

describe('NORMALISATION_METHODS', () => {
  it('lists the four conventions, the default first, each with a one-line description', () => {
    expect(METHODS).toEqual([
      'signllm',
      'prompt2sign',
      'progressive-transformers',
      'none',
    ] satisfies NormalisationMethod[]);
    for (const m of NORMALISATION_METHODS) {
      expect(m.description.length).toBeGreaterThan(10);
      expect(m.description).not.toContain('\n');
    }
  });
});
