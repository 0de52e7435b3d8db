#!/usr/bin/env node
/**
 * `pnpm demo [files…]`: the main job of the project so far, on real sign-language data. With no
 * arguments and ../shared/data beside the clone: builds a 3D dataset from the How2Sign OpenPose clips
 * (clean, lift 2D→3D, normalise, prompts, Parquet), prints its statistics, generates a small synthetic
 * multilingual corpus, and inspects the PHOENIX14T sample. With files: `signllm-data inspect` on them.
 * Outputs go to demo-output/ (git-ignored).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'packages', 'data', 'bin', 'signllm-data.js');
const data = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(root, '..', 'shared', 'data'));
const out = join(root, 'demo-output');

function run(...args) {
  console.log(
    `\n$ signllm-data ${args.map((a) => a.replace(`${data}/`, '../shared/data/').replace(`${root}/`, '')).join(' ')}`,
  );
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const inputs = process.argv.slice(2).filter((a) => a !== '--');
if (inputs.length > 0) {
  run('inspect', ...inputs);
  process.exit(0);
}
const h2s = join(data, 'how2sign-openpose');
if (!existsSync(h2s)) {
  console.error(
    `No input given and no sample data found at ${data}.\n` +
      'Pass a file: pnpm demo path/to/file.pose (or a .skels file, an OpenPose JSON folder, a lexicon, a dataset).',
  );
  process.exit(2);
}
const clips = readdirSync(h2s, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => join(h2s, e.name))
  .sort();
console.log(`SignLLM data pipeline on the sample data in ${data}`);
run(
  'build',
  ...clips,
  '--metadata',
  join(data, 'how2sign-text', 'dev.files'),
  '--language',
  'ase',
  '--licence',
  'CC-BY-NC-4.0',
  '--out',
  join(out, 'how2sign'),
  '--overwrite',
);
run('stats', join(out, 'how2sign'));
run(
  'synth',
  '--out',
  join(out, 'synth'),
  '--languages',
  'ase,gsg,kvk',
  '--sequences',
  '60',
  '--seed',
  '1',
  '--noisy',
  '0.1',
  '--overwrite',
);
run('inspect', join(data, 'phoenix14t-sample', 'dev.skels'));
console.log(
  `\nDatasets written to ${out}; export them with: signllm-data export ${join('demo-output', 'how2sign')} --out exported/`,
);
