#!/usr/bin/env node
/**
 * `pnpm results`: the paper's evaluation (back-translation BLEU-1..4, ROUGE-L and DTW; paper digest §7)
 * run end to end on small data with the project's own commands, and its tables written to
 * `docs/results.md` beside the paper's numbers:
 *
 *   1. datasets: `signllm-data synth` (a synthetic corpus in all eight languages) and `signllm-data
 *      build` of the real PHOENIX14T sample in ../shared/data (SIGNLLM_SHARED_DATA overrides);
 *   2. training (`packages/train/configs/results/*.json`, two jobs at a time): a back-translation model
 *      per dataset on its ground-truth poses; the five ablation variants of one small MLSF pose model on
 *      the synthetic corpus (Base, FP, GN, RL loss, RL loss + PLC: same size, steps and seed); one pose
 *      model (RL loss + PLC) on the PHOENIX sample;
 *   3. `signllm-train backtranslate eval` of every pose model and of the ground truth (the ceiling):
 *      synthetic dev and test; PHOENIX dev and train (the sample has no test split);
 *   4. `signllm-train report` per dataset, then `docs/results.md`: the exact commands (as run, with their
 *      times), the reports' Markdown, and the paper's tables (§7.2–7.4) beside them.
 *
 * Deterministic: fixed seeds, the wasm backend (SIGNLLM_BACKEND overrides) and configs under version
 * control; jobs running side by side do not change any number (each is its own process, one thread).
 * Everything is written under demo-output/results/ (git-ignored) except docs/results.md.
 * Environment: SIGNLLM_SHARED_DATA (sample data), SIGNLLM_BACKEND (tfjs backend), SIGNLLM_RESULTS_JOBS
 * (commands run side by side, default 2), SIGNLLM_RESULTS_DOC (the Markdown written, default
 * docs/results.md), SIGNLLM_RESULTS_SMOKE_STEPS (a quick check of the script: every training run stops
 * after that many steps; write the document elsewhere then). About 25 minutes on a 2-core machine.
 * `node tooling/scripts/results.mjs --doc-only` rewrites the document from the last run's files
 * (demo-output/results/run.json, the reports) without running anything.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mean, resultsMarkdown } from './results-doc.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bins = {
  'signllm-data': join(root, 'packages', 'data', 'bin', 'signllm-data.js'),
  'signllm-train': join(root, 'packages', 'train', 'bin', 'signllm-train.js'),
};
const shared = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(root, '..', 'shared', 'data'));
const backend = process.env.SIGNLLM_BACKEND ?? 'wasm';
const JOBS = Math.max(1, Number.parseInt(process.env.SIGNLLM_RESULTS_JOBS ?? '2', 10) || 2);
const docPath = resolve(root, process.env.SIGNLLM_RESULTS_DOC ?? join('docs', 'results.md'));
const configsDir = join(root, 'packages', 'train', 'configs', 'results');
/** A quick check of the script itself (not for results): every training run stops after this many steps. */
const smokeSteps = process.env.SIGNLLM_RESULTS_SMOKE_STEPS;
const stepsFlag = smokeSteps === undefined ? [] : ['--steps', String(Number.parseInt(smokeSteps, 10))];

/** Paths as the commands see them: relative to the repository root, where every command runs. */
const rel = (p) => relative(root, p) || '.';
const work = join(root, 'demo-output', 'results');
const logsDir = join(work, 'logs');
const datasets = {
  synthetic: join(work, 'datasets', 'synthetic'),
  phoenix: join(work, 'datasets', 'phoenix14t-sample'),
};
const runsDir = join(work, 'runs');

const LANGUAGES = ['ase', 'gsg', 'sgg', 'ssr', 'slf', 'aed', 'kvk', 'tsm'];
/** The synthetic benchmark: 240 sequences per language (train/dev/test 80/10/10 %), 12 fps, clean. */
const SYNTH = { sequences: 240 * LANGUAGES.length, seed: 1, fps: 12 };
/** PHOENIX14T is 25 fps; half the frames makes its steps twice as cheap (as the default model). */
const PHOENIX = { fps: 12.5, seed: 1 };

/** The ablation variants (paper §7.4 rows); `label` is what `signllm-train report` derives from config.json. */
const VARIANTS = [
  { run: 'base', label: 'Base', config: 'synthetic-base.json', what: 'MLSF, MSE loss, no augmentation' },
  { run: 'fp', label: 'FP', config: 'synthetic-fp.json', what: 'Base + future prediction (k = 3)' },
  { run: 'gn', label: 'GN', config: 'synthetic-gn.json', what: 'Base + Gaussian noise (rate 5)' },
  { run: 'rl', label: 'RL loss', config: 'synthetic-rl.json', what: 'RL loss (reward −MSE), no PLC' },
  {
    run: 'rl-plc',
    label: 'RL loss + PLC',
    config: 'synthetic-rl-plc.json',
    what: 'RL loss + Priority Learning Channel',
  },
];
/** The variant that stands for the paper's "SignLLM-…-M" rows: the paper's headline model is Base + RL loss + PLC (§7.2). */
const SIGNLLM_VARIANT = VARIANTS.find((v) => v.run === 'rl-plc');

const started = Date.now();
const seconds = () => (Date.now() - started) / 1000;
const clock = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const fail = (message) => {
  console.error(`results: ${message}`);
  process.exit(1);
};

// The load of the machine while the script runs (another job may share the CPU): sampled every 15 s.
const loadSamples = [loadavg()[0]];
const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 15_000);
sampler.unref();

// ---------------------------------------------------------------------------------------------------
// Commands: every one is printed, logged to demo-output/results/logs/ and recorded for docs/results.md.

/** @type {{ stage: string; line: string; seconds: number }[]} */
const executed = [];
let commandNo = 0;

/**
 * Runs one of the project's CLIs in the repository root; its stderr (progress, training log) goes to a
 * log file, its stdout is returned. Exits the script when the command fails.
 */
function run(stage, name, bin, args, { summary } = {}) {
  commandNo++;
  const line = `${bin} ${args.join(' ')}`;
  const entry = { stage, name, line, seconds: Number.NaN };
  executed.push(entry);
  const log = join(logsDir, `${String(commandNo).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.log`);
  console.log(`$ ${line}`);
  const t0 = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [bins[bin], ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logStream = createWriteStream(log);
    logStream.write(`$ ${line}\n`);
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      logStream.write(chunk);
    });
    child.stderr.pipe(logStream, { end: false });
    child.on('close', (code, signal) => {
      entry.seconds = (Date.now() - t0) / 1000;
      logStream.end();
      if (code !== 0) {
        const tail = readFileSync(log, 'utf8').split('\n').slice(-15).join('\n');
        console.error(`${tail}\nresults: "${line}" failed (exit ${code ?? signal}); log: ${rel(log)}`);
        process.exit(code || 1);
      }
      const shown = summary ? `\n${summary(stdout).replace(/^/gm, '    ')}` : '';
      console.log(
        `  done: ${name}, ${entry.seconds.toFixed(1)} s (${clock(seconds())} elapsed; log ${rel(log)})${shown}`,
      );
      resolvePromise(stdout);
    });
  });
}

/** Runs tasks (functions returning promises) at most `jobs` at a time, in the order given. */
async function pool(tasks, jobs = JOBS) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

let stageNo = 0;
const STAGES = 5;
function stage(title) {
  stageNo++;
  console.log(`\n[${stageNo}/${STAGES}] ${title}  (${clock(seconds())} elapsed)`);
  return title;
}

// ---------------------------------------------------------------------------------------------------
// Checks before anything runs.

const phoenixSource = join(shared, 'phoenix14t-sample');
if (!existsSync(join(phoenixSource, 'train.skels'))) {
  console.error(
    `results: the PHOENIX14T sample is missing (${phoenixSource}).\n` +
      'It lives in ../shared/data beside the repository; set SIGNLLM_SHARED_DATA to its folder.',
  );
  process.exit(2);
}
for (const [bin, path] of Object.entries(bins)) {
  if (!existsSync(join(dirname(path), '..', 'dist'))) {
    console.error(`results: ${bin} is not built; run \`npx -y pnpm@10.34.9 build\` first.`);
    process.exit(2);
  }
}

const configs = {
  bt: join(configsDir, 'synthetic-bt.json'),
  phoenixPose: join(configsDir, 'phoenix-rl-plc.json'),
  phoenixBt: join(configsDir, 'phoenix-bt.json'),
  ...Object.fromEntries(VARIANTS.map((v) => [v.run, join(configsDir, v.config)])),
};
const runs = {
  bt: join(runsDir, 'synthetic', 'bt'),
  phoenixPose: join(runsDir, 'phoenix', 'rl-plc'),
  phoenixBt: join(runsDir, 'phoenix', 'bt'),
  ...Object.fromEntries(VARIANTS.map((v) => [v.run, join(runsDir, 'synthetic', v.run)])),
};
const configData = Object.fromEntries(Object.entries(configs).map(([k, p]) => [k, readJson(p)]));
// The configs name the datasets and run folders this script writes.
for (const [key, c] of Object.entries(configData)) {
  const data = key.startsWith('phoenix') ? datasets.phoenix : datasets.synthetic;
  if (c.data !== rel(data) || c.outDir !== rel(runs[key])) {
    fail(`${rel(configs[key])}: expected data ${rel(data)} and outDir ${rel(runs[key])}`);
  }
}
// The ablation is fair only when the variants differ in nothing but the variant's own fields.
const comparable = (c) => {
  const { outDir: _o, loss: _l, rl: _r, ...rest } = c;
  const { augmentations: _a, ...model } = rest.model;
  return JSON.stringify({ ...rest, model });
};
for (const v of VARIANTS.slice(1)) {
  if (comparable(configData[v.run]) !== comparable(configData.base)) {
    fail(`${v.config} differs from synthetic-base.json in more than loss, rl and model.augmentations`);
  }
}

/** `--doc-only`: rewrite the document from the last run's files in demo-output/results, running nothing. */
const docOnly = process.argv.includes('--doc-only');
const poseConfig = configData.base;
const arch = poseConfig.model.architecture;
const btArch = configData.bt.architecture;
console.log(
  `SignLLM results (paper §7 evaluation on small data): ${cpus().length} cores (${cpus()[0]?.model.trim()}), ` +
    `Node ${process.version}, backend ${backend}, ${JOBS} job(s) at a time\n` +
    `  sample data  ${shared}\n  work folder  ${rel(work)}\n  document     ${rel(docPath)}`,
);
/** Where a run records its commands, times and training results, for `--doc-only`. */
const runRecord = join(work, 'run.json');
const reports = {
  synthetic: join(work, 'synthetic-report.md'),
  phoenix: join(work, 'phoenix-report.md'),
};
let trainJson = {};
if (!docOnly) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(logsDir, { recursive: true });

  // ---------------------------------------------------------------------------------------------------
  const datasetsStage = stage('datasets: synthetic benchmark (8 languages) and the PHOENIX14T sample');
  await pool([
    () =>
      run(datasetsStage, 'synthetic corpus', 'signllm-data', [
        'synth',
        '--out',
        rel(datasets.synthetic),
        '--languages',
        LANGUAGES.join(','),
        '--sequences',
        String(SYNTH.sequences),
        '--seed',
        String(SYNTH.seed),
        '--fps',
        String(SYNTH.fps),
        '--overwrite',
        '--progress',
        'none',
      ]),
    () =>
      run(datasetsStage, 'PHOENIX14T sample', 'signllm-data', [
        'build',
        rel(phoenixSource),
        '--language',
        'gsg',
        '--fps',
        String(PHOENIX.fps),
        '--seed',
        String(PHOENIX.seed),
        '--licence',
        'CC-BY-NC-SA-4.0',
        '--name',
        'phoenix14t-sample',
        '--out',
        rel(datasets.phoenix),
        '--overwrite',
        '--progress',
        'none',
      ]),
  ]);

  // ---------------------------------------------------------------------------------------------------
  const trainStage = stage(`training: 2 back-translation models, 6 pose models (${JOBS} at a time)`);
  const btTrain = (key, data) => () =>
    run(trainStage, `train ${rel(runs[key])}`, 'signllm-train', [
      'backtranslate',
      'train',
      '--config',
      rel(configs[key]),
      '--data',
      rel(data),
      '--out',
      rel(runs[key]),
      ...stepsFlag,
      '--backend',
      backend,
      '--progress',
      'none',
    ]);
  const poseTrain = (key) => () =>
    run(trainStage, `train ${rel(runs[key])}`, 'signllm-train', [
      'train',
      '--config',
      rel(configs[key]),
      ...stepsFlag,
      '--backend',
      backend,
      '--progress',
      'none',
    ]);
  // Longest first: the synthetic back-translation model, then the variants, then the small PHOENIX runs.
  const trainResults = await pool([
    btTrain('bt', datasets.synthetic),
    ...VARIANTS.map((v) => poseTrain(v.run)),
    poseTrain('phoenixPose'),
    btTrain('phoenixBt', datasets.phoenix),
  ]);
  trainJson = {};
  ['bt', ...VARIANTS.map((v) => v.run), 'phoenixPose', 'phoenixBt'].forEach((key, i) => {
    trainJson[key] = JSON.parse(trainResults[i].trim().split('\n').at(-1));
  });

  // ---------------------------------------------------------------------------------------------------
  const evalStage = stage('back-translation evaluation: ground truth (the ceiling) and generated poses');
  const summaryOf = (stdout) => stdout.split('\n examples')[0].split('\nexamples')[0];
  const btEval = (model, data, split, poses) => () =>
    run(
      evalStage,
      `eval ${split} ${poses === undefined ? `ground truth (${rel(model)})` : rel(poses)}`,
      'signllm-train',
      [
        'backtranslate',
        'eval',
        '--model',
        rel(model),
        '--data',
        rel(data),
        '--split',
        split,
        ...(poses === undefined ? ['--ground-truth'] : ['--poses', rel(poses)]),
        '--backend',
        backend,
        '--progress',
        'none',
      ],
      { summary: summaryOf },
    );
  await pool([
    ...['dev', 'test'].flatMap((split) => [
      btEval(runs.bt, datasets.synthetic, split),
      ...VARIANTS.map((v) => btEval(runs.bt, datasets.synthetic, split, runs[v.run])),
    ]),
    ...['dev', 'train'].flatMap((split) => [
      btEval(runs.phoenixBt, datasets.phoenix, split),
      btEval(runs.phoenixBt, datasets.phoenix, split, runs.phoenixPose),
    ]),
  ]);

  // ---------------------------------------------------------------------------------------------------
  const reportStage = stage('tables: signllm-train report');
  await run(reportStage, 'report synthetic', 'signllm-train', [
    'report',
    '--runs',
    ...VARIANTS.map((v) => rel(runs[v.run])),
    rel(runs.bt),
    '--out',
    rel(reports.synthetic),
  ]);
  await run(reportStage, 'report PHOENIX', 'signllm-train', [
    'report',
    '--runs',
    rel(runs.phoenixPose),
    rel(runs.phoenixBt),
    '--splits',
    'dev,train',
    '--out',
    rel(reports.phoenix),
  ]);
}

const manifests = {
  synthetic: readJson(join(datasets.synthetic, 'manifest.json')),
  phoenix: readJson(join(datasets.phoenix, 'manifest.json')),
};
const splitCount = (m, split) => m.splits[split]?.sequences ?? 0;
for (const [name, m] of Object.entries(manifests)) {
  console.log(
    `  ${name}: ${Object.keys(m.splits)
      .map((s) => `${s} ${splitCount(m, s)}`)
      .join(', ')} sequences at ${m.fps} fps`,
  );
}
if (manifests.phoenix.splits.test !== undefined) fail('the PHOENIX sample unexpectedly has a test split');

// ---------------------------------------------------------------------------------------------------
stage(`writing ${rel(docPath)}`);
clearInterval(sampler);
let wallSeconds;
if (docOnly) {
  const record = readJson(runRecord);
  executed.push(...record.executed);
  loadSamples.splice(0, loadSamples.length, ...record.loadSamples);
  trainJson = record.trainJson;
  wallSeconds = record.wallSeconds;
} else {
  loadSamples.push(loadavg()[0]);
  wallSeconds = seconds();
  writeFileSync(runRecord, `${JSON.stringify({ wallSeconds, executed, loadSamples, trainJson }, null, 2)}\n`);
}
const btReport = (runDir, split) => readJson(join(runDir, 'eval', `${split}-backtranslation.json`));
writeFileSync(
  docPath,
  resultsMarkdown({
    JOBS,
    LANGUAGES,
    SIGNLLM_VARIANT,
    SYNTH,
    VARIANTS,
    arch,
    backend,
    btArch,
    btReport,
    clock,
    configData,
    configs,
    executed,
    loadSamples,
    manifests,
    phoenixSource,
    poseConfig,
    rel,
    reports,
    runs,
    splitCount,
    trainJson,
    wallSeconds,
  }),
);
console.log(`wrote ${rel(docPath)}`);
console.log(
  `\nDone in ${clock(wallSeconds)} (${wallSeconds.toFixed(0)} s wall time; mean 1-minute load ${mean(loadSamples).toFixed(2)} on ${cpus().length} cores)`,
);
