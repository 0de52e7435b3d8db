/**
 * `manifest.json` of a dataset written by `signllm-data build`: what the Parquet shards hold (skeleton,
 * dims, fps, normalisation), per-language and per-split counts, shard checksums, sources with their
 * licences, the prompt templates used and how it was generated. Strip mode: unknown keys are dropped,
 * so a reader of format 1.0 reads a 1.x manifest that added optional fields.
 */
import { z } from 'zod';
import { LanguageCodeSchema } from '../languages/language-schema.ts';
import {
  DateTimeSchema,
  duplicates,
  type EnumOf,
  nonNegativeInt,
  positiveNumber,
  RelativePathSchema,
  SemverSchema,
  Sha256Schema,
  SkeletonNameSchema,
  text,
} from './fields.ts';
import { checkFormatVersion, type FormatVersion, parseVersioned } from './format-version.ts';
import { NormalisationSchema, type NormalisationShape } from './normalisation.ts';

/**
 * The dataset manifest format version this code writes; it reads every 1.x.
 *
 * @example
 * ```ts
 * const manifest = { formatVersion: DATASET_FORMAT_VERSION, ... };
 * ```
 */
export const DATASET_FORMAT_VERSION: string = '1.0.0';

/**
 * Where the sequences of a source come from: recorded signers or the synthetic generator.
 *
 * @example
 * ```ts
 * PROVENANCE_KINDS; // ['real', 'synthetic']
 * ```
 */
export const PROVENANCE_KINDS = ['real', 'synthetic'] as const;

/** `"real"` or `"synthetic"`. */
export type ProvenanceKind = (typeof PROVENANCE_KINDS)[number];

/** The zod type of `DatasetShardSchema`. */
export type DatasetShardShape = {
  path: z.ZodString;
  sha256: z.ZodString;
  rows: z.ZodNumber;
  bytes: z.ZodOptional<z.ZodNumber>;
};

/**
 * One Parquet shard of a split.
 *
 * @example
 * ```ts
 * DatasetShardSchema.parse({ path: 'train/shard-00000.parquet', sha256: digest, rows: 128 });
 * ```
 */
export const DatasetShardSchema: z.ZodObject<DatasetShardShape, z.core.$strip> = z.object({
  path: RelativePathSchema.refine((p) => p.endsWith('.parquet'), {
    error: 'expected a path ending in ".parquet"',
  }).describe('Shard file, relative to the manifest folder, e.g. "train/shard-00000.parquet"'),
  sha256: Sha256Schema.describe('SHA-256 of the shard file, 64 lowercase hex digits'),
  rows: nonNegativeInt().describe('Number of Parquet rows in the shard'),
  bytes: nonNegativeInt().optional().describe('Size of the shard file in bytes'),
} satisfies DatasetShardShape);

/** The zod type of `DatasetSplitSchema`. */
export type DatasetSplitShape = {
  sequences: z.ZodNumber;
  frames: z.ZodNumber;
  shards: z.ZodArray<typeof DatasetShardSchema>;
};

/**
 * One split (train, dev, test, ...) of the dataset.
 *
 * @example
 * ```ts
 * DatasetSplitSchema.parse({ sequences: 5, frames: 636, shards: [] });
 * ```
 */
export const DatasetSplitSchema: z.ZodObject<DatasetSplitShape, z.core.$strip> = z.object({
  sequences: nonNegativeInt().describe('Number of sequences in the split'),
  frames: nonNegativeInt().describe('Total number of frames over all sequences of the split'),
  shards: z.array(DatasetShardSchema).max(100_000).describe('Parquet shards holding the split, in order'),
} satisfies DatasetSplitShape);

/** The zod type of `DatasetLanguageSchema`. */
export type DatasetLanguageShape = { code: z.ZodString; sequences: z.ZodNumber; frames: z.ZodNumber };

/** How much of the dataset is in one language. */
export const DatasetLanguageSchema: z.ZodObject<DatasetLanguageShape, z.core.$strip> = z.object({
  code: LanguageCodeSchema.describe('ISO 639-3 code of the sign language'),
  sequences: nonNegativeInt().describe('Number of sequences in this language, over all splits'),
  frames: nonNegativeInt().describe('Number of frames in this language, over all splits'),
} satisfies DatasetLanguageShape);

/** The zod type of `DatasetSourceSchema`. */
export type DatasetSourceShape = {
  name: z.ZodString;
  kind: z.ZodDefault<EnumOf<typeof PROVENANCE_KINDS>>;
  licence: z.ZodString;
  provenance: z.ZodString;
  url: z.ZodOptional<z.ZodString>;
  languages: z.ZodOptional<z.ZodArray<z.ZodString>>;
  sequences: z.ZodOptional<z.ZodNumber>;
};

/** One source the dataset was built from. */
export const DatasetSourceSchema: z.ZodObject<DatasetSourceShape, z.core.$strip> = z.object({
  name: text(200).describe('Name of the source, e.g. "RWTH-PHOENIX-Weather-2014T sample"'),
  kind: z
    .enum(PROVENANCE_KINDS)
    .default('real')
    .describe('"real" for recorded signers, "synthetic" for generated data'),
  licence: text(200).describe(
    'Licence of the source data, an SPDX id where one exists, e.g. "CC-BY-NC-SA-4.0"',
  ),
  provenance: text(2000).describe(
    'Where the data came from: repository and path, paper, or generator command',
  ),
  url: text(2000).optional().describe('Web address of the source, when it has one'),
  languages: z
    .array(LanguageCodeSchema)
    .max(1000)
    .optional()
    .describe('ISO codes of the languages it contributed'),
  sequences: nonNegativeInt().optional().describe('Number of sequences taken from it'),
} satisfies DatasetSourceShape);

/** The zod type of `PromptTemplateSetSchema`. */
export type PromptTemplateSetShape = { language: z.ZodString; templates: z.ZodArray<z.ZodString> };

/** The question-style prompt templates used for one language. */
export const PromptTemplateSetSchema: z.ZodObject<PromptTemplateSetShape, z.core.$strip> = z.object({
  language: LanguageCodeSchema.describe('ISO code of the sign language the prompts ask for'),
  templates: z
    .array(text(1000))
    .min(1)
    .max(10_000)
    .describe('Templates in the spoken language, each with a placeholder for the sentence'),
} satisfies PromptTemplateSetShape);

/** The zod type of `DatasetGeneratorSchema`. */
export type DatasetGeneratorShape = {
  tool: z.ZodString;
  version: z.ZodString;
  seed: z.ZodNumber;
  command: z.ZodOptional<z.ZodString>;
};

/** The tool run that wrote the dataset. */
export const DatasetGeneratorSchema: z.ZodObject<DatasetGeneratorShape, z.core.$strip> = z.object({
  tool: text(100).describe('Name of the tool, e.g. "signllm-data"'),
  version: SemverSchema.describe('Version of the tool'),
  seed: nonNegativeInt(2 ** 32 - 1).describe('Seed of every random choice (splits, prompts, synthetic data)'),
  command: text(10_000).optional().describe('Command line that built the dataset'),
} satisfies DatasetGeneratorShape);

/** The zod type of `DatasetManifestSchema`. */
export type DatasetManifestShape = {
  formatVersion: z.ZodString;
  name: z.ZodString;
  created: z.ZodISODateTime;
  skeleton: z.ZodString;
  dims: z.ZodLiteral<2 | 3>;
  fps: z.ZodNumber;
  normalisation: z.ZodObject<NormalisationShape, z.core.$strip>;
  languages: z.ZodArray<typeof DatasetLanguageSchema>;
  splits: z.ZodRecord<z.ZodString, typeof DatasetSplitSchema>;
  sources: z.ZodArray<typeof DatasetSourceSchema>;
  promptTemplates: z.ZodDefault<z.ZodArray<typeof PromptTemplateSetSchema>>;
  generator: typeof DatasetGeneratorSchema;
};

function sum(values: readonly { sequences: number; frames: number }[], key: 'sequences' | 'frames'): number {
  return values.reduce((acc, v) => acc + v[key], 0);
}

/**
 * A dataset `manifest.json`. Besides field checks: language codes and shard paths are unique, and
 * the per-language counts add up to the per-split counts.
 *
 * @example
 * ```ts
 * const manifest = parseDatasetManifest(JSON.parse(text));
 * manifest.splits.train?.shards.map((s) => s.path);
 * ```
 */
export const DatasetManifestSchema: z.ZodObject<DatasetManifestShape, z.core.$strip> = z
  .object({
    formatVersion: SemverSchema.describe(
      `Format version of this manifest (semver); this code writes ${DATASET_FORMAT_VERSION}`,
    ),
    name: text(200).describe('Name of the dataset'),
    created: DateTimeSchema.describe('When the dataset was written, ISO 8601 with time zone'),
    skeleton: SkeletonNameSchema.describe('Skeleton of every sequence, e.g. "prompt2sign-50"'),
    dims: z.literal([2, 3]).describe('Coordinates per joint: 2 (x, y) or 3 (x, y, z)'),
    fps: positiveNumber(1000).describe('Frames per second of every sequence'),
    normalisation: NormalisationSchema.describe('How joint coordinates were normalised'),
    languages: z
      .array(DatasetLanguageSchema)
      .min(1)
      .max(1000)
      .describe('Sequence and frame counts per language'),
    splits: z
      .record(
        z
          .string()
          .max(32, { abort: true })
          .regex(/^[a-z][a-z0-9_-]*$/, { error: 'expected a split name like "train", "dev" or "test"' }),
        DatasetSplitSchema,
      )
      .refine((s) => Object.keys(s).length >= 1, { error: 'expected at least one split' })
      .describe('Splits by name ("train", "dev", "test", ...)'),
    sources: z.array(DatasetSourceSchema).min(1).max(1000).describe('Sources the sequences were taken from'),
    promptTemplates: z
      .array(PromptTemplateSetSchema)
      .max(1000)
      .default(() => [])
      .describe('Prompt templates used to make question-style prompts, per language'),
    generator: DatasetGeneratorSchema.describe('The tool run that wrote the dataset'),
  } satisfies DatasetManifestShape)
  .superRefine((m, ctx) => {
    for (const code of duplicates(m.languages.map((l) => l.code))) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: `language "${code}" is listed twice` });
    }
    for (const code of duplicates(m.promptTemplates.map((p) => p.language))) {
      ctx.addIssue({
        code: 'custom',
        path: ['promptTemplates'],
        message: `language "${code}" is listed twice`,
      });
    }
    const splits = Object.values(m.splits);
    const paths = splits.flatMap((s) => s.shards.map((shard) => shard.path));
    for (const path of duplicates(paths)) {
      ctx.addIssue({ code: 'custom', path: ['splits'], message: `shard "${path}" is listed twice` });
    }
    for (const key of ['sequences', 'frames'] as const) {
      const byLanguage = sum(m.languages, key);
      const bySplit = sum(splits, key);
      if (byLanguage !== bySplit) {
        ctx.addIssue({
          code: 'custom',
          path: ['languages'],
          message: `${key} per language add up to ${byLanguage} but ${key} per split add up to ${bySplit}`,
        });
      }
    }
  });

/** A validated dataset manifest. */
export type DatasetManifest = z.infer<typeof DatasetManifestSchema>;

/** A dataset manifest as written (fields with defaults may be left out). */
export type DatasetManifestInput = z.input<typeof DatasetManifestSchema>;

/** One shard, one split, one source of a dataset manifest. */
export type DatasetShard = z.infer<typeof DatasetShardSchema>;
/** One split of a dataset manifest. */
export type DatasetSplit = z.infer<typeof DatasetSplitSchema>;
/** One source of a dataset manifest. */
export type DatasetSource = z.infer<typeof DatasetSourceSchema>;

/**
 * Checks a dataset manifest format version: any 1.x is read, other majors are rejected.
 *
 * @throws SignLLMError `format_unsupported_version` (e.g. `"2.0.0"`), `format_invalid` (not semver).
 * @example
 * ```ts
 * checkDatasetFormatVersion('1.3.0').minor; // 3
 * ```
 */
export function checkDatasetFormatVersion(version: unknown): FormatVersion {
  return checkFormatVersion(version, DATASET_FORMAT_VERSION, 'dataset manifest');
}

/**
 * Validates a parsed `manifest.json`: its format version first (so a future major gets
 * `format_unsupported_version`, not a list of field errors), then every field.
 *
 * @throws SignLLMError `format_unsupported_version` or `schema_invalid`.
 * @example
 * ```ts
 * const manifest = parseDatasetManifest(JSON.parse(readFileSync('manifest.json', 'utf8')));
 * ```
 */
export function parseDatasetManifest(value: unknown): DatasetManifest {
  return parseVersioned(DatasetManifestSchema, value, DATASET_FORMAT_VERSION, 'dataset manifest');
}
