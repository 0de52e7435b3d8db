import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadTokenizer, parseBundleManifest } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/rejection.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { removeTempDirs, tempDir, tinyConfig, tinyDataset, tinyModel } from '../test-support/tiny-run.ts';
import { loadModelFromRun } from '../train/load-model.ts';
import { train } from '../train/trainer.ts';
import { exportBundle } from './export-bundle.ts';

let data: string;
let runs: string;
const quiet = { progress: 'none' as const, log: () => {} };

beforeAll(async () => {
  await useTestBackend();
  data = await tinyDataset();
  runs = await tempDir('runs');
  await train({ config: await tinyConfig(data, join(runs, 'mlsf')), ...quiet });
  await train({
    config: await tinyConfig(data, join(runs, 'stage1'), { model: tinyModel('p2lg-stage1'), steps: 4 }),
    ...quiet,
  });
  await train({
    config: await tinyConfig(data, join(runs, 'stage2'), { model: tinyModel('p2lg-stage2'), steps: 4 }),
    ...quiet,
  });
}, 120_000);
afterAll(removeTempDirs);

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('exportBundle', () => {
  it('writes an MLSF bundle whose manifest, digests, tokenizers and card match the run', async () => {
    const out = join(await tempDir('bundle'), 'mlsf');
    const result = await exportBundle({ checkpoint: join(runs, 'mlsf'), out });
    const manifest = parseBundleManifest(JSON.parse(await readFile(join(out, 'bundle.json'), 'utf8')));
    expect(manifest).toEqual(result.manifest);
    expect(manifest.mode).toBe('mlsf');
    expect(manifest.languages).toEqual(['ase', 'gsg']);
    expect(manifest.fps).toBe(10);
    expect(manifest.onnx).toEqual({ opset: 17, irVersion: 8, weights: 'float32' });
    const model = await loadModelFromRun(join(runs, 'mlsf'));
    const a = model.config.architecture;
    expect(manifest.decoding.pose).toMatchObject({
      input: 'text',
      dModel: a.dModel,
      heads: a.heads,
      decoderLayers: a.decoderLayers,
      maxTargetLength: a.maxTargetLength,
      frameWidth: 151,
      stopCounter: model.config.stopCounter,
    });
    let bytes = 0;
    for (const file of [...manifest.models, ...manifest.tokenizers]) {
      expect(await sha256(join(out, file.path)), file.path).toBe(file.sha256);
      bytes += (await readFile(join(out, file.path))).byteLength;
    }
    expect(result.bytes).toBe(bytes);
    for (const t of manifest.tokenizers) {
      const tokenizer = loadTokenizer(JSON.parse(await readFile(join(out, t.path), 'utf8')));
      expect(tokenizer.vocabSize).toBe(t.vocabSize);
      expect(tokenizer.toJSON()).toEqual(model.groupFor(t.language!).tokenizer.toJSON());
    }
    expect(manifest.modelCard.trainingData[0]?.licence).toBe('CC0-1.0');
    // Per-language provenance: the server tells users which languages were learnt from real signers.
    expect(manifest.modelCard.trainingData[0]).toMatchObject({
      kind: 'synthetic',
      languages: ['ase', 'gsg'],
    });
    expect(manifest.modelCard.licence).toBe('CC0-1.0');
    // The card names the run's folders without the training machine's paths.
    expect(manifest.modelCard.config.data).not.toMatch(/[\\/]/);
    expect(manifest.modelCard.config.outDir).not.toMatch(/[\\/]/);
    expect(manifest.modelCard.limitations.join(' ')).toMatch(/synthetic data only/);
    expect(manifest.modelCard.metrics[0]?.name).toBe('dtw');
    expect(Object.keys(manifest.promptTemplates ?? {})).toEqual(['ase', 'gsg']);
    model.dispose();
  });

  it('writes a Prompt2LangGloss bundle with the text → LangGloss graphs', async () => {
    const out = join(await tempDir('bundle'), 'p2lg');
    const { manifest } = await exportBundle({
      checkpoint: join(runs, 'stage2'),
      text2gloss: join(runs, 'stage1'),
      out,
      name: 'tiny-p2lg',
      licence: 'CC-BY-4.0',
    });
    expect(manifest.mode).toBe('p2lg');
    expect(manifest.models.map((m) => m.role).sort()).toEqual([
      'decoder-step',
      'encoder',
      'text2gloss-decoder-step',
      'text2gloss-encoder',
    ]);
    expect(manifest.decoding.pose.input).toBe('langGloss');
    expect(manifest.decoding.text2gloss?.input).toBe('prompt');
    const roles = manifest.tokenizers.map((t) => t.role);
    expect(roles).toContain('langgloss');
    expect(roles).toContain('source');
    expect(manifest.modelCard).toMatchObject({ name: 'tiny-p2lg', licence: 'CC-BY-4.0' });
    for (const file of manifest.models) expect(await sha256(join(out, file.path))).toBe(file.sha256);
  });

  it('refuses to overwrite unless asked, and replaces the folder when asked', async () => {
    const out = join(await tempDir('bundle'), 'existing');
    await exportBundle({ checkpoint: join(runs, 'mlsf'), out });
    await writeFile(join(out, 'marker.txt'), 'keep me');
    await rejection(exportBundle({ checkpoint: join(runs, 'mlsf'), out }), 'invalid_argument', /--overwrite/);
    expect(existsSync(join(out, 'marker.txt'))).toBe(true);
    await exportBundle({ checkpoint: join(runs, 'mlsf'), out, overwrite: true });
    expect(existsSync(join(out, 'marker.txt'))).toBe(false);
    expect(existsSync(join(out, 'bundle.json'))).toBe(true);
  });

  it('refuses runs that cannot be a bundle, with a message that says what to do', async () => {
    const dir = await tempDir('bundle');
    await rejection(
      exportBundle({ checkpoint: join(runs, 'stage1'), out: join(dir, 'a') }),
      'invalid_argument',
      /stage 1.*--text2gloss/,
    );
    await rejection(
      exportBundle({ checkpoint: join(runs, 'mlsf'), text2gloss: join(runs, 'stage1'), out: join(dir, 'b') }),
      'invalid_argument',
      /not an MLSF run/,
    );
    await rejection(
      exportBundle({ checkpoint: join(runs, 'stage2'), text2gloss: join(runs, 'mlsf'), out: join(dir, 'c') }),
      'invalid_argument',
      /not a stage 1/,
    );
    await rejection(
      exportBundle({ checkpoint: join(dir, 'nothing'), out: join(dir, 'd') }),
      'invalid_argument',
      /no checkpoint/,
    );
    await rejection(
      exportBundle({
        checkpoint: join(runs, 'mlsf'),
        data: join(dir, 'no-such-dataset'),
        out: join(dir, 'e'),
      }),
      'invalid_argument',
      /--data/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});
