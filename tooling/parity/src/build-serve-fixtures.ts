/**
 * Builds the small real model bundles that `@signllm/serve`'s tests run on onnxruntime-node
 * (`packages/serve/fixtures/bundles/{mlsf,p2lg}`), with the project's own commands: a synthetic
 * two-language corpus, the tiny configs trained for a few hundred steps, and `exportBundle` with int8
 * weights (about 4× smaller than float32; the server treats both alike).
 * Deterministic seeds; rerun after a bundle-format change:
 * `pnpm --filter @signllm/parity build:serve-fixtures`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { synthDataset } from '@signllm/data';
import { exportBundle, selectBackend } from '@signllm/train';
import { trainTiny } from './parity-fixture.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OUT = join(root, 'packages', 'serve', 'fixtures', 'bundles');

async function main(): Promise<void> {
  await selectBackend('wasm');
  const dir = await mkdtemp(join(tmpdir(), 'signllm-serve-fixtures-'));
  try {
    const data = join(dir, 'synth');
    await synthDataset({ out: data, languages: ['ase', 'gsg'], sequences: 160, seed: 11, fps: 12 });
    const runs = { mlsf: join(dir, 'mlsf'), stage1: join(dir, 'stage1'), stage2: join(dir, 'stage2') };
    console.log('training tiny-mlsf …');
    await trainTiny('tiny-mlsf.json', data, runs.mlsf, 300);
    console.log('training tiny-p2lg stage 1 …');
    await trainTiny('tiny-p2lg-stage1.json', data, runs.stage1, 300);
    console.log('training tiny-p2lg stage 2 …');
    await trainTiny('tiny-p2lg-stage2.json', data, runs.stage2, 300);
    const licence = 'MIT (synthetic test data made by @signllm/data synthDataset)';
    await exportBundle({
      checkpoint: runs.mlsf,
      out: join(OUT, 'mlsf'),
      name: 'serve-test-mlsf',
      licence,
      data,
      weights: 'int8',
      overwrite: true,
    });
    await exportBundle({
      checkpoint: runs.stage2,
      text2gloss: runs.stage1,
      out: join(OUT, 'p2lg'),
      name: 'serve-test-p2lg',
      licence,
      data,
      weights: 'int8',
      overwrite: true,
    });
    console.log(`wrote ${OUT}/{mlsf,p2lg}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
