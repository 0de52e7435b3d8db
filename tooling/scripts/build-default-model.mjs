#!/usr/bin/env node
/**
 * `pnpm build:default-model`: rebuilds the default model bundle that `signllm-serve` serves when it is
 * given no `--bundle` (`models/default/`), end to end, with the project's own commands:
 *
 *   1. `signllm-data build` the real samples in ../shared/data (SIGNLLM_SHARED_DATA overrides): the
 *      PHOENIX14T sample (DGS, `gsg`) and the three How2Sign OpenPose clips (ASL, `ase`, lifted to 3D);
 *   2. `signllm-data synth` a synthetic corpus for the six languages with no real data here;
 *   3. `signllm-train train` one MLSF model (`packages/train/configs/default-mlsf.json`: one d 128,
 *      2 + 2 layer encoder–decoder group per language) in three phases, each a run of that config with
 *      `model.languages` narrowed to the phase's languages, grown from the previous run with
 *      `--init-from` (MLSF groups are independent: a phase trains only its own groups, so each real
 *      language gets all the steps of its phase instead of a sliver of a mixed epoch);
 *   4. `signllm-train eval` every language (dev and train splits, DTW);
 *   5. `signllm-train export --weights int8` the bundle, then completes its model card (per-language
 *      provenance, licences, the measured metrics, limitations) and writes `models/default/README.md`.
 *
 * Deterministic: fixed seeds and the wasm backend (SIGNLLM_BACKEND overrides). Intermediate files go to
 * demo-output/default-model/ (git-ignored). About 22 minutes on a 2-core machine.
 * Environment: SIGNLLM_SHARED_DATA (sample data), SIGNLLM_DEFAULT_MODEL_OUT (bundle folder, default
 * models/default), SIGNLLM_DEFAULT_MODEL_WORK (work folder), SIGNLLM_BACKEND (tfjs backend).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { modelReadme } from './default-model-readme.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bins = {
  'signllm-data': join(root, 'packages', 'data', 'bin', 'signllm-data.js'),
  'signllm-train': join(root, 'packages', 'train', 'bin', 'signllm-train.js'),
};
const shared = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(root, '..', 'shared', 'data'));
const work = resolve(process.env.SIGNLLM_DEFAULT_MODEL_WORK ?? join(root, 'demo-output', 'default-model'));
const out = resolve(process.env.SIGNLLM_DEFAULT_MODEL_OUT ?? join(root, 'models', 'default'));
const backend = process.env.SIGNLLM_BACKEND ?? 'wasm';
const baseConfigPath = join(root, 'packages', 'train', 'configs', 'default-mlsf.json');

/** The bundle must stay small enough to commit and to download into a browser. */
const MAX_BUNDLE_BYTES = 25_000_000;
/** Frame rate of every dataset (PHOENIX is 25 fps, How2Sign 24): half the frames, twice the steps. */
const FPS = '12.5';
const SEED = '8';
const LICENCE = 'CC-BY-NC-SA-4.0';
const NAME = 'signllm-default';

const SYNTHETIC = {
  languages: ['sgg', 'ssr', 'slf', 'aed', 'kvk', 'tsm'],
  sequences: 960,
};
/**
 * How2Sign clips and their splits. Two clips (`_2-3`, `_2-5`) are two recordings of the same
 * sentence: one is trained on, the other held out as the dev split (a second signing of a trained
 * sentence); training on both would teach the model the average of two different performances.
 */
const HOW2SIGN_CLIPS = [
  { id: '_2FBDaOPYig_2-3-rgb_front', split: 'train' },
  { id: '_2FBDaOPYig_3-3-rgb_front', split: 'train' },
  { id: '_2FBDaOPYig_2-5-rgb_front', split: 'dev' },
];

/** Training phases: each is a run of the base config narrowed to its languages. */
const PHASES = [
  {
    name: 'ase',
    dataset: 'how2sign',
    languages: ['ase'],
    overrides: { steps: 800, batchSize: 2, validation: { split: 'train', maxSequences: 2 } },
  },
  {
    name: 'gsg',
    dataset: 'phoenix',
    languages: ['gsg'],
    overrides: { steps: 800, batchSize: 5, validation: { split: 'train', maxSequences: 5 } },
  },
  {
    name: 'synthetic',
    dataset: 'synthetic',
    languages: SYNTHETIC.languages,
    overrides: {
      steps: 2800,
      batchSize: 16,
      learningRate: 0.002,
      validation: { split: 'dev', maxSequences: 12 },
    },
  },
];

const started = Date.now();
const elapsed = () => {
  const s = Math.round((Date.now() - started) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const show = (p) => {
  const r = relative(root, p);
  if (p.startsWith(`${shared}/`) || p === shared) return `$SHARED/${relative(shared, p)}`;
  return r.startsWith('..') ? p : r || '.';
};
const TOTAL_STEPS = 4 + PHASES.length + 3;
let stepNo = 0;
function step(title) {
  stepNo++;
  console.log(`\n[${stepNo}/${TOTAL_STEPS}] ${title}  (${elapsed()} elapsed)`);
}

/** Runs one of the project's CLIs; exits with its status when it fails. Returns its stdout if captured. */
function run(bin, args, { capture = false } = {}) {
  console.log(`$ ${bin} ${args.map((a) => (a.startsWith('/') ? show(a) : a)).join(' ')}`);
  const result = spawnSync(process.execPath, [bins[bin], ...args], {
    stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    console.error(`build-default-model: ${bin} ${args[0]} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  return capture ? result.stdout : '';
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

function merge(base, over) {
  const outValue = { ...base };
  for (const [k, v] of Object.entries(over)) {
    outValue[k] =
      v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object'
        ? merge(base[k], v)
        : v;
  }
  return outValue;
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

const round = (x) => Math.round(x * 1000) / 1000;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;

// ---------------------------------------------------------------------------------------------------
const phoenixDir = join(shared, 'phoenix14t-sample');
const how2signDir = join(shared, 'how2sign-openpose');
const how2signText = join(shared, 'how2sign-text');
for (const p of [phoenixDir, how2signDir, how2signText]) {
  if (!existsSync(p)) {
    console.error(
      `build-default-model: the sample data is missing (${p}).\n` +
        'It lives in ../shared/data beside the repository; set SIGNLLM_SHARED_DATA to its folder.',
    );
    process.exit(2);
  }
}
for (const [bin, path] of Object.entries(bins)) {
  if (!existsSync(join(dirname(path), '..', 'dist'))) {
    console.error(`build-default-model: ${bin} is not built; run \`pnpm build\` first.`);
    process.exit(2);
  }
}
console.log(
  `Building the SignLLM default model: ${cpus().length} cores, Node ${process.version}, backend ${backend}\n` +
    `  sample data  ${shared}\n  work folder  ${show(work)}\n  bundle       ${show(out)}`,
);
const datasetsDir = join(work, 'datasets');
const runsDir = join(work, 'runs');
// A rebuild starts from nothing: no run or dataset of an earlier build is reused.
rmSync(runsDir, { recursive: true, force: true });
rmSync(datasetsDir, { recursive: true, force: true });
await mkdir(datasetsDir, { recursive: true });
await mkdir(join(work, 'configs'), { recursive: true });
const datasets = {
  phoenix: join(datasetsDir, 'phoenix14t-sample'),
  how2sign: join(datasetsDir, 'how2sign'),
  synthetic: join(datasetsDir, 'synthetic'),
};
const common = ['--fps', FPS, '--seed', SEED, '--overwrite', '--workers', String(availableParallelism())];

step('PHOENIX14T sample (DGS): .skels → dataset');
run('signllm-data', [
  'build',
  phoenixDir,
  '--language',
  'gsg',
  '--licence',
  'CC-BY-NC-SA-4.0',
  '--name',
  'phoenix14t-sample',
  '--out',
  datasets.phoenix,
  ...common,
]);

step('How2Sign clips (ASL): OpenPose JSON → clean → lift to 3D → dataset');
// Sentences from how2sign-text (line-aligned dev.files + dev.text), splits from HOW2SIGN_CLIPS.
const ids = readFileSync(join(how2signText, 'dev.files'), 'utf8').split('\n');
const texts = readFileSync(join(how2signText, 'dev.text'), 'utf8').split('\n');
const metadata = join(work, 'how2sign-metadata.jsonl');
writeFileSync(
  metadata,
  HOW2SIGN_CLIPS.map(({ id, split }) => {
    const line = ids.findIndex((l) => l.trim() === id);
    if (line < 0) throw new Error(`${id} is not in ${join(how2signText, 'dev.files')}`);
    const text = texts[line]?.trim().replace(/^"(.*)"$/, '$1');
    return JSON.stringify({ id, text, language: 'ase', split });
  }).join('\n') + '\n',
);
console.log(`wrote ${show(metadata)} (${HOW2SIGN_CLIPS.length} clips: text from dev.text, split)`);
run('signllm-data', [
  'build',
  ...HOW2SIGN_CLIPS.map((c) => join(how2signDir, c.id)),
  '--metadata',
  metadata,
  '--language',
  'ase',
  '--licence',
  'CC-BY-NC-4.0',
  '--name',
  'how2sign',
  '--out',
  datasets.how2sign,
  ...common,
]);

step(`synthetic corpus: ${SYNTHETIC.languages.join(', ')}`);
run('signllm-data', [
  'synth',
  '--out',
  datasets.synthetic,
  '--languages',
  SYNTHETIC.languages.join(','),
  '--sequences',
  String(SYNTHETIC.sequences),
  '--seed',
  SEED,
  '--fps',
  FPS,
  '--overwrite',
]);
const manifests = Object.fromEntries(
  Object.entries(datasets).map(([k, dir]) => [k, readJson(join(dir, 'manifest.json'))]),
);
for (const [k, m] of Object.entries(manifests)) {
  if (m.fps !== Number(FPS) || m.normalisation.method !== 'signllm') {
    throw new Error(`dataset ${k}: expected ${FPS} fps and signllm normalisation`);
  }
}

step('datasets');
run('signllm-data', ['stats', ...Object.values(datasets), '--progress', 'none']);

const baseConfig = readJson(baseConfigPath);
let previous;
for (const phase of PHASES) {
  step(`train phase "${phase.name}": ${phase.languages.join(', ')} on ${show(datasets[phase.dataset])}`);
  const config = merge(baseConfig, {
    ...phase.overrides,
    data: datasets[phase.dataset],
    outDir: join(runsDir, phase.name),
    model: { languages: phase.languages },
  });
  const configPath = join(work, 'configs', `${phase.name}.json`);
  writeJson(configPath, config);
  console.log(
    `wrote ${show(configPath)}: ${show(baseConfigPath)} with model.languages ${JSON.stringify(phase.languages)}, ` +
      Object.entries(phase.overrides)
        .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
        .join(', '),
  );
  run('signllm-train', [
    'train',
    '--config',
    configPath,
    '--backend',
    backend,
    ...(previous === undefined ? [] : ['--init-from', previous]),
  ]);
  previous = join(runsDir, phase.name);
}
const finalRun = previous;

step('evaluate every language (PT DTW, ground-truth timing and free-running)');
const evaluations = [
  { dataset: 'how2sign', split: 'train' },
  { dataset: 'how2sign', split: 'dev' },
  { dataset: 'phoenix', split: 'train' },
  { dataset: 'phoenix', split: 'dev' },
  { dataset: 'synthetic', split: 'dev' },
  // A sample of the synthetic training sentences (about 10 per language), to compare with dev.
  { dataset: 'synthetic', split: 'train', max: 60 },
];
const metrics = [];
const scoreRows = [];
for (const e of evaluations) {
  const result = JSON.parse(
    run(
      'signllm-train',
      [
        'eval',
        '--checkpoint',
        finalRun,
        '--data',
        datasets[e.dataset],
        '--split',
        e.split,
        ...(e.max === undefined ? [] : ['--max', String(e.max)]),
        '--backend',
        backend,
        '--json',
      ],
      { capture: true },
    ),
  );
  for (const [language, m] of Object.entries(result.byLanguage)) {
    for (const name of ['dtw', 'dtwFreeRunning', 'meanJointError']) {
      // A sample of a split is recorded under its own name ("train-sample"), not as the whole split.
      metrics.push({
        name,
        value: round(m[name]),
        split: e.max === undefined ? e.split : `${e.split}-sample`,
        language,
      });
    }
    scoreRows.push({ ...m, language, split: e.split, sample: e.max !== undefined });
    console.log(
      `  ${language} ${e.split}: ${m.sequences} sequences, DTW ${m.dtw.toFixed(2)} (free-running ${m.dtwFreeRunning.toFixed(2)}), mean joint error ${m.meanJointError.toFixed(3)}`,
    );
  }
}

step('export the bundle (int8 weights)');
const staged = join(work, 'bundle');
run('signllm-train', [
  'export',
  '--checkpoint',
  finalRun,
  '--out',
  staged,
  '--name',
  NAME,
  '--licence',
  LICENCE,
  '--weights',
  'int8',
  '--backend',
  backend,
  '--overwrite',
]);

step('model card and README');
const bundlePath = join(staged, 'bundle.json');
const bundle = readJson(bundlePath);
/** Training sequences of a one-language dataset. */
const trainCount = (m, language) => {
  if (m.languages.length !== 1 || m.languages[0].code !== language)
    throw new Error(`expected only ${language}`);
  return m.splits.train?.sequences ?? 0;
};
const phoenix = manifests.phoenix;
const how2sign = manifests.how2sign;
const synthetic = manifests.synthetic;
const trainingData = [
  {
    name: `RWTH-PHOENIX-Weather 2014T sample (DGS): ${trainCount(phoenix, 'gsg')} training sequences, ${phoenix.splits.dev?.sequences ?? 0} dev sequences held out`,
    licence: 'CC-BY-NC-SA-4.0',
    provenance:
      'Real recordings of signers (German weather forecasts): 3-D keypoints in the Progressive Transformers .skels dialect with German text and glosses, from BenSaunders27/ProgressiveTransformersSLP Data/tmp/{train,dev}.*; built with signllm-data build --language gsg',
    url: 'https://github.com/BenSaunders27/ProgressiveTransformersSLP',
    kind: 'real',
    languages: ['gsg'],
  },
  {
    name: `How2Sign OpenPose clips (ASL): ${trainCount(how2sign, 'ase')} training sequences, ${how2sign.splits.dev?.sequences ?? 0} dev sequence held out`,
    licence: 'CC-BY-NC-4.0 AND CC-BY-NC-SA-4.0',
    provenance:
      'Real recordings of a signer: How2Sign (CC BY-NC 4.0) OpenPose 2-D keypoints from SignLLM/Prompt2Sign tools/2D_to_3D/output_of_openpose/dev (CC BY-NC-SA 4.0), English sentences from its how2sign-text dev.text/dev.files, lifted to 3-D by signllm-data build --language ase. The dev clip is a second recording of a training sentence.',
    url: 'https://how2sign.github.io/',
    kind: 'real',
    languages: ['ase'],
  },
  {
    name: `signllm-data synth (synthetic demo): ${synthetic.splits.train?.sequences ?? 0} training sequences in ${SYNTHETIC.languages.length} languages`,
    licence: synthetic.sources[0]?.licence ?? 'CC0-1.0',
    provenance: `synthetic demo data, not recordings of signers: ${synthetic.sources[0]?.provenance ?? 'signllm-data synth'} (per language a 58-concept lexicon of made-up motion primitives; the signs are not the real signs of these languages)`,
    kind: 'synthetic',
    languages: [...SYNTHETIC.languages].sort(),
  },
];
const parameters = bundle.modelCard.description?.match(/\(([\d,]+) parameters\)/)?.[1];
bundle.modelCard = {
  name: NAME,
  description:
    `The SignLLM default demo model: MLSF (one encoder–decoder group per language, ${parameters ?? 'about 1 M'} parameters in all), text → 3-D prompt2sign-50 poses at ${FPS} fps in eight sign languages, int8 weights. ` +
    'ase (ASL) and gsg (DGS) are trained on a handful of real recordings; sgg, ssr, slf, aed, kvk and tsm on a synthetic demo corpus only. Rebuilt by `pnpm build:default-model`.',
  licence: LICENCE,
  trainingData,
  config: {
    base: relative(root, baseConfigPath),
    model: baseConfig.model,
    phases: PHASES.map((p) => ({
      name: p.name,
      languages: p.languages,
      dataset: relative(work, datasets[p.dataset]),
      ...p.overrides,
    })),
    data: { fps: Number(FPS), seed: Number(SEED), syntheticSequences: SYNTHETIC.sequences },
    backend,
    learningRate: baseConfig.learningRate,
    loss: baseConfig.loss,
    seed: baseConfig.seed,
  },
  metrics,
  limitations: [
    `A demo, not a translator: ase was trained on ${trainCount(how2sign, 'ase')} sentences and gsg on ${trainCount(phoenix, 'gsg')}; the model memorises them and reproduces those training sentences, and gives an approximate, mostly meaningless motion for anything else (see the dev-split DTW against the train-split DTW).`,
    'sgg, ssr, slf, aed, kvk and tsm were trained on synthetic data only (made-up motion primitives for a 58-concept lexicon per language, not the real signs of those languages), and only briefly: their output is a generic signing-like motion whose DTW is close to that of a constant average pose, and it often runs on to the frame limit.',
    'Text input only (no prompt or gloss input). Words outside a language’s tiny training vocabulary are split into sub-word pieces or unknown tokens.',
    `Poses are 3-D prompt2sign-50 joints (upper body and hands, no face) at ${FPS} fps, in the signllm normalisation (shoulder width 1); the server resamples to other frame rates on request.`,
    'Lifted 3-D (How2Sign) and PHOENIX depth are estimates, not measured depth.',
    'The real training data is licensed for non-commercial use only (CC BY-NC / CC BY-NC-SA 4.0); so are these weights.',
  ],
  intendedUse:
    'A demonstration of SignLLM and a fixture for testing integrations (the HTTP API, the web viewer, other ONNX runtimes): non-commercial use only. Not for communicating with Deaf people, not a replacement for interpreters, and not a measure of what SignLLM can do with real training data.',
};
// Prompt templates of every language (informational for an MLSF text model).
const templates = {};
for (const m of Object.values(manifests)) {
  for (const t of m.promptTemplates ?? []) templates[t.language] = t.templates;
}
bundle.promptTemplates = Object.fromEntries(
  bundle.languages.filter((l) => templates[l]).map((l) => [l, templates[l]]),
);
const core = await import(pathToFileURL(join(root, 'packages', 'core', 'dist', 'index.js')).href);
core.parseBundleManifest(bundle);
writeJson(bundlePath, bundle);

rmSync(out, { recursive: true, force: true });
await mkdir(dirname(out), { recursive: true });
renameSync(staged, out);

const files = filesUnder(out).filter((f) => !f.endsWith('README.md'));
const sizes = files.map((f) => ({ path: relative(out, f), bytes: statSync(f).size }));
const readme = modelReadme({
  sizes,
  scoreRows,
  seconds: (Date.now() - started) / 1000,
  bundle,
  trainCount,
  phoenix,
  how2sign,
  synthetic,
  PHASES,
  SYNTHETIC,
  FPS,
  baseConfig,
  trainingData,
});
writeFileSync(join(out, 'README.md'), readme);
sizes.push({ path: 'README.md', bytes: Buffer.byteLength(readme) });
const total = sizes.reduce((n, s) => n + s.bytes, 0);
for (const s of sizes) console.log(`  ${String(s.bytes).padStart(10)}  ${s.path}`);
console.log(`  ${String(total).padStart(10)}  total (${mb(total)}; limit ${mb(MAX_BUNDLE_BYTES)})`);
if (total > MAX_BUNDLE_BYTES) {
  console.error(`build-default-model: the bundle is ${mb(total)}, over the ${mb(MAX_BUNDLE_BYTES)} limit`);
  process.exit(1);
}
console.log(`\nDone in ${elapsed()}: ${show(out)} (${bundle.languages.join(', ')})`);

// ---------------------------------------------------------------------------------------------------
