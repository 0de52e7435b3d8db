/**
 * `convertInput`: any supported input (a file, a folder, a dataset) → a `.pose` file (or a folder of
 * them), a `.skels/.text/.gloss/.files` quadruple, or a dataset, with optional skeleton mapping,
 * 2D→3D lifting and normalisation. E.g. an OpenPose folder → a lifted 3D `prompt2sign-50` `.pose`.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import {
  ERROR_CODES,
  formatSkels,
  mapSkeleton,
  type PoseSequence,
  poseSequenceToSkels,
  SignLLMError,
  type SkelsDialect,
  sequenceToPoseFile,
  writePose,
} from '@signllm/core';
import { openDataset, safeFileName, writeFileAtomic } from '../dataset/index.ts';
import {
  discoverInputs,
  type InputUnit,
  type MetadataIndex,
  readInput,
  readMetadataMapping,
} from '../ingest/index.ts';
import type { LiftOptions } from '../lift/index.ts';
import type { NormalisationMethod } from '../normalize/index.ts';
import { type Progress, silentProgress } from '../progress/index.ts';
import type { InputProblem, Sample } from '../sample.ts';
import { buildDataset, normalisationFor, problemOf } from './build-dataset.ts';
import { processSample } from './process-sample.ts';

/** Output kinds of `convertInput`. */
export type ConvertTarget = 'pose' | 'skels' | 'dataset';

/** Options of `convertInput`. */
export interface ConvertOptions {
  /** Output kind (default: from the output's extension: `.pose`, `.skels`, else a dataset folder). */
  to?: ConvertTarget;
  /** Map to this skeleton (`.pose` output; `.skels` and datasets are always `prompt2sign-50`). */
  skeleton?: string;
  /** Lift 2D to 3D (always on for `.skels`, which holds 3D poses). */
  lift?: boolean | LiftOptions;
  /** Normalisation (default: none for `.pose`; the dialect's own for `.skels`; `signllm` for datasets). */
  normalize?: NormalisationMethod;
  /** `.skels` dialect of the output (default `pt`). */
  dialect?: 'pt' | 'p2s';
  /** `.skels` dialect of the input (default: detected). */
  inputDialect?: SkelsDialect;
  /** Frame rate of inputs that store none. */
  inputFps?: number;
  /** Language of inputs that name none. */
  language?: string;
  /** Metadata mapping files. */
  metadata?: string[];
  /** Video size DWPose JSON coordinates were normalised by (restores pixels). */
  frameSize?: readonly [width: number, height: number];
  /** Replace an existing dataset (dataset output). */
  overwrite?: boolean;
  /** Progress sink. */
  progress?: Progress;
}

/** What `convertInput` wrote. */
export interface ConvertResult {
  target: ConvertTarget;
  /** Files written (for a dataset: its manifest). */
  files: string[];
  sequences: number;
  problems: InputProblem[];
}

/** The output kind for an output path. */
export function convertTarget(output: string, to?: ConvertTarget): ConvertTarget {
  if (to !== undefined) return to;
  const ext = extname(output).toLowerCase();
  return ext === '.pose' ? 'pose' : ext === '.skels' ? 'skels' : 'dataset';
}

async function* samplesOf(
  units: InputUnit[],
  options: ConvertOptions,
  metadata?: MetadataIndex,
): AsyncGenerator<Sample> {
  for (const unit of units) {
    if (unit.kind === 'dataset') {
      const reader = await openDataset(unit.path);
      yield* reader.rows();
    } else {
      yield* readInput(unit, {
        metadata,
        language: options.language,
        fps: options.inputFps,
        dialect: options.inputDialect,
        ...(options.frameSize ? { frameSize: options.frameSize } : {}),
      });
    }
  }
}

/**
 * Converts one input.
 *
 * @example
 * ```ts
 * await convertInput('how2sign-openpose/clip', 'clip.pose', { lift: true, normalize: 'signllm' });
 * ```
 */
export async function convertInput(
  input: string,
  output: string,
  options: ConvertOptions = {},
): Promise<ConvertResult> {
  const target = convertTarget(output, options.to);
  const progress = options.progress ?? silentProgress;
  if (target === 'dataset') {
    const result = await buildDataset({
      inputs: [input],
      out: output,
      lift: options.lift ?? true,
      normalize: options.normalize,
      dialect: options.inputDialect,
      inputFps: options.inputFps,
      language: options.language,
      metadata: options.metadata,
      frameSize: options.frameSize,
      overwrite: options.overwrite,
      resume: false,
      workers: 1,
      progress,
    });
    return {
      target,
      files: [join(output, 'manifest.json')],
      sequences: result.stats.sequences,
      problems: result.problems,
    };
  }
  if (target === 'skels' && options.skeleton !== undefined && options.skeleton !== 'prompt2sign-50') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `.skels holds prompt2sign-50 poses; --skeleton ${options.skeleton} cannot be written to it`,
    );
  }
  const units = await discoverInputs([input]);
  if (units.length === 0)
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${input} holds no supported input`);
  const metadata = options.metadata?.length
    ? await readMetadataMapping(options.metadata[0] as string)
    : undefined;
  const problems: InputProblem[] = [];
  const toSkels = target === 'skels';
  const dialect = options.dialect ?? 'pt';
  const wantsPipeline =
    toSkels || options.lift || options.normalize !== undefined || options.skeleton === 'prompt2sign-50';
  const singlePose = !toSkels && extname(output).toLowerCase() === '.pose';
  const sink = toSkels
    ? await createSkelsSink(output, dialect)
    : singlePose
      ? undefined
      : await createPoseFolderSink(output);
  let single: Sample | undefined;
  let count = 0;
  try {
    for await (const sample of samplesOf(units, options, metadata)) {
      let converted: Sample;
      try {
        let seq: PoseSequence = sample.sequence;
        if (wantsPipeline) {
          const normalize =
            options.normalize ??
            (toSkels ? (dialect === 'pt' ? 'progressive-transformers' : 'prompt2sign') : 'none');
          const alreadyThere =
            units[0]?.kind === 'skels' && toSkels && options.normalize === undefined
              ? (await normalisationFor(units[0], normalize, options.inputDialect)) === 'keep'
              : false;
          const lift = toSkels || options.lift;
          seq = processSample(sample, {
            dims: lift || seq.dims === 3 ? 3 : 2,
            fps: seq.fps,
            lift: lift ? (typeof options.lift === 'object' ? options.lift : true) : false,
            normalize: alreadyThere ? 'keep' : normalize,
          }).sample.sequence;
        } else if (options.skeleton !== undefined && options.skeleton !== seq.skeleton.name) {
          seq = mapSkeleton(seq, options.skeleton);
        }
        converted = { ...sample, sequence: seq };
      } catch (error) {
        problems.push(problemOf(`${input}#${sample.id}`, error));
        continue;
      }
      count++;
      progress.tick();
      if (sink) await sink.add(converted);
      else if (single === undefined) single = converted;
      else {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `${input} holds more than one sequence; give a folder as output to write one .pose each`,
        );
      }
    }
    progress.done();
    if (count === 0) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Nothing converted from ${input}: ${problems[0]?.message ?? 'no sequences'}`,
      );
    }
    let files: string[];
    if (sink) files = await sink.finish();
    else {
      await mkdirFor(output);
      await writeFileAtomic(output, writePose(sequenceToPoseFile((single as Sample).sequence)));
      files = [output];
    }
    return { target, files, sequences: count, problems };
  } finally {
    await sink?.abort();
  }
}

/** Where converted samples go, one at a time (memory holds one sequence, not the input). */
interface Sink {
  add(sample: Sample): Promise<void>;
  /** Completes the output and returns the files written. */
  finish(): Promise<string[]>;
  /** Removes unfinished temp files (no-op after `finish`). */
  abort(): Promise<void>;
}

/** `.skels/.text/.gloss/.files` written line by line to temp files, renamed into place at the end. */
async function createSkelsSink(output: string, dialect: 'pt' | 'p2s'): Promise<Sink> {
  await mkdirFor(output);
  const base = output.slice(0, output.length - extname(output).length);
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  const parts = ['.skels', '.text', '.gloss', '.files'].map((ext) => ({
    final: `${base}${ext}`,
    temp: `${base}${ext}${suffix}`,
  }));
  const handles = await Promise.all(parts.map((p) => open(p.temp, 'w')));
  let done = false;
  const oneLine = (t: string | undefined) => `${(t ?? '').replace(/[\r\n]+/g, ' ')}\n`;
  return {
    async add(sample) {
      const lines = [
        formatSkels([poseSequenceToSkels(sample.sequence, dialect)], dialect),
        oneLine(sample.text),
        oneLine(sample.gloss),
        oneLine(sample.id),
      ];
      for (const [i, h] of handles.entries()) await h.write(lines[i] as string);
    },
    async finish() {
      for (const h of handles) await h.close();
      for (const p of parts) await rename(p.temp, p.final);
      done = true;
      return parts.map((p) => p.final);
    },
    async abort() {
      if (done) return;
      for (const h of handles) await h.close().catch(() => {});
      for (const p of parts) await rm(p.temp, { force: true });
    },
  };
}

/** One `.pose` per sequence in a folder. */
async function createPoseFolderSink(output: string): Promise<Sink> {
  await mkdir(output, { recursive: true });
  const files: string[] = [];
  return {
    async add(sample) {
      const path = join(output, `${safeFileName(sample.id)}.pose`);
      await writeFileAtomic(path, writePose(sequenceToPoseFile(sample.sequence)));
      files.push(path);
    },
    finish: async () => files,
    abort: async () => {},
  };
}

async function mkdirFor(path: string): Promise<void> {
  const dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  if (dir !== '') await mkdir(dir, { recursive: true });
}
