/**
 * `train`: the training loop of `signllm-train train`. Streams length-bucketed batches from the
 * Parquet shards (one language per batch for MLSF routing), optimises the routed group with Adam under
 * the chosen loss (MSE, or the RL loss with the Priority Learning Channel), validates with PT's DTW on
 * a dev split, reduces the learning rate on plateaus, stops early, logs `metrics.jsonl` + `metrics.svg`,
 * and writes atomic checkpoints from which `resume` continues with the same data order and losses.
 */
import { join } from 'node:path';
import { defaultModelInput, ERROR_CODES, SignLLMError } from '@signllm/core';
import { createProgress, hashString, openDataset } from '@signllm/data';
import * as tf from '@tensorflow/tfjs-core';
import {
  buildExampleIndex,
  type ExampleIndex,
  PriorityTable,
  planEpoch,
  ShardCache,
  streamPoseBatches,
  streamTokenBatches,
} from '../data/index.ts';
import type { PoseBatch, TokenBatch } from '../model/batch-types.ts';
import {
  MetricsLog,
  type MetricsRow,
  PlateauSchedule,
  readLatestCheckpoint,
  truncateMetricsAfter,
  writeCheckpoint,
  writeJsonAtomic,
  writeMetricsPlot,
} from '../run/index.ts';
import { Adam } from './adam.ts';
import { GaussianNoise, noiseSeed } from './gaussian-noise.ts';
import { modelStateOf } from './load-model.ts';
import type { EffectiveTrainConfig } from './load-train-config.ts';
import { prepareModel } from './prepare-model.ts';
import { SignModel } from './sign-model.ts';
import { type StepResult, trainPoseStep, trainTokenStep } from './train-step.ts';
import { TRAINER_STATE_VERSION, type TrainerState } from './trainer-state.ts';
import { withTrainingRun } from './training-run.ts';
import { loadValidationRows, validate } from './validate.ts';

/** Options of `train`. */
export interface TrainOptions {
  config: EffectiveTrainConfig;
  /** Continue from the run directory's latest checkpoint. */
  resume?: boolean;
  /** Progress display (default `auto`: a bar on a terminal, JSON lines otherwise). */
  progress?: 'auto' | 'bar' | 'json' | 'none';
  /** Log lines (backend, data, validation); default stderr. */
  log?: (line: string) => void;
  /** Stop (after writing a checkpoint) once this many steps have run in this session — a test hook for killed runs. */
  stopAfter?: number;
}

/** Result of `train`. */
export interface TrainResult {
  runDir: string;
  steps: number;
  /** Mean training loss of the last logged window. */
  loss: number;
  /** Best validation DTW (NaN without validation). */
  bestDtw: number;
  /** Why training ended: `steps`, `lr below minLr`, `no improvement` or `stopAfter`. */
  stoppedBy: string;
  parameters: number;
  backend: string;
}

/** The file the effective config is saved to in the run directory. */
export const CONFIG_FILE = 'config.json';

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

function makeOptimizers(config: EffectiveTrainConfig, model: SignModel): Map<string, Adam> {
  const out = new Map<string, Adam>();
  if (model.tokenModel) {
    out.set('stage1', Adam.forParams(model.tokenModel.net.params, config.optimiser));
  }
  for (const [key, group] of model.groups) out.set(key, Adam.forParams(group.net.params, config.optimiser));
  return out;
}

/**
 * Trains a model as configured.
 *
 * @example
 * ```ts
 * const config = await loadTrainConfig('configs/tiny-mlsf.json', { data: 'out/synth', outDir: 'runs/tiny' });
 * const result = await train({ config });
 * console.log(result.bestDtw);
 * ```
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  return withTrainingRun(
    {
      label: 'signllm-train',
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
  options: TrainOptions,
  log: (line: string) => void,
  backend: string,
): Promise<TrainResult> {
  const checkpoint = options.resume ? await readLatestCheckpoint(runDir) : undefined;
  if (options.resume && !checkpoint) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${runDir} has no checkpoint to resume from`);
  }
  const saved = checkpoint?.state as TrainerState | undefined;
  if (saved && saved.version !== TRAINER_STATE_VERSION) {
    throw new SignLLMError(
      ERROR_CODES.unsupportedVersion,
      `${checkpoint!.dir}: trainer state version ${saved.version}; this trainer reads ${TRAINER_STATE_VERSION}`,
    );
  }
  // A resumed run keeps its saved config, except for the step budget and backend given now.
  const config: EffectiveTrainConfig = saved
    ? { ...saved.config, steps: options.config.steps, backend: options.config.backend }
    : options.config;
  const mode = config.model.mode;
  const reader = await openDataset(config.data);
  const input = config.model.input ?? defaultModelInput(mode);
  const index: ExampleIndex = await buildExampleIndex(reader, {
    split: 'train',
    source: input,
    target: mode === 'p2lg-stage1' ? 'langGloss' : 'pose',
    languages: config.model.languages,
    maxFrames: config.loading.maxFrames,
  });
  if (index.examples.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `The train split of ${config.data} has no usable example (skipped: ${JSON.stringify(index.skipped)})`,
    );
  }
  if (saved && saved.indexFingerprint !== index.fingerprint) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${config.data} is not the dataset the run in ${runDir} was trained on (its training split changed); resume needs the same data`,
    );
  }
  log(
    `signllm-train: ${index.examples.length} training examples in ${index.languages.join(', ')}; skipped ${JSON.stringify(index.skipped)}`,
  );

  let model: SignModel;
  if (saved && checkpoint) {
    model = SignModel.fromState(modelStateOf(saved, checkpoint.dir));
    model.loadWeights(checkpoint.tensors.weights);
  } else {
    model = await prepareModel(config, index);
  }
  const optimizers = makeOptimizers(config, model);
  if (saved && checkpoint) {
    for (const [key, adam] of optimizers)
      adam.load(checkpoint.tensors.optimizer ?? [], saved.optimizerSteps[key] ?? 0);
  }
  log(
    `signllm-train: mode ${mode}, ${model.parameterCount().toLocaleString('en')} parameters, ${optimizers.size} group(s)`,
  );

  const schedule = saved
    ? PlateauSchedule.fromJSON(saved.schedule)
    : new PlateauSchedule({
        lr: config.learningRate,
        factor: config.lrSchedule.factor,
        patience: config.lrSchedule.patience,
        minLr: config.lrSchedule.minLr,
        earlyStopPatience: config.lrSchedule.earlyStopPatience,
      });
  const usePlc = config.loss === 'rl' && config.rl.plc;
  const priorities = saved?.priorities
    ? PriorityTable.fromJSON(saved.priorities)
    : new PriorityTable(index.examples.length);
  const noiseRate = config.model.augmentations.gaussianNoiseRate;
  const noise = saved?.noise ? GaussianNoise.fromJSON(noiseRate, saved.noise) : new GaussianNoise(noiseRate);
  const validationRows = await loadValidationRows(config, config.data);
  if (validationRows.length === 0)
    log(
      `signllm-train: no "${config.validation.split}" rows to validate on; validation, the plateau schedule and early stopping are off`,
    );

  let step = saved?.step ?? 0;
  let epoch = saved?.epoch ?? 0;
  let plan: number[][] = saved?.plan ?? [];
  let nextBatch = saved?.nextBatch ?? 0;
  const priorSeconds = saved?.seconds ?? 0;
  let best = saved?.best;
  if (checkpoint) await truncateMetricsAfter(metricsPath, checkpoint.step);
  else await writeJsonAtomic(join(runDir, CONFIG_FILE), config);
  const metrics = MetricsLog.open(metricsPath);
  const progress = createProgress({ label: 'train', total: config.steps, mode: options.progress ?? 'auto' });
  const cache = new ShardCache(index, { maxShards: config.loading.maxCachedShards });
  const stepLoss = { kind: config.loss, skipQuantile: usePlc ? config.rl.skipQuantile : 0 };
  let window: number[] = [];
  let lastLoss = Number.NaN;
  let stoppedBy = 'steps';
  let sessionSteps = 0;

  const encoderFor = (language: string) => model.groupFor(language).tokenizer;
  const newPlan = () =>
    planEpoch({
      index,
      epoch,
      seed: config.seed,
      batchSize: config.batchSize,
      poolShards: config.loading.poolShards,
      groupByLanguage: mode === 'mlsf',
      ...(usePlc && priorities.seen > 0
        ? {
            weights: priorities.weights({
              transform: config.rl.rewardTransform,
              eta: config.rl.eta,
              epsilon: config.rl.epsilon,
            }),
          }
        : {}),
    });

  async function* batches(): AsyncGenerator<PoseBatch | TokenBatch> {
    if (mode === 'p2lg-stage1') {
      const tm = model.tokenModel!;
      yield* streamTokenBatches({
        index,
        plan,
        startBatch: nextBatch,
        sourceEncoder: tm.source,
        targetEncoder: tm.target,
        maxSourceLength: config.model.architecture.maxSourceLength,
        maxTargetLength: config.model.architecture.maxSourceLength,
      });
      return;
    }
    for (let b = nextBatch; b < plan.length; b++) {
      const first = index.examples[plan[b]![0]!]!;
      for await (const batch of streamPoseBatches({
        index,
        plan: [plan[b]!],
        cache,
        encoder: encoderFor(first.language),
        maxSourceLength: config.model.architecture.maxSourceLength,
        futurePrediction: config.model.augmentations.futurePrediction,
        ...(mode === 'p2lg-stage2' ? { language: '*' } : {}),
      })) {
        yield batch;
      }
    }
  }

  async function refreshPriorities(): Promise<void> {
    const all = planEpoch({
      index,
      epoch: 0,
      seed: config.seed,
      batchSize: config.batchSize,
      poolShards: config.loading.poolShards,
      groupByLanguage: mode === 'mlsf',
    });
    for (const batchRows of all) {
      const first = index.examples[batchRows[0]!]!;
      for await (const batch of streamPoseBatches({
        index,
        plan: [batchRows],
        cache,
        encoder: encoderFor(first.language),
        maxSourceLength: config.model.architecture.maxSourceLength,
        futurePrediction: config.model.augmentations.futurePrediction,
      })) {
        const net = model.groupFor(batch.language === '*' ? first.language : batch.language).net;
        const mse = tf.tidy(() =>
          net.sampleLosses(batch, net.forward(batch, { training: false, seed: 0 })).dataSync(),
        );
        priorities.update(
          batch.rows,
          Float32Array.from(mse, (x) => -x),
        );
      }
    }
  }

  async function saveCheckpoint(finished?: string): Promise<void> {
    const optimizerSteps: Record<string, number> = {};
    const optimizerTensors = [];
    for (const [key, adam] of optimizers) {
      optimizerSteps[key] = adam.steps;
      optimizerTensors.push(...adam.toTensors());
    }
    const state: TrainerState = {
      version: TRAINER_STATE_VERSION,
      config,
      model: model.state(),
      step,
      epoch,
      plan,
      nextBatch,
      indexFingerprint: index.fingerprint,
      lr: schedule.lr,
      schedule: schedule.toJSON(),
      optimizerSteps,
      ...(usePlc ? { priorities: priorities.toJSON() } : {}),
      ...(noiseRate > 0 ? { noise: noise.toJSON() } : {}),
      ...(best ? { best } : {}),
      seconds: elapsed(),
      ...(finished ? { finished } : {}),
    };
    await writeCheckpoint(
      runDir,
      { step, state, tensors: { weights: model.toWeights(), optimizer: optimizerTensors } },
      { keep: config.keepCheckpoints, ...(best ? { keepAlso: [best.step] } : {}) },
    );
  }

  const started = performance.now();
  const elapsed = () => priorSeconds + (performance.now() - started) / 1000;
  try {
    outer: while (step < config.steps) {
      if (plan.length === 0 || nextBatch >= plan.length) {
        plan = newPlan();
        nextBatch = 0;
      }
      for await (const batch of batches()) {
        const stepSeed = hashString(`${config.seed}:step:${step}`);
        let result: StepResult;
        if ('decoderInput' in batch) {
          noise.apply(batch, noiseSeed(config.seed, step));
          const group = model.groupFor(mode === 'p2lg-stage2' ? '*' : batch.language);
          result = trainPoseStep(group.net, optimizers.get(group.key)!, batch, {
            loss: stepLoss,
            gradClip: config.gradClip,
            lr: schedule.lr,
            seed: stepSeed,
            errorStats: noiseRate > 0,
          });
          if (result.errorSum) noise.observe(result.errorSum, result.errorSquares!, result.errorFrames!);
        } else {
          result = trainTokenStep(model.tokenModel!.net, optimizers.get('stage1')!, batch, {
            loss: stepLoss,
            gradClip: config.gradClip,
            lr: schedule.lr,
            seed: stepSeed,
          });
        }
        if (!Number.isFinite(result.loss)) {
          throw new SignLLMError(
            ERROR_CODES.invalidNumber,
            `The loss became ${result.loss} at step ${step + 1}; lower the learning rate or check the data`,
          );
        }
        if (usePlc)
          priorities.update(
            batch.rows,
            Float32Array.from(result.sampleMse, (x) => -x),
          );
        step++;
        sessionSteps++;
        nextBatch++;
        window.push(result.loss);
        const row: MetricsRow = { step };
        if (step % config.logEvery === 0 || step === config.steps) {
          lastLoss = mean(window);
          Object.assign(row, {
            epoch,
            loss: lastLoss,
            lr: schedule.lr,
            gradNorm: result.gradNorm,
            kept: result.kept,
            batch: batch.size,
            seconds: elapsed(),
          });
          window = [];
        }
        if (usePlc && step % config.rl.refreshEvery === 0) await refreshPriorities();
        let stop: string | undefined;
        if (validationRows.length > 0 && (step % config.validateEvery === 0 || step === config.steps)) {
          const scores = validate(model, validationRows, config.validation.timing);
          const decision = schedule.observe(scores.dtw!, step);
          if (decision.improved) best = { dtw: scores.dtw!, step };
          Object.assign(row, scores, { lr: decision.lr, bestDtw: best?.dtw ?? null, seconds: elapsed() });
          if (row.loss === undefined)
            Object.assign(row, { loss: mean(window.length ? window : [result.loss]) });
          if (decision.stop) stop = decision.reason ?? 'schedule';
        }
        if (Object.keys(row).length > 1) metrics.append(row);
        progress.tick(1, {
          loss: Number((lastLoss || result.loss).toPrecision(4)),
          ...(best ? { dtw: Number(best.dtw.toPrecision(4)) } : {}),
        });
        if (nextBatch >= plan.length) {
          noise.endEpoch();
          epoch++;
        }
        const atCheckpoint = step % config.checkpointEvery === 0;
        if (stop) stoppedBy = stop;
        else if (options.stopAfter !== undefined && sessionSteps >= options.stopAfter)
          stoppedBy = 'stopAfter';
        if (atCheckpoint || stop || stoppedBy === 'stopAfter' || step >= config.steps) {
          await saveCheckpoint(stop);
          await writeMetricsPlot(runDir, {
            series: ['loss', 'dtw', 'lr', 'gradNorm', ...(usePlc ? ['kept'] : [])],
          });
        }
        if (stop || stoppedBy === 'stopAfter' || step >= config.steps) break outer;
        if (nextBatch >= plan.length) continue outer;
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
    bestDtw: best?.dtw ?? Number.NaN,
    stoppedBy,
    parameters,
    backend,
  };
}
