/**
 * `readInput`: one discovered input unit → its `Sample`s, with text, gloss, language and split from the
 * input's own side files, then from a metadata mapping, then the default language. Every failure is a
 * `SignLLMError` whose message names the input.
 */
import { basename, dirname } from 'node:path';
import { ERROR_CODES, formatOptions, resolveLanguage, SignLLMError, type SkelsDialect } from '@signllm/core';
import type { Sample } from '../sample.ts';
import { INPUT_KINDS, type InputUnit } from './input-unit.ts';
import type { MetadataIndex } from './metadata-index.ts';
import { clipName, readFramesUnit } from './read-frames-unit.ts';
import { readLexiconUnit } from './read-lexicon-unit.ts';
import { readPoseUnit } from './read-pose-unit.ts';
import { readSkelsUnit } from './read-skels-unit.ts';
import { readVideoUnit, type VideoUnitOptions } from './read-video-unit.ts';

/** Options of `readInput` and `readInputs`. */
export interface IngestOptions {
  /** Per-clip text / gloss / language / split; its values win over the input's own. */
  metadata?: MetadataIndex;
  /** Language (ISO 639-3 code or Prompt2Sign tag) of samples that have none after side files and metadata. */
  language?: string;
  /**
   * Frames per second for inputs that store none: OpenPose and DWPose folders (default 24, How2Sign's
   * rate and Prompt2Sign's frame extraction rate, paper §6.3), `.skels` (default 25, PHOENIX14T; 24
   * for `dwpose`), video sampling. `.pose` files and lexicons keep their stored fps.
   */
  fps?: number;
  /** Force the `.skels` dialect (else detected from the first line). */
  dialect?: SkelsDialect;
  /** Fill gaps in per-frame JSON numbering with all-missing frames (default true). */
  fillGaps?: boolean;
  /** Video size DWPose JSON coordinates were normalised by, to get pixels back (see `readFramesUnit`). */
  frameSize?: readonly [width: number, height: number];
  /** Largest `.pose` or JSON frame file read (default 1 GiB for `.pose`, 64 MiB for a frame). */
  maxFileBytes?: number;
  /** Extra options of the video reader. */
  video?: Omit<VideoUnitOptions, 'fps'>;
}

/** Checks the options; returns the resolved default language. */
export function resolveIngestOptions(options: IngestOptions): { language?: string } {
  if (options.fps !== undefined && !(Number.isFinite(options.fps) && options.fps > 0)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `fps must be a positive number, got ${options.fps}`);
  }
  return options.language === undefined ? {} : { language: resolveLanguage(options.language) };
}

/** Makes any error of reading `unit` a `SignLLMError` whose message names the input. */
export function toInputError(error: unknown, unit: InputUnit): SignLLMError {
  if (SignLLMError.isInstance(error)) {
    if (error.message.includes(unit.path)) return error;
    return new SignLLMError(error.code, `${unit.path}: ${error.message}`, {
      cause: error,
      details: { ...error.details, ...(error.position ? { position: error.position } : {}) },
    });
  }
  const code = (error as { code?: unknown } | null)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  return new SignLLMError(ERROR_CODES.invalidArgument, `${unit.path}: cannot be read (${reason})`, {
    cause: error,
    ...(typeof code === 'string' ? { details: { code } } : {}),
  });
}

function withMetadata(
  sample: Sample,
  clipFolder: string | undefined,
  options: IngestOptions,
  language?: string,
) {
  const entry = options.metadata?.find(sample.id, clipFolder);
  if (entry?.text !== undefined) sample.text = entry.text;
  if (entry?.gloss !== undefined) sample.gloss = entry.gloss;
  if (entry?.language !== undefined) sample.language = entry.language;
  if (entry?.split !== undefined) sample.split = entry.split;
  if (sample.language === undefined && language !== undefined) sample.language = language;
  return sample;
}

async function* samplesOf(unit: InputUnit, options: IngestOptions): AsyncGenerator<Sample, void, undefined> {
  const fps = options.fps === undefined ? {} : { fps: options.fps };
  const maxFileBytes = options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes };
  switch (unit.kind) {
    case 'openpose':
    case 'dwpose':
      yield await readFramesUnit(unit, {
        ...fps,
        fillGaps: options.fillGaps ?? true,
        ...(options.frameSize ? { frameSize: options.frameSize } : {}),
        ...(options.maxFileBytes === undefined ? {} : { maxFrameBytes: options.maxFileBytes }),
      });
      return;
    case 'pose':
      yield await readPoseUnit(unit, maxFileBytes);
      return;
    case 'skels':
      yield* readSkelsUnit(unit, { ...fps, ...(options.dialect ? { dialect: options.dialect } : {}) });
      return;
    case 'lexicon':
      yield* readLexiconUnit(unit, maxFileBytes);
      return;
    case 'video':
      yield await readVideoUnit(unit, { ...options.video, ...fps });
      return;
    case 'dataset':
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${unit.path} is a built dataset (manifest.json): read it with the dataset reader, not ingest`,
      );
    default:
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Unknown input kind "${String((unit as { kind: unknown }).kind)}"; valid kinds are ${formatOptions(INPUT_KINDS)}`,
      );
  }
}

/**
 * Reads one unit. OpenPose / DWPose folders, `.pose` and video give one sample; `.skels` and lexicons
 * stream one per line / row. Metadata is looked up by the sample id, then (for file and folder units)
 * the clip folder name. Samples yielded before a failure stay yielded; the failure is a
 * `SignLLMError` naming the input (`invalidArgument` for dataset units and unreadable paths).
 *
 * @example
 * ```ts
 * const metadata = await readMetadataMapping('how2sign-text/dev.files');
 * for await (const s of readInput(unit, { metadata, language: 'ASL' })) console.log(s.id, s.text);
 * ```
 */
export async function* readInput(
  unit: InputUnit,
  options: IngestOptions = {},
): AsyncGenerator<Sample, void, undefined> {
  const { language } = resolveIngestOptions(options);
  if (!unit || typeof unit.path !== 'string' || typeof unit.key !== 'string') {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'readInput expects an InputUnit { kind, path, key }');
  }
  const perRow = unit.kind === 'skels' || unit.kind === 'lexicon';
  const clipFolder = perRow
    ? undefined
    : unit.kind === 'openpose' || unit.kind === 'dwpose'
      ? clipName(unit.path)
      : basename(dirname(unit.path));
  try {
    for await (const sample of samplesOf(unit, options))
      yield withMetadata(sample, clipFolder, options, language);
  } catch (error) {
    throw toInputError(error, unit);
  }
}
