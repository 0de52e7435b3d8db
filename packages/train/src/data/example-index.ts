/**
 * `buildExampleIndex`: one streaming pass over a split of a dataset (shard by shard, each pose
 * dropped as soon as its length is read) that records, per usable example, where it lives (shard
 * ordinal, row), its id, language, length, source and target strings and whether it is flagged
 * noisy. Batch plans and streams work from this index; only batches load poses again.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ERROR_CODES, formatOptions, resolveLanguage, SignLLMError } from '@signllm/core';
import { type DatasetReader, readShard } from '@signllm/data';
import { checkInteger } from './check-args.ts';

/** Row fields a model can read as its input. */
export const EXAMPLE_SOURCES = ['text', 'gloss', 'prompt', 'langGloss'] as const;
/** Which row field the input comes from. */
export type ExampleSource = (typeof EXAMPLE_SOURCES)[number];
/** What a model produces: pose frames, or LangGloss tokens (Prompt2LangGloss stage 1). */
export const EXAMPLE_TARGETS = ['pose', 'langGloss'] as const;
/** What the examples are trained to produce. */
export type ExampleTarget = (typeof EXAMPLE_TARGETS)[number];

/** One shard of the indexed split, as the manifest lists it. */
export interface IndexShard {
  /** Path relative to the dataset folder. */
  path: string;
  sha256: string;
  rows: number;
  bytes?: number;
}

/** One usable example. */
export interface Example {
  /** Ordinal of its shard in `ExampleIndex.shards` (manifest order). */
  shard: number;
  /** Row within the shard (0-based, counting every row of the shard). */
  row: number;
  id: string;
  language: string;
  /** Pose frames T. */
  frames: number;
  /** Bucketing length: `frames` for pose targets, the target's word count for token targets. */
  length: number;
  /** Input string (the chosen source field). */
  source: string;
  /** Target string for token targets; `''` for pose targets. */
  target: string;
  /** True when the flags mark it low quality (`noisy` or `noisy:<kind>`, as `signllm-data synth` writes). */
  noisy: boolean;
  /** All flags of the row, e.g. `['noisy', 'noisy:jitter']`, `['lifted']`. */
  flags: readonly string[];
}

/** How many rows of the split were left out, by reason. */
export interface IndexSkips {
  /** The source field is empty (e.g. no gloss). */
  emptySource: number;
  /** The target field is empty (token targets only, e.g. no LangGloss). */
  emptyTarget: number;
  /** More frames than `maxFrames`. */
  tooLong: number;
  /** Language not among `languages`. */
  otherLanguage: number;
}

/** The example index of one split. */
export interface ExampleIndex {
  /** Dataset folder. */
  dir: string;
  split: string;
  source: ExampleSource;
  target: ExampleTarget;
  /** Skeleton name of the dataset. */
  skeleton: string;
  /** Shards of the split, in manifest order. */
  shards: readonly IndexShard[];
  /** Usable examples in manifest order; a global example index is a position in this array. */
  examples: readonly Example[];
  /** Distinct languages of `examples`, sorted. */
  languages: readonly string[];
  /** Rows read in total (kept + skipped). */
  rowsRead: number;
  skipped: IndexSkips;
  /** SHA-256 (32 hex digits) of the shards' digests and the options: a checkpoint can check it resumes on the same index. */
  fingerprint: string;
}

/** Options of `buildExampleIndex`. */
export interface ExampleIndexOptions {
  /** Split name, e.g. `'train'`. */
  split: string;
  source: ExampleSource;
  target: ExampleTarget;
  /** Keep only these languages (ISO codes or tags such as `'ASL'`); default all. */
  languages?: readonly string[];
  /** Skip sequences with more frames than this (any target). */
  maxFrames?: number;
}

function checkChoice<T extends string>(name: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${name} "${String(value)}" is not supported; use ${formatOptions(options)}`,
      { details: { value, options } },
    );
  }
  return value as T;
}

function resolveLanguages(wanted: readonly string[], available: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const language of wanted) {
    let code = language;
    if (!available.includes(code)) {
      try {
        code = resolveLanguage(language);
      } catch {
        // Named below with the dataset's own languages as the options.
      }
    }
    if (!available.includes(code)) {
      throw new SignLLMError(
        ERROR_CODES.unknownLanguage,
        `Language "${language}" is not in the dataset; its languages are ${formatOptions(available)}`,
        { details: { value: language, options: available } },
      );
    }
    out.add(code);
  }
  return out;
}

const SOURCE_FIELD = { text: 'text', gloss: 'gloss', prompt: 'prompt', langGloss: 'langGloss' } as const;

/**
 * Reads every row of `split` once and indexes the usable examples.
 *
 * Throws `invalid_argument` for an unknown split / source / target or a bad `maxFrames`,
 * `unknown_language` for a language the manifest does not list (both naming the options), and
 * whatever `readShard` throws for a missing, truncated or corrupt shard.
 *
 * @example
 * ```ts
 * const index = await buildExampleIndex(await openDataset('datasets/synth'), {
 *   split: 'train', source: 'gloss', target: 'pose', maxFrames: 400,
 * });
 * index.examples.length; index.skipped.tooLong;
 * ```
 */
export async function buildExampleIndex(
  reader: Pick<DatasetReader, 'dir' | 'manifest'>,
  options: ExampleIndexOptions,
): Promise<ExampleIndex> {
  const { manifest, dir } = reader;
  const splits = Object.keys(manifest.splits);
  const split = manifest.splits[options.split];
  if (split === undefined) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Split "${String(options.split)}" is not in ${dir}; its splits are ${formatOptions(splits)}`,
      { details: { value: options.split, options: splits } },
    );
  }
  const source = checkChoice('source', options.source, EXAMPLE_SOURCES);
  const target = checkChoice('target', options.target, EXAMPLE_TARGETS);
  const maxFrames =
    options.maxFrames === undefined
      ? Number.POSITIVE_INFINITY
      : checkInteger('maxFrames', options.maxFrames, 1);
  const available = manifest.languages.map((l) => l.code);
  const keep = options.languages === undefined ? undefined : resolveLanguages(options.languages, available);
  if (target === 'pose' && manifest.dims !== 3) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `${dir} holds ${manifest.dims}D poses; the pose model needs 3D (lift the dataset first)`,
    );
  }

  const shards: IndexShard[] = split.shards.map((s) => ({ ...s }));
  const examples: Example[] = [];
  const skipped: IndexSkips = { emptySource: 0, emptyTarget: 0, tooLong: 0, otherLanguage: 0 };
  let rowsRead = 0;
  for (const [ordinal, shard] of shards.entries()) {
    let row = 0;
    for await (const r of readShard(join(dir, shard.path), {
      sha256: shard.sha256,
      skeleton: manifest.skeleton,
      source: shard.path,
      ...(shard.bytes === undefined ? {} : { bytes: shard.bytes }),
    })) {
      const here = row++;
      rowsRead++;
      if (keep !== undefined && !keep.has(r.language)) {
        skipped.otherLanguage++;
        continue;
      }
      const frames = r.sequence.frames;
      const input = r[SOURCE_FIELD[source]];
      const output = target === 'langGloss' ? r.langGloss : '';
      if (input.trim() === '') skipped.emptySource++;
      else if (target === 'langGloss' && output.trim() === '') skipped.emptyTarget++;
      else if (frames > maxFrames) skipped.tooLong++;
      else {
        const flags = r.flags ?? [];
        examples.push({
          shard: ordinal,
          row: here,
          id: r.id,
          language: r.language,
          frames,
          length: target === 'pose' ? frames : output.trim().split(/\s+/).length,
          source: input,
          target: output,
          noisy: flags.some((f) => f === 'noisy' || f.startsWith('noisy:')),
          flags: [...flags],
        });
      }
    }
    if (row !== shard.rows) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `${shard.path} holds ${row} rows but the manifest says ${shard.rows}`,
        { position: { source: shard.path } },
      );
    }
  }
  const key = JSON.stringify({
    shards: shards.map((s) => s.sha256),
    split: options.split,
    source,
    target,
    languages: keep === undefined ? null : [...keep].sort(),
    maxFrames: Number.isFinite(maxFrames) ? maxFrames : null,
  });
  return {
    dir,
    split: options.split,
    source,
    target,
    skeleton: manifest.skeleton,
    shards,
    examples,
    languages: [...new Set(examples.map((e) => e.language))].sort(),
    rowsRead,
    skipped,
    fingerprint: createHash('sha256').update(key).digest('hex').slice(0, 32),
  };
}
