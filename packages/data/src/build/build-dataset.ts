/**
 * `buildDataset`: inputs (files and folders of any supported format) → a dataset folder (Parquet
 * shards + manifest.json). Reading is streamed on the main thread; cleaning, lifting and
 * normalisation run in a pool of worker threads with a bounded number of sequences in flight, and
 * rows are written in input order, so memory is bounded by a few sequences plus one shard per split
 * and the result does not depend on the number of workers. Bad inputs are reported, never fatal; a
 * killed build resumes from its journal without redoing finished inputs.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DatasetManifest,
  type DatasetSource,
  ERROR_CODES,
  type PoseSequence,
  SignLLMError,
  type SkelsDialect,
} from '@signllm/core';
import type { CleanOptions } from '../clean/index.ts';
import { DatasetWriter, openDataset, readDatasetManifest, writeFileAtomic } from '../dataset/index.ts';
import {
  discoverInputs,
  type InputUnit,
  type MetadataIndex,
  readInput,
  readMetadataMapping,
  resolveSkelsDialect,
  type SkippedInput,
  type VideoDecoder,
} from '../ingest/index.ts';
import type { LiftOptions } from '../lift/index.ts';
import { DEFAULT_NORMALISATION_METHOD, type NormalisationMethod } from '../normalize/index.ts';
import { type Progress, silentProgress } from '../progress/index.ts';
import { PROMPT_TEMPLATES } from '../prompts/index.ts';
import type { InputProblem, Sample } from '../sample.ts';
import { DEFAULT_SPLITS, type SplitRatios } from './assign-split.ts';
import { finishRow, missingLanguage } from './finish-row.ts';
import { type ProcessOptions, type ProcessReport, processSample } from './process-sample.ts';
import type { ProcessJob, ProcessJobResult } from './process-worker.ts';
import { TOOL_VERSION } from './tool-version.ts';
import { fromWire, toWire } from './transfer-sample.ts';
import { createWorkerPool, type WorkerPool } from './worker-pool.ts';

/** Options of `buildDataset`. */
export interface BuildOptions {
  /** Files and folders to read. */
  inputs: string[];
  /** Dataset folder to write. */
  out: string;
  /** CSV / JSONL / `.files`+`.text` mappings giving text, gloss, language or split per clip. */
  metadata?: string[];
  /** Sign language of inputs that name none (ISO 639-3 code or Prompt2Sign tag). */
  language?: string;
  /** Frame rate of inputs that store none (OpenPose / DWPose folders, `.skels`). */
  inputFps?: number;
  /** Force the `.skels` dialect. */
  dialect?: SkelsDialect;
  /** Frame rate of the dataset (default 25): other rates are resampled. */
  fps?: number;
  /** Coordinates per joint (default 3: 2D inputs are lifted). */
  dims?: 2 | 3;
  /** Lifting on/off or its options (default on). */
  lift?: boolean | LiftOptions;
  /** Normalisation of the rows (default `signllm`). */
  normalize?: NormalisationMethod;
  /** Cleaning options. */
  clean?: CleanOptions;
  /** Split shares (default train 0.8 / dev 0.1 / test 0.1). */
  splits?: SplitRatios;
  /** Ignore the splits sources give (PHOENIX ids `dev/...`) and split every sample by id. */
  resplit?: boolean;
  /** Seed of splits and prompts (default 0). */
  seed?: number;
  /** Rows per Parquet shard (default 128). */
  shardRows?: number;
  /** Worker threads (default: the available cores; 1 processes on the main thread). */
  workers?: number;
  /** Continue an unfinished build in `out` (default true). */
  resume?: boolean;
  /** Replace a finished dataset in `out`. */
  overwrite?: boolean;
  /** Dataset name (default: the folder name of `out`). */
  name?: string;
  /** Licence of the inputs, recorded for each source (default "unspecified"). */
  licence?: string;
  /** Sources to record instead of one per input root. */
  sources?: DatasetSource[];
  /** The command line, recorded in the manifest. */
  command?: string;
  /** Width × height of the videos DWPose JSON coordinates were normalised by (restores pixels). */
  frameSize?: readonly [width: number, height: number];
  /** Decode at most this many frames of each video (quick previews; default all). */
  videoMaxFrames?: number;
  /** Progress sink (default silent). */
  progress?: Progress;
  /** Called for each input or sequence that could not be used. */
  onProblem?: (problem: InputProblem) => void;
}

/** Aggregates over the sequences of a build. */
export interface BuildStats {
  /** Input units found / skipped because a resumed build had finished them. */
  inputs: number;
  inputsResumed: number;
  /** Files ignored while discovering inputs (not a supported format). */
  skipped: SkippedInput[];
  /** Rows written in this run. */
  sequences: number;
  /** Frames dropped by cleaning, points filled by interpolation. */
  framesDropped: number;
  pointsFilled: number;
  /** Sequences lifted and their mean reprojection error (normalised units, and input units). */
  lifted: number;
  meanReprojectionError: number | null;
  meanReprojectionErrorInput: number | null;
}

/** What `buildDataset` returns. */
export interface BuildResult {
  manifest: DatasetManifest;
  problems: InputProblem[];
  stats: BuildStats;
  /** Path of `build-report.json` (problems and stats) beside the dataset. */
  reportPath: string;
  /** True when `out` already held a dataset built by the same command: nothing was done. */
  upToDate?: boolean;
}

/** The report file written next to `manifest.json`. */
export const BUILD_REPORT_FILE = 'build-report.json';

/** Resolves the compiled worker script (tests run from sources: then the package's dist is used). */
export function processWorkerUrl(): URL {
  const here = import.meta.url;
  const url = here.endsWith('.ts')
    ? new URL('../../dist/build/process-worker.js', here)
    : new URL('./process-worker.js', here);
  if (!existsSync(fileURLToPath(url))) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Worker script ${fileURLToPath(url)} is missing; build the package (pnpm build) or use workers: 1`,
    );
  }
  return url;
}

function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Runs `processSample` in-process or in a worker pool. */
function createProcessor(workers: number): {
  run: (sample: Sample, options: ProcessOptions) => Promise<{ sample: Sample; report: ProcessReport }>;
  /** Video → 2D poses in a worker (absent without a pool: videos are then decoded on this thread). */
  decodeVideo?: VideoDecoder;
  close: () => Promise<void>;
} {
  if (workers <= 1) {
    return { run: async (sample, options) => processSample(sample, options), close: async () => {} };
  }
  const pool: WorkerPool<ProcessJob, ProcessJobResult> = createWorkerPool(processWorkerUrl(), workers);
  return {
    run: async (sample, options) => {
      const { wire, transfer } = toWire(sample);
      const result = await pool.run({ sample: wire, options }, transfer);
      return { sample: fromWire(result.sample), report: result.report };
    },
    decodeVideo: async (path, options) => {
      const result = await pool.run({ kind: 'video', path, options });
      return { sequence: fromWire(result.sample).sequence as PoseSequence<2> };
    },
    close: () => pool.close(),
  };
}

/**
 * An `InputProblem` from anything thrown while reading or processing an input.
 *
 * @example
 * ```ts
 * problemOf('clip/#a', new SignLLMError('format_invalid', 'bad JSON')); // { input, code: 'format_invalid', message }
 * ```
 */
export function problemOf(input: string, error: unknown): InputProblem {
  const code = SignLLMError.isInstance(error)
    ? error.code
    : ((error as { code?: string })?.code ?? 'internal_error');
  return { input, code, message: error instanceof Error ? error.message : String(error) };
}

async function* samplesOf(unit: InputUnit, ingest: Parameters<typeof readInput>[1]): AsyncGenerator<Sample> {
  if (unit.kind === 'dataset') {
    const reader = await openDataset(unit.path);
    for await (const row of reader.rows()) yield { ...row, source: `${unit.key}/${row.source}` };
    return;
  }
  yield* readInput(unit, ingest);
}

/**
 * `'keep'` for `.skels` inputs already in the requested convention (PT's ÷3 for
 * `progressive-transformers`, Prompt2Sign's ÷9 for `prompt2sign`): re-normalising would only add
 * rounding. Otherwise the method.
 */
export async function normalisationFor(
  unit: InputUnit,
  method: NormalisationMethod,
  dialect?: SkelsDialect,
): Promise<NormalisationMethod | 'keep'> {
  if (unit.kind !== 'skels' || (method !== 'progressive-transformers' && method !== 'prompt2sign'))
    return method;
  try {
    const d = await resolveSkelsDialect(unit.path, dialect);
    return (d === 'pt' && method === 'progressive-transformers') || (d === 'p2s' && method === 'prompt2sign')
      ? 'keep'
      : method;
  } catch {
    return method; // the reader reports the problem
  }
}

/**
 * Builds (or resumes) a dataset.
 *
 * @example
 * ```ts
 * const { manifest, problems } = await buildDataset({
 *   inputs: ['how2sign-openpose/'], out: 'datasets/h2s', metadata: ['how2sign-text/dev.files'],
 *   language: 'ase', progress: createProgress({ label: 'build' }),
 * });
 * ```
 */
export async function buildDataset(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? silentProgress;
  const problems: InputProblem[] = [];
  const report = (p: InputProblem) => {
    problems.push(p);
    options.onProblem?.(p);
    progress.log(`problem: ${p.input}: ${p.message}`, { input: p.input, code: p.code });
  };
  const skipped: SkippedInput[] = [];
  const units = await discoverInputs(options.inputs, { onSkip: (s) => skipped.push(s) });
  if (units.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `No supported inputs in ${options.inputs.join(', ')}${skipped.length > 0 ? ` (${skipped.length} files skipped, e.g. ${skipped[0]?.path}: ${skipped[0]?.reason})` : ''}`,
    );
  }
  const indexes: MetadataIndex[] = [];
  for (const path of options.metadata ?? []) indexes.push(await readMetadataMapping(path));
  const metadata =
    indexes.length === 0 ? undefined : indexes.length === 1 ? indexes[0] : mergeMetadata(indexes);
  const fps = options.fps ?? 25;
  const dims = options.dims ?? 3;
  const method = options.normalize ?? DEFAULT_NORMALISATION_METHOD;
  const seed = options.seed ?? 0;
  const splits = options.splits ?? DEFAULT_SPLITS;
  const sources = options.sources ?? defaultSources(options.inputs, options.licence);
  const reportPath = join(options.out, BUILD_REPORT_FILE);
  if (!options.overwrite && options.command !== undefined && existsSync(join(options.out, 'manifest.json'))) {
    // Idempotent re-runs: the same command on a finished dataset is a no-op.
    const previous = await readDatasetManifest(options.out);
    if (previous.generator.command === options.command) {
      const saved = existsSync(reportPath)
        ? (JSON.parse(await readFile(reportPath, 'utf8')) as { stats: BuildStats; problems: InputProblem[] })
        : undefined;
      const stats = saved?.stats ?? emptyStats(units.length, skipped);
      return { manifest: previous, problems: saved?.problems ?? [], stats, reportPath, upToDate: true };
    }
  }
  // The report is the build's too: --overwrite replaces it with the rest (the writer removes the
  // manifest, journal and shards, and refuses a folder holding anything else).
  if (options.overwrite) await rm(reportPath, { force: true });
  const writer = await DatasetWriter.open(options.out, {
    name: options.name ?? basename(options.out),
    skeleton: 'prompt2sign-50',
    dims,
    fps,
    normalisation: { method, parameters: {} },
    sources,
    generator: { tool: 'signllm-data', version: TOOL_VERSION, seed, command: options.command },
    shardRows: options.shardRows,
    resume: options.resume ?? true,
    overwrite: options.overwrite,
  });
  const resumedRows = writer.rowsWritten;
  const workers = options.workers ?? defaultWorkers();
  const processor = createProcessor(workers);
  const maxInFlight = Math.max(2, workers * 2);
  const ingest = {
    metadata,
    language: options.language,
    fps: options.inputFps,
    dialect: options.dialect,
    video: { maxFrames: options.videoMaxFrames },
    ...(options.frameSize ? { frameSize: options.frameSize } : {}),
  };
  const stats = emptyStats(units.length, skipped);
  progress.setTotal(units.length);
  let reprojSum = 0;
  let reprojInputSum = 0;
  const languages = new Map<string, Set<string>>();
  const perRoot = new Map<string, number>();
  const seenIds = new Set<string>();
  type Pending = { unit: InputUnit; id: string; result: Promise<{ sample: Sample; report: ProcessReport }> };
  const queue: Pending[] = [];

  const writeHead = async () => {
    const head = queue.shift() as Pending;
    try {
      const { sample, report: r } = await head.result;
      const row = finishRow(sample, { seed, splits, resplit: options.resplit, language: options.language });
      if (await writer.add(row, head.unit.key)) {
        stats.sequences++;
        stats.framesDropped += r.clean.dropped.length;
        stats.pointsFilled += r.clean.pointsFilled;
        if (r.liftReprojectionError !== undefined) {
          stats.lifted++;
          reprojSum += r.liftReprojectionError;
          reprojInputSum += r.liftReprojectionErrorInput ?? 0;
        }
        const root = head.unit.key.split('/')[0] ?? head.unit.key;
        perRoot.set(root, (perRoot.get(root) ?? 0) + 1);
        const set = languages.get(root) ?? new Set<string>();
        set.add(row.language);
        languages.set(root, set);
      }
    } catch (error) {
      report(problemOf(`${head.unit.path}#${head.id}`, error));
    }
  };

  try {
    for (const unit of units) {
      if (writer.completedInputKeys.has(unit.key)) {
        stats.inputsResumed++;
        progress.tick(1, { sequences: stats.sequences, problems: problems.length });
        continue;
      }
      const processOptions: ProcessOptions = {
        dims,
        fps,
        lift: options.lift ?? true,
        normalize: await normalisationFor(unit, method, options.dialect),
        clean: options.clean,
      };
      // A video whose clip was already read from keypoints (same id) is not decoded again.
      const videoId = unit.kind === 'video' ? basename(unit.path).replace(/\.[^.]+$/, '') : undefined;
      if (videoId !== undefined && seenIds.has(videoId)) {
        report({
          input: `${unit.path}#${videoId}`,
          code: ERROR_CODES.invalidArgument,
          message: `duplicate sequence id "${videoId}" (an earlier input has it); video not decoded`,
        });
        progress.tick(1, { sequences: stats.sequences, problems: problems.length });
        continue;
      }
      if (videoId !== undefined && processor.decodeVideo) {
        // Videos are the slowest input: decode and estimate them in the worker pool, several at once,
        // while the queue keeps rows in input order.
        seenIds.add(videoId);
        const decode = processor.decodeVideo;
        const result = (async () => {
          let sample: Sample | undefined;
          for await (const s of readInput(unit, { ...ingest, video: { ...ingest.video, decode } }))
            sample = s;
          if (!sample) throw new SignLLMError(ERROR_CODES.invalidArgument, `${unit.path} gave no sequence`);
          if (sample.language === undefined && options.language === undefined)
            throw missingLanguage(sample.id);
          return processor.run(sample, processOptions);
        })();
        result.catch(() => {});
        queue.push({ unit, id: videoId, result });
        while (queue.length >= maxInFlight) await writeHead();
        progress.tick(1, { sequences: stats.sequences, problems: problems.length });
        continue;
      }
      try {
        for await (const sample of samplesOf(unit, ingest)) {
          if (seenIds.has(sample.id)) {
            report({
              input: `${unit.path}#${sample.id}`,
              code: ERROR_CODES.invalidArgument,
              message: `duplicate sequence id "${sample.id}" (an earlier input has it); skipped`,
            });
            continue;
          }
          seenIds.add(sample.id);
          if (sample.language === undefined && options.language === undefined) {
            report(problemOf(`${unit.path}#${sample.id}`, missingLanguage(sample.id)));
            continue;
          }
          queue.push({ unit, id: sample.id, result: processor.run(sample, processOptions) });
          // Keep the rejection handled until it is awaited in order.
          queue[queue.length - 1]?.result.catch(() => {});
          while (queue.length >= maxInFlight) await writeHead();
        }
      } catch (error) {
        report(problemOf(unit.path, error));
      }
      while (queue.length > 0 && queue[0]?.unit !== unit) await writeHead();
      progress.tick(1, { sequences: stats.sequences, problems: problems.length });
    }
    while (queue.length > 0) await writeHead();
  } finally {
    await processor.close();
  }
  stats.meanReprojectionError = stats.lifted > 0 ? reprojSum / stats.lifted : null;
  stats.meanReprojectionErrorInput = stats.lifted > 0 ? reprojInputSum / stats.lifted : null;
  if (writer.rowsWritten === 0 && stats.sequences === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `No usable sequence in ${options.inputs.join(', ')}: ${problems.length} problem(s), first: ${problems[0]?.message ?? 'none'}`,
    );
  }
  // Per-source counts are known only for rows written in this run: a resumed build leaves them out.
  const finalSources =
    options.sources || resumedRows > 0
      ? sources
      : sources.map((s) => ({
          ...s,
          sequences: perRoot.get(s.name) ?? 0,
          languages: [...(languages.get(s.name) ?? [])].sort(),
        }));
  const manifest = await writer.close({
    sources: finalSources,
    promptTemplates: [...new Set([...languages.values()].flatMap((s) => [...s]))]
      .sort()
      .map((language) => ({ language, templates: [...(PROMPT_TEMPLATES[language] ?? [])] }))
      .filter((p) => p.templates.length > 0),
  });
  progress.done({ sequences: stats.sequences, problems: problems.length });
  await writeFileAtomic(reportPath, `${JSON.stringify({ stats, problems }, null, 2)}\n`);
  return { manifest, problems, stats, reportPath };
}

function emptyStats(inputs: number, skipped: SkippedInput[]): BuildStats {
  return {
    inputs,
    inputsResumed: 0,
    skipped,
    sequences: 0,
    framesDropped: 0,
    pointsFilled: 0,
    lifted: 0,
    meanReprojectionError: null,
    meanReprojectionErrorInput: null,
  };
}

function defaultSources(inputs: readonly string[], licence = 'unspecified'): DatasetSource[] {
  const names = new Set<string>();
  return inputs.map((input) => {
    const name = basename(input.replace(/[/\\]+$/, '')) || input;
    names.add(name);
    return {
      name,
      kind: 'real' as const,
      licence,
      provenance: `signllm-data build input "${name}"`,
    };
  });
}

/** Several mappings as one: the first mapping that knows a clip answers. */
function mergeMetadata(indexes: readonly MetadataIndex[]): MetadataIndex {
  const first = <T>(f: (m: MetadataIndex) => T | undefined): T | undefined => {
    for (const m of indexes) {
      const hit = f(m);
      if (hit !== undefined) return hit;
    }
    return undefined;
  };
  return {
    source: indexes.map((m) => m.source).join(', '),
    size: indexes.reduce((n, m) => n + m.size, 0),
    get: (id) => first((m) => m.get(id)),
    find: (id, clipFolder) => first((m) => m.find(id, clipFolder)),
  };
}
