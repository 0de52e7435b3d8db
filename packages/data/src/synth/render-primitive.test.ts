import { describe, expect, it } from 'vitest';
import type { Sample } from '../sample.ts';
import { createSynthCorpus } from './create-synth-corpus.ts';
import type { SynthLexicon } from './create-synth-lexicon.ts';
import { renderPrimitive } from './render-primitive.ts';
import type { SynthSegment } from './render-sentence.ts';

const FRAMES = 16;
/** Arm and hand joints (everything but nose, neck, shoulders). */
const JOINTS = Array.from({ length: 50 }, (_, j) => j).filter((j) => ![0, 1, 2, 5].includes(j));

/** A segment's frames linearly resampled to FRAMES frames (written here, independent of the generator). */
function resampleSegment(sample: Sample, segment: SynthSegment): Float64Array {
  const { data } = sample.sequence;
  const out = new Float64Array(FRAMES * 150);
  const n = segment.end - segment.start;
  for (let k = 0; k < FRAMES; k++) {
    const t = (k / (FRAMES - 1)) * (n - 1);
    const f0 = Math.floor(t);
    const f1 = Math.min(n - 1, f0 + 1);
    const w = t - f0;
    for (let i = 0; i < 150; i++) {
      out[k * 150 + i] =
        (1 - w) * data[(segment.start + f0) * 150 + i]! + w * data[(segment.start + f1) * 150 + i]!;
    }
  }
  return out;
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let f = 0; f < FRAMES; f++) {
    for (const j of JOINTS) {
      const at = f * 150 + j * 3;
      sum += Math.hypot(a[at]! - b[at]!, a[at + 1]! - b[at + 1]!, a[at + 2]! - b[at + 2]!);
    }
  }
  return sum / (FRAMES * JOINTS.length);
}

/** Share of segments whose nearest lexicon primitive is their own concept. */
function accuracy(results: { sample: Sample; segments: SynthSegment[] }[], lexicon: SynthLexicon): number {
  const templates = lexicon.entries.map((e) => ({
    concept: e.concept,
    motion: renderPrimitive(e.primitive, FRAMES),
  }));
  let right = 0;
  let total = 0;
  for (const { sample, segments } of results) {
    for (const s of segments) {
      const motion = resampleSegment(sample, s);
      let best = templates[0]!;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (const t of templates) {
        const d = distance(motion, t.motion);
        if (d < bestDistance) [best, bestDistance] = [t, d];
      }
      if (best.concept === s.concept) right++;
      total++;
    }
  }
  return right / total;
}

describe('learnability: gloss segments can be told apart by their motion', () => {
  const corpus = createSynthCorpus({ languages: ['ase', 'gsg', 'kvk'], sequences: 150, seed: 31 });
  const results = Array.from({ length: 150 }, (_, i) => corpus.sample(i));
  const of = (code: string) => results.filter((r) => r.sample.language === code);

  it('recovers the gloss of clean segments by the nearest primitive (> 95 %)', () => {
    for (const code of ['ase', 'gsg', 'kvk']) {
      const own = of(code);
      expect(own.reduce((n, r) => n + r.segments.length, 0)).toBeGreaterThan(150);
      expect(accuracy(own, corpus.lexicon(code)), code).toBeGreaterThan(0.95);
    }
  });

  it('fails with another language’s lexicon: languages sign the same concept differently', () => {
    expect(accuracy(of('ase'), corpus.lexicon('gsg'))).toBeLessThan(0.3);
  });
});
