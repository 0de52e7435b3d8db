#!/usr/bin/env node
/**
 * `pnpm demo [files…]`: the main job of the project today. Runs `signllm-data inspect` on real
 * sign-language files: the ones given, or the samples in ../shared/data when that folder is beside
 * the clone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'packages', 'data', 'bin', 'signllm-data.js');
const data = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(root, '..', 'shared', 'data'));

let inputs = process.argv.slice(2).filter((a) => a !== '--');
if (inputs.length === 0) {
  const samples = [
    join(data, 'pose-format', 'mediapipe.pose'),
    join(data, 'phoenix14t-sample', 'dev.skels'),
    join(data, 'how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front'),
  ];
  inputs = samples.filter((p) => existsSync(p));
  if (inputs.length === 0) {
    console.error(
      `No input given and no sample data found at ${data}.\n` +
        'Pass a file: pnpm demo path/to/file.pose (or a .skels file, an OpenPose JSON folder, a lexicon).',
    );
    process.exit(2);
  }
  console.log(`signllm-data inspect on the sample data in ${data}\n`);
}

const result = spawnSync(process.execPath, [cli, 'inspect', ...inputs], { stdio: 'inherit' });
process.exit(result.status ?? 1);
