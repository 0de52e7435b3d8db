/**
 * The shared fixture of the parity tests: a small synthetic dataset, the tiny configs of
 * packages/train/configs trained for a few dozen steps (MLSF, Prompt2LangGloss stage 1 and 2), their
 * exported bundles, and the rows to translate. Built once per test file in a temp folder.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatasetRow, openDataset, synthDataset } from '@signllm/data';
import { exportBundle, resolveTrainConfig, selectBackend, train } from '@signllm/train';

const CONFIGS = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'packages',
  'train',
  'configs',
);

/** Paths and rows of the fixture. */
export interface ParityFixture {
  dir: string;
  data: string;
  runs: { mlsf: string; stage1: string; stage2: string };
  bundles: { mlsf: string; p2lg: string; mlsfInt8: string; p2lgInt8: string };
  /** Three held-out rows per language (test split, then dev). */
  rows: Record<string, DatasetRow[]>;
}

/** Trains a tiny config of packages/train/configs on `data` for `steps` steps into `outDir` (wasm). */
export async function trainTiny(config: string, data: string, outDir: string, steps: number): Promise<void> {
  const json = JSON.parse(await readFile(join(CONFIGS, config), 'utf8')) as Record<string, unknown>;
  const resolved = await resolveTrainConfig(
    { ...json, data, outDir, steps, validateEvery: steps, checkpointEvery: steps, backend: 'wasm' },
    {},
    '.',
  );
  await train({ config: resolved, progress: 'none', log: () => {} });
}

/**
 * Builds the fixture (about half a minute on two cores).
 *
 * @example
 * ```ts
 * let f: ParityFixture; beforeAll(async () => { f = await buildParityFixture(); }, 300_000);
 * ```
 */
export async function buildParityFixture(): Promise<ParityFixture> {
  await selectBackend('wasm');
  const dir = await mkdtemp(join(tmpdir(), 'signllm-parity-'));
  const data = join(dir, 'synth');
  await synthDataset({ out: data, languages: ['ase', 'gsg'], sequences: 80, seed: 11, fps: 12 });
  const runs = { mlsf: join(dir, 'mlsf'), stage1: join(dir, 'stage1'), stage2: join(dir, 'stage2') };
  await trainTiny('tiny-mlsf.json', data, runs.mlsf, 60);
  await trainTiny('tiny-p2lg-stage1.json', data, runs.stage1, 60);
  await trainTiny('tiny-p2lg-stage2.json', data, runs.stage2, 40);
  const bundles = {
    mlsf: join(dir, 'bundle-mlsf'),
    p2lg: join(dir, 'bundle-p2lg'),
    mlsfInt8: join(dir, 'bundle-mlsf-int8'),
    p2lgInt8: join(dir, 'bundle-p2lg-int8'),
  };
  await exportBundle({ checkpoint: runs.mlsf, out: bundles.mlsf });
  await exportBundle({ checkpoint: runs.stage2, text2gloss: runs.stage1, out: bundles.p2lg });
  await exportBundle({ checkpoint: runs.mlsf, out: bundles.mlsfInt8, weights: 'int8' });
  await exportBundle({
    checkpoint: runs.stage2,
    text2gloss: runs.stage1,
    out: bundles.p2lgInt8,
    weights: 'int8',
  });
  const reader = await openDataset(data);
  const rows: Record<string, DatasetRow[]> = { ase: [], gsg: [] };
  for (const split of ['test', 'dev']) {
    for await (const row of reader.rows({ split })) {
      const list = rows[row.language];
      if (list && list.length < 3) list.push(row);
    }
  }
  return { dir, data, runs, bundles, rows };
}

/** Removes the fixture's folder. */
export async function removeParityFixture(f: ParityFixture | undefined): Promise<void> {
  if (f) await rm(f.dir, { recursive: true, force: true });
}

/** The largest absolute difference between two equally long arrays (Infinity when the lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return m;
}
