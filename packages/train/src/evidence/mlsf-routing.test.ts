/**
 * Evidence for the Multi-Language Switching Framework on a synthetic ASL + DGS corpus whose two
 * lexicons sign the same concepts with different motion primitives:
 * - growing a model by a language (`initFrom` + `languages: ['gsg']`) leaves the existing ASL group's
 *   weights bit-identical;
 * - routing: for a test sentence of language A, the A group fed A's glosses produces a motion closer
 *   (PT DTW, ground-truth timing, scored by `scoreRow` like `evaluatePoseModel`) to the true A
 *   sequence than the B group fed the equivalent glosses of B (same concepts, same order) does — in
 *   both directions, so each group produces its own language's motion for the same content.
 * Only sentences made of concepts both lexicons have are kept (seed 6, eight concepts each: four
 * shared), so both groups know every concept they are asked to sign.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSynthLexicon, type DatasetRow, synthDataset } from '@signllm/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreRow } from '../eval/evaluate-pose-model.ts';
import { rewriteDataset } from '../test-support/rewrite-dataset.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { loadModelFromRun } from '../train/load-model.ts';
import { type EffectiveTrainConfig, resolveTrainConfig } from '../train/load-train-config.ts';
import type { SignModel } from '../train/sign-model.ts';
import { train } from '../train/trainer.ts';

const SEED = 6;
const LEXICON = 8;
const LANGUAGES = ['ase', 'gsg'] as const;

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** gloss → concept and concept → gloss of each language's lexicon. */
function lexicons(): Record<string, { concept: Map<string, string>; gloss: Map<string, string> }> {
  const out: Record<string, { concept: Map<string, string>; gloss: Map<string, string> }> = {};
  for (const language of LANGUAGES) {
    const entries = createSynthLexicon(language, { seed: SEED, size: LEXICON }).entries;
    out[language] = {
      concept: new Map(entries.map((e) => [e.gloss, e.concept])),
      gloss: new Map(entries.map((e) => [e.concept, e.gloss])),
    };
  }
  return out;
}

async function config(
  data: string,
  outDir: string,
  languages: string[],
  initFrom?: string,
): Promise<EffectiveTrainConfig> {
  return resolveTrainConfig(
    {
      data,
      outDir,
      ...(initFrom ? { initFrom } : {}),
      model: {
        mode: 'mlsf',
        languages,
        input: 'gloss',
        architecture: {
          encoderLayers: 1,
          decoderLayers: 1,
          dModel: 32,
          heads: 4,
          ffnSize: 64,
          dropout: 0,
          maxSourceLength: 8,
          maxTargetLength: 80,
        },
        tokenizers: { source: { kind: 'word', vocabSize: 40, lowercase: false } },
        augmentations: { justCounter: true },
      },
      steps: 250,
      batchSize: 8,
      learningRate: 3e-3,
      lrSchedule: { minLr: 1e-5 },
      validateEvery: 250,
      checkpointEvery: 250,
      logEvery: 50,
      seed: 27,
      validation: { split: 'none' },
      backend: 'wasm',
    },
    {},
    '.',
  );
}

describe('evidence: MLSF language groups', () => {
  let root = '';
  let data = '';
  const testRows: DatasetRow[] = [];
  const lex = lexicons();
  let shared: string[] = [];

  beforeAll(async () => {
    await useTestBackend();
    root = await mkdtemp(join(tmpdir(), 'signllm-evidence-mlsf-'));
    const full = join(root, 'synth');
    await synthDataset({
      out: full,
      languages: [...LANGUAGES],
      sequences: 600,
      seed: SEED,
      fps: 10,
      glossesPerSentence: [2, 2],
      lexiconSize: LEXICON,
      shardRows: 64,
    });
    shared = [...lex.ase!.gloss.keys()].filter((c) => lex.gsg!.gloss.has(c));
    data = join(root, 'shared-concepts');
    const kept: Record<string, number> = {};
    await rewriteDataset(full, data, {
      name: 'shared-concepts',
      map: (row) => {
        const concepts = row.gloss.split(' ').map((g) => lex[row.language]!.concept.get(g)!);
        if (!concepts.every((c) => shared.includes(c))) return undefined;
        // Every fourth kept sentence of a language is a test sentence.
        const n = (kept[row.language] ?? 0) + 1;
        kept[row.language] = n;
        const moved = { ...row, split: n % 4 === 0 ? 'test' : 'train' };
        if (moved.split === 'test') testRows.push(moved);
        return moved;
      },
    });
  }, 60_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('the two lexicons share concepts but sign them differently', () => {
    expect(shared.length).toBeGreaterThanOrEqual(4);
    for (const concept of shared) expect(lex.ase!.gloss.get(concept)).not.toBe(lex.gsg!.gloss.get(concept));
    for (const language of LANGUAGES)
      expect(testRows.filter((r) => r.language === language).length).toBeGreaterThanOrEqual(8);
  });

  let grown: SignModel | undefined;

  it('adding a language with initFrom leaves the existing group bit-identical', async () => {
    const started = performance.now();
    const first = await train({
      config: await config(data, join(root, 'ase'), ['ase']),
      progress: 'none',
      log: () => {},
    });
    const second = await train({
      config: await config(data, join(root, 'ase+gsg'), ['gsg'], first.runDir),
      progress: 'none',
      log: () => {},
    });
    const before = await loadModelFromRun(first.runDir);
    grown = await loadModelFromRun(second.runDir);
    try {
      expect([...before.groups.keys()]).toEqual(['ase']);
      expect([...grown.groups.keys()].sort()).toEqual(['ase', 'gsg']);
      const after = new Map(grown.toWeights().map((w) => [w.name, w]));
      const aseWeights = before.toWeights();
      expect(aseWeights.length).toBeGreaterThan(0);
      for (const w of aseWeights) {
        expect(w.name.startsWith('ase/')).toBe(true);
        const same = after.get(w.name);
        expect(same?.shape).toEqual(w.shape);
        expect(
          Buffer.from(same!.data.buffer, same!.data.byteOffset, same!.data.byteLength).equals(
            Buffer.from(w.data.buffer, w.data.byteOffset, w.data.byteLength),
          ),
        ).toBe(true);
      }
      // the new group exists and knows the other language's glosses
      expect(grown.toWeights().some((w) => w.name.startsWith('gsg/'))).toBe(true);
      expect(grown.groupFor('gsg').tokenizer.encode(lex.gsg!.gloss.get(shared[0]!)!)).not.toContain(1);
    } finally {
      before.dispose();
    }
    console.info(
      `mlsf-routing: two runs of 250 steps in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 120_000);

  it("routing: each group produces its own language's motion for the same concepts", () => {
    const model = grown;
    if (!model) throw new Error('the initFrom test did not produce a model');
    try {
      for (const language of LANGUAGES) {
        const other = language === 'ase' ? 'gsg' : 'ase';
        const own: number[] = [];
        const routed: number[] = [];
        let wins = 0;
        for (const row of testRows.filter((r) => r.language === language)) {
          const equivalent = row.gloss
            .split(' ')
            .map((g) => lex[other]!.gloss.get(lex[language]!.concept.get(g)!)!)
            .join(' ');
          const a = scoreRow(model, row, ['ground-truth']).dtw!;
          // The other language's group, fed the same concepts in its own glosses, against this reference.
          const b = scoreRow(model, { ...row, language: other, gloss: equivalent }, ['ground-truth']).dtw!;
          own.push(a);
          routed.push(b);
          if (a < b) wins++;
        }
        console.info(
          `mlsf-routing: ${language} test sentences (${own.length}): DTW ${language} group ${mean(own).toFixed(3)} vs ${other} group ${mean(routed).toFixed(3)}; own group closer on ${wins}/${own.length}`,
        );
        expect(mean(own)).toBeLessThan(mean(routed));
        expect(wins / own.length).toBeGreaterThanOrEqual(0.8);
      }
    } finally {
      model.dispose();
    }
  });
});
