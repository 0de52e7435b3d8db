import { describe, expect, it } from 'vitest';
import { createRng } from '../util/rng.ts';
import { createSynthLexicon, MIN_PRIMITIVE_DISTANCE } from './create-synth-lexicon.ts';
import { varyPrimitive } from './motion-primitive.ts';
import { motionDistance, renderPrimitive } from './render-primitive.ts';
import { SYNTH_CONCEPT_COUNT, SYNTH_LANGUAGES } from './vocabulary.ts';

const motions = (lexicon: ReturnType<typeof createSynthLexicon>): Float32Array[] =>
  lexicon.entries.map((e) => renderPrimitive(e.primitive, 16));

describe('createSynthLexicon', () => {
  it('builds one entry per concept with the spoken word and an UPPERCASE gloss', () => {
    const de = createSynthLexicon('GSL', { seed: 1 });
    expect(de.language).toBe('gsg');
    expect(de.spokenLanguage).toBe('de');
    expect(de.entries).toHaveLength(SYNTH_CONCEPT_COUNT);
    const house = de.entries.find((e) => e.concept === 'HOUSE')!;
    expect(house).toMatchObject({ gloss: 'HAUS', word: 'Haus', phrase: 'das Haus', pos: 'noun' });
    expect(de.entries.find((e) => e.concept === 'BIG')!.gloss).toBe('GROSS');
    const ch = createSynthLexicon('sgg', { seed: 1 });
    expect(ch.entries.find((e) => e.concept === 'HOSPITAL')!.gloss).toBe('SPITAL');
    const tr = createSynthLexicon('tsm', { seed: 1 });
    expect(tr.entries.find((e) => e.concept === 'HELP')!.gloss).toBe('YARDIM-ETMEK');
    const ko = createSynthLexicon('kvk', { seed: 1 });
    expect(ko.entries.find((e) => e.concept === 'SCHOOL')!.gloss).toBe('학교');
    for (const code of SYNTH_LANGUAGES) {
      const glosses = createSynthLexicon(code, { seed: 1 }).entries.map((e) => e.gloss);
      expect(new Set(glosses).size).toBe(glosses.length);
      for (const g of glosses) expect(g).toMatch(/^[^\sa-zà-ÿğış]+$/u);
    }
  });

  it('is deterministic in the seed and chooses a seeded subset for a smaller size', () => {
    const a = createSynthLexicon('ase', { seed: 4, size: 12 });
    const b = createSynthLexicon('ase', { seed: 4, size: 12 });
    const c = createSynthLexicon('ase', { seed: 5, size: 12 });
    expect(a.entries).toHaveLength(12);
    expect(b.entries.map((e) => e.concept)).toEqual(a.entries.map((e) => e.concept));
    expect(motions(b)).toEqual(motions(a));
    expect(c.entries.map((e) => e.concept)).not.toEqual(a.entries.map((e) => e.concept));
  });

  it('gives the same concept different primitives in different languages', () => {
    const ase = motions(createSynthLexicon('ase', { seed: 9 }));
    const gsg = motions(createSynthLexicon('gsg', { seed: 9 }));
    const distances = ase.map((m, i) => motionDistance(m, gsg[i]!));
    expect(distances.filter((d) => d > 0.1).length).toBeGreaterThan(ase.length * 0.9);
  });

  it('keeps primitives far apart compared with how much one primitive varies between renditions', () => {
    const rng = createRng(77);
    for (const code of ['ase', 'kvk']) {
      const lexicon = createSynthLexicon(code, { seed: 2 });
      const rendered = motions(lexicon);
      let between = Number.POSITIVE_INFINITY;
      for (let i = 0; i < rendered.length; i++) {
        for (let j = i + 1; j < rendered.length; j++)
          between = Math.min(between, motionDistance(rendered[i]!, rendered[j]!));
      }
      let within = 0;
      lexicon.entries.forEach((e, i) => {
        for (let k = 0; k < 4; k++) {
          const varied = renderPrimitive(varyPrimitive(e.primitive, rng, rng.uniform(0.9, 1.1)), 16);
          within = Math.max(within, motionDistance(varied, rendered[i]!));
        }
      });
      expect(between).toBeGreaterThanOrEqual(MIN_PRIMITIVE_DISTANCE * 0.999);
      expect(between).toBeGreaterThan(3 * within);
    }
  });

  it('uses a mix of sign types, repetitions and durations', () => {
    const entries = createSynthLexicon('slf', { seed: 3 }).entries;
    const kinds = new Set(entries.map((e) => e.primitive.kind));
    expect(kinds).toEqual(new Set(['one-handed', 'symmetric', 'two-handed']));
    expect(entries.some((e) => e.primitive.repetitions > 1)).toBe(true);
    expect(entries.some((e) => e.primitive.handShapes[0] !== e.primitive.handShapes[1])).toBe(true);
    for (const e of entries) {
      expect(e.primitive.frames).toBeGreaterThanOrEqual(10);
      expect(e.primitive.frames).toBeLessThanOrEqual(50);
    }
  });
});
