/**
 * Helper of `bundle-inference.bench.ts`, run in a child process so that the benchmark process never
 * loads TensorFlow.js (with its wasm backend loaded, onnxruntime-node decoding ran about 1.7× slower
 * in the same process here). Builds the Base bundle through the real export path (checkpoint →
 * `exportBundle`), times TensorFlow.js's own cached `generate` on the same input, and prints one JSON
 * line: `{ "bundleDir", "int8BundleDir", "ids", "tfjsMs" }` (the int8 bundle: `exportBundle(..., weights: 'int8')`).
 *
 * Usage: `tsx bundle-bench-base.ts <dir> <frames> <sentence> [--never-stop]`
 *
 * `--never-stop` (used by `web-browser.bench.ts`, which cannot pass a stop threshold through the web
 * app): the exported bundles get zeros in the counter column of the decoder's output projection
 * (`…/decoder/output/w`, no bias), so the predicted counter is always 0 and free-running generation
 * always runs to `maxTargetLength`. The work per frame is unchanged (the same matrix product); with
 * random weights the counter otherwise reaches the stop threshold at an arbitrary frame (the first, here).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ModelConfigSchema, trainTokenizer } from '../../../packages/core/src/index.ts';
import { synthDataset } from '../../../packages/data/src/index.ts';
import { encodeSource, exportBundle, SignModel, selectBackend } from '../../../packages/train/src/index.ts';
import { writeCheckpoint } from '../../../packages/train/src/run/index.ts';
import { BASE_ARCHITECTURE } from './bundle-bench-arch.ts';

const [dir, framesArg, sentence, flag] = process.argv.slice(2);
if (dir === undefined || framesArg === undefined || sentence === undefined) {
  throw new Error('usage: bundle-bench-base.ts <dir> <frames> <sentence>');
}
const frames = Number(framesArg);
await selectBackend('wasm');
const data = join(dir, 'data');
await synthDataset({ out: data, languages: ['ase'], sequences: 20, seed: 1, fps: 25 });
const tokenizer = trainTokenizer(
  [sentence, 'the sky is blue', 'where is the train station', 'it will rain in the south tomorrow'],
  { kind: 'word', vocabSize: 4000 },
);
const config = ModelConfigSchema.parse({
  mode: 'mlsf',
  languages: ['ase'],
  architecture: BASE_ARCHITECTURE,
  tokenizers: { source: { kind: 'word', vocabSize: 4000 } },
});
const model = SignModel.create(config, { ase: tokenizer }, 27);
const weights = model.toWeights();
if (flag === '--never-stop') {
  const outputs = weights.filter((w) => w.name.endsWith('/decoder/output/w'));
  if (outputs.length === 0) throw new Error('--never-stop: no …/decoder/output/w weight');
  for (const w of outputs) {
    const [rows, columns] = w.shape as [number, number];
    const data = Float32Array.from(w.data);
    for (let r = 0; r < rows; r++) data[r * columns + columns - 1] = 0;
    weights[weights.indexOf(w)] = { ...w, data };
  }
} else if (flag !== undefined) throw new Error(`unknown option ${flag}`);
const run = join(dir, 'run');
await writeCheckpoint(run, {
  step: 0,
  state: { model: model.state() },
  tensors: { weights },
});
const bundleDir = join(dir, 'bundle');
await exportBundle({ checkpoint: run, out: bundleDir, data });
await exportBundle({ checkpoint: run, out: join(dir, 'bundle-int8'), data, weights: 'int8' });
const group = model.groupFor('ase');
const ids = [...encodeSource(group.tokenizer, sentence, BASE_ARCHITECTURE.maxSourceLength)];
// Random weights never predict the end: an unreachable stop threshold makes every run `frames` long.
group.net.generate(Int32Array.from(ids), { maxFrames: frames, stopCounter: 1e9 });
const times: number[] = [];
for (let i = 0; i < 2; i++) {
  const t0 = performance.now();
  group.net.generate(Int32Array.from(ids), { maxFrames: frames, stopCounter: 1e9 });
  times.push(performance.now() - t0);
}
model.dispose();
process.stdout.write(
  `${JSON.stringify({ bundleDir, int8BundleDir: join(dir, 'bundle-int8'), ids, tfjsMs: Math.min(...times) })}\n`,
);
