/**
 * Issue #5's parity contract: a bundle exported from a TensorFlow.js checkpoint produces the frames the
 * TensorFlow.js model produces (same inputs; free-running and ground-truth timing; MLSF and
 * Prompt2LangGloss), within 1e-4, on onnxruntime-node and on onnxruntime-web (in Node).
 */
import {
  framesToPoseSequence,
  type GeneratedFrame,
  type GenerationSummary,
  glossToLangGloss,
  type InferenceRuntime,
  loadBundle,
  retagLangGloss,
  type SignBundle,
} from '@signllm/core';
import { formatLangGloss, toLangGloss } from '@signllm/data';
import { createNodeRuntime, directoryBundleSource } from '@signllm/serve';
import { encodeSource, loadModelFromRun, type SignModel, translateToLangGloss } from '@signllm/train';
import { createWebRuntime } from '@signllm/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildParityFixture, maxAbsDiff, type ParityFixture, removeParityFixture } from './parity-fixture.ts';

const TOLERANCE = 1e-4;
const MAX_FRAMES = 100;

let f: ParityFixture;
let mlsf: SignModel;
let stage1: SignModel;
let stage2: SignModel;

beforeAll(async () => {
  f = await buildParityFixture();
  mlsf = await loadModelFromRun(f.runs.mlsf);
  stage1 = await loadModelFromRun(f.runs.stage1);
  stage2 = await loadModelFromRun(f.runs.stage2);
}, 600_000);

afterAll(async () => {
  mlsf?.dispose();
  stage1?.dispose();
  stage2?.dispose();
  await removeParityFixture(f);
});

async function collect(
  gen: AsyncGenerator<GeneratedFrame, GenerationSummary>,
): Promise<{ frames: Float32Array; summary: GenerationSummary }> {
  const rows: number[] = [];
  for (;;) {
    const next = await gen.next();
    if (next.done) return { frames: Float32Array.from(rows), summary: next.value };
    rows.push(...next.value.values, next.value.counter);
  }
}

function inputCounters(frames: number): Float32Array {
  return Float32Array.from({ length: frames }, (_, t) => t / frames);
}

it("core's gloss → LangGloss equals the data pipeline's (the training data's LangGloss)", () => {
  const glosses = [
    'REGEN MORGEN',
    '  WIND\tNORD ',
    'A\u200bB\ufeffC',
    'IX-1 __ON__ HOUSE+BIG',
    'ÄHNLICH GROẞ',
  ];
  for (const gloss of glosses) {
    for (const language of ['ase', 'gsg']) {
      expect(glossToLangGloss(gloss, language)).toBe(formatLangGloss(toLangGloss(language, gloss)));
    }
  }
});

const RUNTIMES: Array<[string, () => InferenceRuntime]> = [
  ['onnxruntime-node', () => createNodeRuntime({ threads: 2 })],
  ['onnxruntime-web', () => createWebRuntime({ threads: 2 })],
];

describe.each(RUNTIMES)('bundle on %s equals the TensorFlow.js model', (_name, makeRuntime) => {
  let bundle: SignBundle;
  let p2lg: SignBundle;
  beforeAll(async () => {
    bundle = await loadBundle(directoryBundleSource(f.bundles.mlsf), makeRuntime());
    p2lg = await loadBundle(directoryBundleSource(f.bundles.p2lg), makeRuntime());
  }, 120_000);
  afterAll(async () => {
    await bundle?.release();
    await p2lg?.release();
  });

  it('MLSF, free-running: same frames, same length, same stop', async () => {
    let compared = 0;
    for (const language of ['ase', 'gsg']) {
      const group = mlsf.groupFor(language);
      for (const row of f.rows[language] ?? []) {
        const ids = encodeSource(group.tokenizer, row.text, mlsf.config.architecture.maxSourceLength);
        const ref = group.net.generate(ids, { maxFrames: MAX_FRAMES, stopCounter: mlsf.config.stopCounter });
        const got = await collect(
          bundle.generate({ input: row.text, inputType: 'text', language, maxFrames: MAX_FRAMES }),
        );
        expect(got.summary.stoppedBy, row.id).toBe(ref.stoppedBy);
        expect(got.frames.length, row.id).toBe(ref.frames.length);
        expect(maxAbsDiff(got.frames, ref.frames), row.id).toBeLessThanOrEqual(TOLERANCE);
        compared++;
      }
    }
    expect(compared).toBe(6);
  });

  it('MLSF, ground-truth timing: same frames', async () => {
    for (const language of ['ase', 'gsg']) {
      const group = mlsf.groupFor(language);
      for (const row of f.rows[language] ?? []) {
        const counters = inputCounters(row.sequence.frames);
        const ids = encodeSource(group.tokenizer, row.text, mlsf.config.architecture.maxSourceLength);
        const ref = group.net.generate(ids, { maxFrames: counters.length, groundTruthCounters: counters });
        const got = await collect(
          bundle.generate({ input: row.text, inputType: 'text', language, groundTruthCounters: counters }),
        );
        expect(got.summary).toMatchObject({ stoppedBy: 'length', frames: row.sequence.frames });
        expect(maxAbsDiff(got.frames, ref.frames), row.id).toBeLessThanOrEqual(TOLERANCE);
      }
    }
  });

  it('Prompt2LangGloss, gloss input: same frames (free-running and ground-truth timing)', async () => {
    const shared = stage2.groupFor('ase');
    for (const language of ['ase', 'gsg']) {
      for (const row of f.rows[language] ?? []) {
        const langGloss = formatLangGloss(toLangGloss(language, row.gloss));
        const ids = encodeSource(shared.tokenizer, langGloss, stage2.config.architecture.maxSourceLength);
        const ref = shared.net.generate(ids, {
          maxFrames: MAX_FRAMES,
          stopCounter: stage2.config.stopCounter,
        });
        const got = await collect(
          p2lg.generate({ input: row.gloss, inputType: 'gloss', language, maxFrames: MAX_FRAMES }),
        );
        expect(got.summary.langGloss).toBe(langGloss);
        expect(got.frames.length, row.id).toBe(ref.frames.length);
        expect(maxAbsDiff(got.frames, ref.frames), row.id).toBeLessThanOrEqual(TOLERANCE);
        const counters = inputCounters(row.sequence.frames);
        const refGt = shared.net.generate(ids, { maxFrames: counters.length, groundTruthCounters: counters });
        const gotGt = await collect(
          p2lg.generate({ input: row.gloss, inputType: 'gloss', language, groundTruthCounters: counters }),
        );
        expect(maxAbsDiff(gotGt.frames, refGt.frames), row.id).toBeLessThanOrEqual(TOLERANCE);
      }
    }
  });

  it('Prompt2LangGloss, prompt input: the same LangGloss (greedy and beam 3), then the same frames', async () => {
    const shared = stage2.groupFor('ase');
    for (const language of ['ase', 'gsg']) {
      for (const row of f.rows[language] ?? []) {
        for (const beamSize of [1, 3]) {
          const refGloss = retagLangGloss(translateToLangGloss(stage1, row.prompt, beamSize), language);
          const gotGloss = await p2lg.translateToLangGloss(row.prompt, language, { beamSize });
          expect(gotGloss, `${row.id} beam ${beamSize}`).toBe(refGloss);
        }
        const langGloss = retagLangGloss(translateToLangGloss(stage1, row.prompt, 1), language);
        expect(langGloss.trim(), row.id).not.toBe('');
        const ids = encodeSource(shared.tokenizer, langGloss, stage2.config.architecture.maxSourceLength);
        const ref = shared.net.generate(ids, {
          maxFrames: MAX_FRAMES,
          stopCounter: stage2.config.stopCounter,
        });
        const got = await collect(
          p2lg.generate({ input: row.prompt, inputType: 'prompt', language, maxFrames: MAX_FRAMES }),
        );
        expect(got.summary.langGloss).toBe(langGloss);
        expect(maxAbsDiff(got.frames, ref.frames), row.id).toBeLessThanOrEqual(TOLERANCE);
        // Text input reaches the prompt-trained stage 1 inside the language's first template.
        const template = p2lg.manifest.promptTemplates?.[language]?.[0] ?? '';
        expect(template).toContain('{}');
        const wrapped = retagLangGloss(
          translateToLangGloss(stage1, template.replace('{}', row.text), 1),
          language,
        );
        expect(await p2lg.translateToLangGloss(template.replace('{}', row.text), language)).toBe(wrapped);
        const fromText = p2lg.generate({ input: row.text, inputType: 'text', language, maxFrames: 2 });
        let last = await fromText.next();
        while (!last.done) last = await fromText.next();
        expect(last.value.langGloss).toBe(wrapped);
      }
    }
  });

  it('frames become a prompt2sign-50 pose sequence at the bundle frame rate', async () => {
    const row = f.rows.ase![0]!;
    const frames: GeneratedFrame[] = [];
    for await (const frame of bundle.generate({
      input: row.text,
      inputType: 'text',
      language: 'ase',
      maxFrames: 20,
    })) {
      frames.push(frame);
    }
    const pose = framesToPoseSequence(frames, bundle.manifest.fps);
    expect(pose.frames).toBe(frames.length);
    expect(pose.fps).toBe(12);
    expect(pose.skeleton.name).toBe('prompt2sign-50');
    expect([...pose.data.subarray(0, 150)]).toEqual([...frames[0]!.values]);
  });
});
