/**
 * `trainBacktranslation`: the training loop of `signllm-train backtranslate train`. It reuses the pose
 * model's machinery end to end: the example index of the train split (poses + the target column),
 * seeded length-bucketed epoch plans with one language per batch, bounded shard streaming, Adam with a
 * state per language group, gradient clipping, `metrics.jsonl` + `metrics.svg`, progress like `train`,
 * and atomic checkpoints in a locked run folder from which `resume` continues with the same data order.
 * Validation (every `validateEvery` steps) is greedy BLEU-4 on the ground-truth poses of a dev split.
 */
import { join } from 'node:path';
import { ERROR_CODES, SignLLMError, type Tokenizer, type TokenizerJson, trainTokenizer } from '@signllm/core';
import { createProgress, type DatasetRow, hashString, openDataset } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import {
  buildExampleIndex,
  type ExampleIndex,
  planEpoch,
  ShardCache,
  streamPoseBatches,
} from '../data/index.ts';
import { isNoisyRow } from '../eval/evaluate-pose-model.ts';
import { targetFrames } from '../eval/pose-frames.ts';
import {
  MetricsLog,
  type MetricsRow,
  readLatestCheckpoint,
  truncateMetricsAfter,
  writeCheckpoint,
  writeJsonAtomic,
  writeMetricsPlot,
} from '../run/index.ts';
import { Adam } from '../train/adam.ts';
import { withTrainingRun } from '../train/training-run.ts';
import type { BacktranslationConfig } from './backtranslation-config.ts';
import { Backtranslator, toPoseTextBatch } from './backtranslator.ts';
import { scoreTexts } from './evaluate-backtranslation.ts';
import {
  BACKTRANSLATION_STATE_KIND,
  BACKTRANSLATION_STATE_VERSION,
  type BacktranslationState,
  backtranslationStateOf,
} from './load-backtranslator.ts';
import type { PoseTextBatch, PoseTextTransformer } from './pose-text-transformer.ts';

/** Options of `trainBacktranslation`. */
export interface TrainBacktranslationOptions {
  config: BacktranslationConfig;
  /** Continue the run in `config.outDir` from its latest checkpoint. */
  resume?: boolean;
  /** Progress display (default `auto`: a bar on a terminal, JSON lines otherwise). */
  progress?: 'auto' | 'bar' | 'json' | 'none';
  /** Log lines (backend, data, validation); default stderr. */
  log?: (line: string) => void;
}

/** Result of `trainBacktranslation`. */
export interface TrainBacktranslationResult {
  runDir: string;
  steps: number;
  /** Mean loss (token cross-entropy) of the last logged window. */
  loss: number;
  /** Greedy BLEU-4 of the last validation (NaN without validation). */
  bleu4: number;
  languages: string[];
  examples: number;
  parameters: number;
  backend: string;
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

/**
 * One optimiser step of one group: token cross-entropy, gradients, global-norm clipping, Adam.
 *
 * @example
 * ```ts
 * const { loss } = trainBacktranslationStep(group.net, adam, batch, { gradClip: 5, lr: 1e-3, seed: 1 });
 * ```
 */
export function trainBacktranslationStep(
  net: PoseTextTransformer,
  adam: Adam,
  batch: PoseTextBatch,
  options: { gradClip: number; lr: number; seed: number },
): { loss: number; gradNorm: number } {
  const { value, grads } = tf.variableGrads(
    () => net.loss(batch, net.forward(batch, { training: true, seed: options.seed })),
    net.params.variables,
  );
  const loss = value.dataSync()[0]!;
  value.dispose();
  const gradNorm = tf.tidy(() => {
    const list = adam.variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
    const norm = tf.sqrt(tf.addN(list.map((g) => tf.sum(tf.square(g))))).dataSync()[0]!;
    const scale = options.gradClip > 0 && norm > options.gradClip ? options.gradClip / norm : 1;
    adam.apply(
      list.map((g) => (scale === 1 ? g : tf.mul(g, scale))),
      options.lr,
    );
    return norm;
  });
  tf.dispose(grads);
  return { loss, gradNorm };
}

async function validationRows(
  config: BacktranslationConfig,
  languages: readonly string[],
): Promise<DatasetRow[]> {
  if (config.validateEvery === 0) return [];
  const reader = await openDataset(config.data);
  if (!(config.validation.split in reader.manifest.splits)) return [];
  const rows: DatasetRow[] = [];
  for await (const row of reader.rows({ split: config.validation.split })) {
    if (rows.length >= config.validation.maxSequences) break;
    if (!languages.includes(row.language) || row[config.target].trim() === '' || isNoisyRow(row)) continue;
    rows.push(row);
  }
  return rows;
}

/** Greedy back-translation BLEU-4 and ROUGE-L of the validation rows' ground-truth poses. */
function validate(model: Backtranslator, rows: readonly DatasetRow[]): { bleu4: number; rougeL: number } {
  const hypotheses = rows.map((row) => model.translate(row.language, targetFrames(row)));
  const scores = scoreTexts(
    hypotheses,
    rows.map((row) => row[model.config.target].trim()),
  );
  return { bleu4: scores.bleu4, rougeL: scores.rougeL };
}

function tokenizersFor(config: BacktranslationConfig, index: ExampleIndex): Record<string, Tokenizer> {
  const out: Record<string, Tokenizer> = {};
  for (const language of index.languages) {
    const texts = index.examples.filter((e) => e.language === language).map((e) => e.source);
    out[language] = trainTokenizer(texts, config.tokenizer);
  }
  return out;
}

/**
 * Trains a back-translation model as configured.
 *
 * @example
 * ```ts
 * const config = await loadBacktranslationConfig(undefined, { data: 'datasets/synth', outDir: 'runs/bt' });
 * const result = await trainBacktranslation({ config });
 * ```
 */
export async function trainBacktranslation(
  options: TrainBacktranslationOptions,
): Promise<TrainBacktranslationResult> {
  return withTrainingRun(
    {
      label: 'signllm-train backtranslate',
      outDir: options.config.outDir,
      backend: options.config.backend,
      ...(options.resume === undefined ? {} : { resume: options.resume }),
      ...(options.log === undefined ? {} : { log: options.log }),
    },
    (run) => trainIn(run.dir, run.metricsPath, options, run.log, run.backend),
  );
}

async function trainIn(
  runDir: string,
  metricsPath: string,
  options: TrainBacktranslationOptions,
  log: (line: string) => void,
  backend: string,
): Promise<TrainBacktranslationResult> {
  const checkpoint = options.resume ? await readLatestCheckpoint(runDir) : undefined;
  const saved: BacktranslationState | undefined = checkpoint ? backtranslationStateOf(checkpoint) : undefined;
  const config: BacktranslationConfig = saved
    ? { ...saved.config, steps: options.config.steps, backend: options.config.backend }
    : options.config;
  const reader = await openDataset(config.data);
  const full = await buildExampleIndex(reader, {
    split: 'train',
    source: config.target,
    target: 'pose',
    ...(config.languages ? { languages: config.languages } : {}),
    maxFrames: config.loading.maxFrames,
  });
  const examples = config.includeNoisy ? full.examples : full.examples.filter((e) => !e.noisy);
  const index: ExampleIndex = {
    ...full,
    examples,
    languages: [...new Set(examples.map((e) => e.language))].sort(),
  };
  if (examples.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `The train split of ${config.data} has no usable example with poses and a ${config.target} (skipped: ${JSON.stringify(full.skipped)}, noisy: ${full.examples.length})`,
    );
  }
  if (saved && saved.indexFingerprint !== index.fingerprint) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${config.data} is not the dataset the run in ${runDir} was trained on; resume needs the same data`,
    );
  }
  log(
    `signllm-train backtranslate: ${examples.length} training examples (poses → ${config.target}) in ${index.languages.join(', ')}; skipped ${JSON.stringify(full.skipped)}`,
  );
  const model = saved
    ? Backtranslator.fromState({
        config,
        tokenizers: saved.model.tokenizers as Record<string, TokenizerJson>,
      })
    : Backtranslator.create(config, tokenizersFor(config, index), config.seed);
  if (checkpoint) model.loadWeights(checkpoint.tensors.weights);
  const optimizers = new Map<string, Adam>();
  for (const [language, group] of model.groups) {
    const adam = Adam.forParams(group.net.params, config.optimiser);
    if (saved && checkpoint)
      adam.load(checkpoint.tensors.optimizer ?? [], saved.optimizerSteps[language] ?? 0);
    optimizers.set(language, adam);
  }
  log(
    `signllm-train backtranslate: ${model.parameterCount().toLocaleString('en')} parameters, ${model.groups.size} language group(s)`,
  );
  const dev = await validationRows(config, model.languages);

  let step = saved?.step ?? 0;
  let epoch = saved?.epoch ?? 0;
  let nextBatch = saved?.nextBatch ?? 0;
  const priorSeconds = saved?.seconds ?? 0;
  if (checkpoint) await truncateMetricsAfter(metricsPath, checkpoint.step);
  else await writeJsonAtomic(join(runDir, 'config.json'), config);
  const metrics = MetricsLog.open(metricsPath);
  const progress = createProgress({
    label: 'backtranslate',
    total: config.steps,
    mode: options.progress ?? 'auto',
  });
  const cache = new ShardCache(index, { maxShards: config.loading.maxCachedShards });
  const started = performance.now();
  const elapsed = () => priorSeconds + (performance.now() - started) / 1000;
  const plan = (e: number) =>
    planEpoch({
      index,
      epoch: e,
      seed: config.seed,
      batchSize: config.batchSize,
      poolShards: config.loading.poolShards,
      groupByLanguage: true,
    });
  let window: number[] = [];
  let lastLoss = Number.NaN;
  let lastBleu = Number.NaN;

  async function save(): Promise<void> {
    const optimizerSteps: Record<string, number> = {};
    const optimizerTensors = [];
    for (const [language, adam] of optimizers) {
      optimizerSteps[language] = adam.steps;
      optimizerTensors.push(...adam.toTensors());
    }
    const state: BacktranslationState = {
      kind: BACKTRANSLATION_STATE_KIND,
      version: BACKTRANSLATION_STATE_VERSION,
      config,
      model: { tokenizers: model.state().tokenizers },
      step,
      epoch,
      nextBatch,
      indexFingerprint: index.fingerprint,
      optimizerSteps,
      seconds: elapsed(),
    };
    await writeCheckpoint(
      runDir,
      { step, state, tensors: { weights: model.toWeights(), optimizer: optimizerTensors } },
      { keep: config.keepCheckpoints },
    );
    await writeMetricsPlot(runDir, { series: ['loss', 'bleu4', 'gradNorm'] });
  }

  try {
    let batches = plan(epoch);
    while (step < config.steps) {
      if (nextBatch >= batches.length) {
        epoch++;
        nextBatch = 0;
        batches = plan(epoch);
      }
      const rows = batches[nextBatch]!;
      const language = index.examples[rows[0]!]!.language;
      const group = model.groupFor(language);
      for await (const poseBatch of streamPoseBatches({
        index,
        plan: [rows],
        cache,
        encoder: group.tokenizer,
        maxSourceLength: config.architecture.maxTokens,
        futurePrediction: 0,
      })) {
        const batch = toPoseTextBatch(poseBatch, config.frames);
        const result = trainBacktranslationStep(group.net, optimizers.get(language)!, batch, {
          gradClip: config.gradClip,
          lr: config.learningRate,
          seed: hashString(`${config.seed}:bt-step:${step}`),
        });
        if (!Number.isFinite(result.loss)) {
          throw new SignLLMError(
            ERROR_CODES.invalidNumber,
            `The loss became ${result.loss} at step ${step + 1}; lower the learning rate or check the data`,
          );
        }
        step++;
        nextBatch++;
        window.push(result.loss);
        const row: MetricsRow = { step };
        if (step % config.logEvery === 0 || step === config.steps) {
          lastLoss = mean(window);
          window = [];
          Object.assign(row, {
            epoch,
            loss: lastLoss,
            gradNorm: result.gradNorm,
            batch: batch.size,
            seconds: elapsed(),
          });
        }
        if (dev.length > 0 && (step % config.validateEvery === 0 || step === config.steps)) {
          const scores = validate(model, dev);
          lastBleu = scores.bleu4;
          Object.assign(row, scores, { seconds: elapsed() });
          log(
            `signllm-train backtranslate: step ${step}: ${config.validation.split} BLEU-4 ${scores.bleu4.toFixed(2)}, ROUGE-L ${scores.rougeL.toFixed(2)} (greedy, ${dev.length} sequences)`,
          );
        }
        if (Object.keys(row).length > 1) metrics.append(row);
        progress.tick(1, {
          loss: Number((Number.isNaN(lastLoss) ? result.loss : lastLoss).toPrecision(4)),
          ...(Number.isNaN(lastBleu) ? {} : { bleu4: Number(lastBleu.toFixed(2)) }),
        });
        if (step % config.checkpointEvery === 0 || step >= config.steps) await save();
      }
    }
  } finally {
    metrics.close();
    progress.done();
  }
  const parameters = model.parameterCount();
  model.dispose();
  for (const adam of optimizers.values()) adam.dispose();
  return {
    runDir,
    steps: step,
    loss: lastLoss,
    bleu4: lastBleu,
    languages: index.languages.slice(),
    examples: examples.length,
    parameters,
    backend,
  };
}
