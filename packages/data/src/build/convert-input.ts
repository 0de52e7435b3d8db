/**
 * `convertInput`: any supported input (a file, a folder, a dataset) → a `.pose` file (or a folder of
 * them), a `.skels/.text/.gloss/.files` quadruple, or a dataset, with optional skeleton mapping,
 * 2D→3D lifting and normalisation. E.g. an OpenPose folder → a lifted 3D `prompt2sign-50` `.pose`.
 */
import { mkdir } from 'node:fs/promises';
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
import { buildDataset } from './build-dataset.ts';
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
  const converted: Sample[] = [];
  const toSkels = target === 'skels';
  const dialect = options.dialect ?? 'pt';
  const wantsPipeline =
    toSkels || options.lift || options.normalize !== undefined || options.skeleton === 'prompt2sign-50';
  for await (const sample of samplesOf(units, options, metadata)) {
    try {
      let seq: PoseSequence = sample.sequence;
      if (wantsPipeline) {
        const normalize =
          options.normalize ??
          (toSkels ? (dialect === 'pt' ? 'progressive-transformers' : 'prompt2sign') : 'none');
        const alreadyThere = units[0]?.kind === 'skels' && toSkels && options.normalize === undefined;
        seq = processSample(sample, {
          dims: toSkels || options.lift || seq.dims === 3 ? 3 : 2,
          fps: seq.fps,
          lift:
            toSkels || options.lift
              ? options.lift === undefined || options.lift === true || options.lift === false
                ? true
                : options.lift
              : false,
          normalize: alreadyThere ? 'keep' : normalize,
        }).sample.sequence;
      } else if (options.skeleton !== undefined && options.skeleton !== seq.skeleton.name) {
        seq = mapSkeleton(seq, options.skeleton);
      }
      converted.push({ ...sample, sequence: seq });
      progress.tick();
    } catch (error) {
      problems.push({
        input: `${input}#${sample.id}`,
        code: SignLLMError.isInstance(error) ? error.code : 'internal_error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  progress.done();
  if (converted.length === 0) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Nothing converted from ${input}: ${problems[0]?.message ?? 'no sequences'}`,
    );
  }
  const files: string[] = [];
  if (toSkels) {
    const base = output.slice(0, -extname(output).length || undefined);
    await mkdirFor(output);
    const skels = formatSkels(
      converted.map((s) => poseSequenceToSkels(s.sequence, dialect)),
      dialect,
    );
    const lines = (f: (s: Sample) => string) =>
      `${converted.map((s) => f(s).replace(/[\r\n]+/g, ' ')).join('\n')}\n`;
    for (const [ext, text] of [
      ['.skels', skels],
      ['.text', lines((s) => s.text ?? '')],
      ['.gloss', lines((s) => s.gloss ?? '')],
      ['.files', lines((s) => s.id)],
    ] as const) {
      await writeFileAtomic(`${base}${ext}`, text);
      files.push(`${base}${ext}`);
    }
  } else if (converted.length === 1 && extname(output).toLowerCase() === '.pose') {
    await mkdirFor(output);
    await writeFileAtomic(output, writePose(sequenceToPoseFile((converted[0] as Sample).sequence)));
    files.push(output);
  } else {
    if (extname(output).toLowerCase() === '.pose') {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${input} holds ${converted.length} sequences; give a folder as output to write one .pose each`,
      );
    }
    await mkdir(output, { recursive: true });
    for (const s of converted) {
      const path = join(output, `${safeFileName(s.id)}.pose`);
      await writeFileAtomic(path, writePose(sequenceToPoseFile(s.sequence)));
      files.push(path);
    }
  }
  return { target, files, sequences: converted.length, problems };
}

async function mkdirFor(path: string): Promise<void> {
  const dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  if (dir !== '') await mkdir(dir, { recursive: true });
}
