/**
 * `bundle.json` of an exported model bundle: format version, mode, languages, skeleton, fps and
 * normalisation of the outputs, tokenizer and ONNX files (with sha256 and size), the ONNX opset and IR
 * version, and the model card. Strip mode: unknown keys are dropped, so a 1.0 reader reads any 1.x
 * bundle; a newer major is refused by `checkBundleFormatVersion` before any field is read.
 */
import { z } from 'zod';
import { LanguageCodeSchema } from '../languages/language-schema.ts';
import { BundleDecodingSchema } from './bundle-decoding.ts';
import { bundleLayoutProblems } from './bundle-layout.ts';
import { PROVENANCE_KINDS } from './dataset-manifest.ts';
import {
  DateTimeSchema,
  duplicates,
  type EnumOf,
  nonNegativeInt,
  positiveInt,
  positiveNumber,
  RelativePathSchema,
  SemverSchema,
  Sha256Schema,
  SkeletonNameSchema,
  text,
} from './fields.ts';
import { checkFormatVersion, type FormatVersion, parseVersioned } from './format-version.ts';
import { TOKENIZER_KINDS } from './model-config.ts';
import { NormalisationSchema, type NormalisationShape } from './normalisation.ts';

/**
 * The bundle format version this code writes; it reads every 1.x.
 *
 * @example
 * ```ts
 * const manifest = { formatVersion: BUNDLE_FORMAT_VERSION, ... };
 * ```
 */
export const BUNDLE_FORMAT_VERSION: string = '1.0.0';

/**
 * Bundle modes: MLSF (a model group per language) or Prompt2LangGloss (shared LangGloss → pose).
 *
 * @example
 * ```ts
 * BUNDLE_MODES; // ['mlsf', 'p2lg']
 * ```
 */
export const BUNDLE_MODES = ['mlsf', 'p2lg'] as const;

/**
 * Roles of the ONNX files in a bundle.
 *
 * @example
 * ```ts
 * MODEL_FILE_ROLES.includes('decoder-step'); // true
 * ```
 */
export const MODEL_FILE_ROLES = [
  'encoder',
  'decoder-step',
  'text2gloss-encoder',
  'text2gloss-decoder-step',
] as const;

/**
 * Roles of tokenizer files: the input vocabulary, the LangGloss vocabulary the Prompt2LangGloss pose
 * model reads, and the LangGloss vocabulary its text → LangGloss model writes (when that one differs).
 *
 * @example
 * ```ts
 * TOKENIZER_ROLES; // ['source', 'langgloss', 'text2gloss-target']
 * ```
 */
export const TOKENIZER_ROLES = ['source', 'langgloss', 'text2gloss-target'] as const;

/** The zod type of `BundleModelFileSchema`. */
export type BundleModelFileShape = {
  path: z.ZodString;
  sha256: z.ZodString;
  sizeBytes: z.ZodNumber;
  role: EnumOf<typeof MODEL_FILE_ROLES>;
  language: z.ZodOptional<z.ZodString>;
};

/**
 * One ONNX file of the bundle.
 *
 * @example
 * ```ts
 * BundleModelFileSchema.parse({ path: 'ase/encoder.onnx', sha256: digest, sizeBytes: 12650112, role: 'encoder', language: 'ase' });
 * ```
 */
export const BundleModelFileSchema: z.ZodObject<BundleModelFileShape, z.core.$strip> = z.object({
  path: RelativePathSchema.refine((p) => p.endsWith('.onnx'), {
    error: 'expected a path ending in ".onnx"',
  }).describe('ONNX file, relative to the bundle folder'),
  sha256: Sha256Schema.describe('SHA-256 of the file, 64 lowercase hex digits'),
  sizeBytes: nonNegativeInt().describe('Size of the file in bytes'),
  role: z
    .enum(MODEL_FILE_ROLES)
    .describe(
      '"encoder" (source → memory), "decoder-step" (one frame with key/value cache), or the text → LangGloss pair of Prompt2LangGloss',
    ),
  language: LanguageCodeSchema.optional().describe('For MLSF: the language of this model group'),
} satisfies BundleModelFileShape);

/** The zod type of `BundleTokenizerFileSchema`. */
export type BundleTokenizerFileShape = {
  path: z.ZodString;
  sha256: z.ZodString;
  role: EnumOf<typeof TOKENIZER_ROLES>;
  kind: EnumOf<typeof TOKENIZER_KINDS>;
  vocabSize: z.ZodNumber;
  language: z.ZodOptional<z.ZodString>;
};

/**
 * One tokenizer (vocabulary) file of the bundle.
 *
 * @example
 * ```ts
 * BundleTokenizerFileSchema.parse({ path: 'vocab/ase.txt', sha256: digest, role: 'source', kind: 'word', vocabSize: 5012 });
 * ```
 */
export const BundleTokenizerFileSchema: z.ZodObject<BundleTokenizerFileShape, z.core.$strip> = z.object({
  path: RelativePathSchema.describe('Vocabulary file, relative to the bundle folder'),
  sha256: Sha256Schema.describe('SHA-256 of the file, 64 lowercase hex digits'),
  role: z
    .enum(TOKENIZER_ROLES)
    .describe(
      '"source": model input vocabulary; "langgloss": LangGloss vocabulary of the pose model; "text2gloss-target": LangGloss vocabulary the text → LangGloss model writes (absent: "langgloss")',
    ),
  kind: z.enum(TOKENIZER_KINDS).describe('"word" or "subword"'),
  vocabSize: positiveInt(1_000_000).describe('Vocabulary size including special tokens'),
  language: LanguageCodeSchema.optional().describe('For a per-language vocabulary: its language'),
} satisfies BundleTokenizerFileShape);

/**
 * How the weights of the matrix products are stored in the ONNX files.
 *
 * @example
 * ```ts
 * WEIGHT_FORMATS; // ['float32', 'int8']
 * ```
 */
export const WEIGHT_FORMATS = ['float32', 'int8'] as const;

/** The zod type of `BundleOnnxSchema`. */
export type BundleOnnxShape = {
  opset: z.ZodNumber;
  irVersion: z.ZodNumber;
  weights: z.ZodDefault<EnumOf<typeof WEIGHT_FORMATS>>;
};

/** ONNX versions the files need from a runtime, and the weight format. */
export const BundleOnnxSchema: z.ZodObject<BundleOnnxShape, z.core.$strip> = z.object({
  opset: positiveInt(1000).describe('Default-domain opset version of every ONNX file'),
  irVersion: positiveInt(1000).describe('ONNX IR version of every ONNX file'),
  weights: z
    .enum(WEIGHT_FORMATS)
    .default('float32')
    .describe(
      '"float32": the trained weights; "int8": the large matrix products with per-column int8 weights (DynamicQuantizeLinear + MatMulInteger), about 4× smaller',
    ),
} satisfies BundleOnnxShape);

/** The zod type of `TrainingDataSchema`. */
export type TrainingDataShape = {
  name: z.ZodString;
  licence: z.ZodString;
  provenance: z.ZodString;
  url: z.ZodOptional<z.ZodString>;
  kind: z.ZodOptional<EnumOf<typeof PROVENANCE_KINDS>>;
  languages: z.ZodOptional<z.ZodArray<z.ZodString>>;
};

/** One dataset the model was trained on. */
export const TrainingDataSchema: z.ZodObject<TrainingDataShape, z.core.$strip> = z.object({
  name: text(200).describe('Dataset or source name'),
  licence: text(200).describe(
    'Its licence (SPDX id where one exists); non-commercial terms carry over to the model',
  ),
  provenance: text(2000).describe('Where it came from: repository and path, paper, or "synthetic"'),
  url: text(2000).optional().describe('Web address, when it has one'),
  kind: z
    .enum(PROVENANCE_KINDS)
    .optional()
    .describe('"real" for recorded signers, "synthetic" for generated data (absent: not recorded)'),
  languages: z
    .array(LanguageCodeSchema)
    .max(1000)
    .optional()
    .describe('ISO codes of the languages it contributed (absent: not recorded)'),
} satisfies TrainingDataShape);

/** The zod type of `MetricSchema`. */
export type MetricShape = {
  name: z.ZodString;
  value: z.ZodNumber;
  split: z.ZodOptional<z.ZodString>;
  language: z.ZodOptional<z.ZodString>;
};

/** One evaluation result. */
export const MetricSchema: z.ZodObject<MetricShape, z.core.$strip> = z.object({
  name: text(64).describe('Metric name, e.g. "dtw", "bleu4", "rougeL"'),
  value: z.number().describe('Metric value'),
  split: text(32).optional().describe('Split it was measured on, e.g. "dev" or "test"'),
  language: LanguageCodeSchema.optional().describe('Language it was measured on; absent = all'),
} satisfies MetricShape);

/** The zod type of `ModelCardSchema`. */
export type ModelCardShape = {
  name: z.ZodOptional<z.ZodString>;
  description: z.ZodOptional<z.ZodString>;
  licence: z.ZodString;
  trainingData: z.ZodArray<typeof TrainingDataSchema>;
  config: z.ZodDefault<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
  metrics: z.ZodDefault<z.ZodArray<typeof MetricSchema>>;
  limitations: z.ZodDefault<z.ZodArray<z.ZodString>>;
  intendedUse: z.ZodString;
};

/**
 * What the model is, what it was trained on, how well it does and what it must not be used for.
 *
 * @example
 * ```ts
 * ModelCardSchema.parse({ licence: 'CC-BY-NC-SA-4.0', trainingData: [phoenix], intendedUse: 'research' });
 * ```
 */
export const ModelCardSchema: z.ZodObject<ModelCardShape, z.core.$strip> = z.object({
  name: text(200).optional().describe('Model name'),
  description: text(10_000).optional().describe('Short description'),
  licence: text(200).describe('Licence of the model weights (at least as restrictive as its training data)'),
  trainingData: z
    .array(TrainingDataSchema)
    .min(1)
    .max(1000)
    .describe('Datasets the model was trained on, with licences'),
  config: z
    .record(z.string().max(256), z.unknown())
    .default(() => ({}))
    .describe('Model and training configuration used, as signllm-train wrote them (informational)'),
  metrics: z
    .array(MetricSchema)
    .max(10_000)
    .default(() => [])
    .describe('Evaluation results'),
  limitations: z
    .array(text(2000))
    .max(1000)
    .default(() => [])
    .describe('Known limitations, one per entry'),
  intendedUse: text(10_000).describe('What the model is for (and what it is not for)'),
} satisfies ModelCardShape);

/** The zod type of `BundleManifestSchema`. */
export type BundleManifestShape = {
  formatVersion: z.ZodString;
  mode: EnumOf<typeof BUNDLE_MODES>;
  languages: z.ZodArray<z.ZodString>;
  skeleton: z.ZodString;
  fps: z.ZodNumber;
  normalisation: z.ZodObject<NormalisationShape, z.core.$strip>;
  tokenizers: z.ZodArray<typeof BundleTokenizerFileSchema>;
  models: z.ZodArray<typeof BundleModelFileSchema>;
  onnx: typeof BundleOnnxSchema;
  decoding: typeof BundleDecodingSchema;
  promptTemplates: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodArray<z.ZodString>>>;
  modelCard: typeof ModelCardSchema;
  created: z.ZodOptional<z.ZodISODateTime>;
};

/**
 * A `bundle.json`. Besides field checks: languages and file paths unique, and the files fit the mode
 * (see `bundleLayoutProblems`). Use `parseBundleManifest` to also check the format version first.
 *
 * @example
 * ```ts
 * const manifest = parseBundleManifest(JSON.parse(text));
 * manifest.models.find((m) => m.role === 'encoder')?.path;
 * ```
 */
export const BundleManifestSchema: z.ZodObject<BundleManifestShape, z.core.$strip> = z
  .object({
    formatVersion: SemverSchema.describe(
      `Bundle format version (semver); this code writes ${BUNDLE_FORMAT_VERSION}`,
    ),
    mode: z
      .enum(BUNDLE_MODES)
      .describe(
        '"mlsf": an encoder and decoder step per language; "p2lg": text → LangGloss, then one shared LangGloss → pose model',
      ),
    languages: z
      .array(LanguageCodeSchema)
      .min(1)
      .max(256)
      .describe('ISO codes of the languages the bundle serves'),
    skeleton: SkeletonNameSchema.describe('Skeleton of the generated poses, e.g. "prompt2sign-50"'),
    fps: positiveNumber(1000).describe('Frames per second of the generated poses'),
    normalisation: NormalisationSchema.describe(
      'Normalisation of the training data, to undo on generated poses',
    ),
    tokenizers: z.array(BundleTokenizerFileSchema).min(1).max(1000).describe('Tokenizer vocabulary files'),
    models: z.array(BundleModelFileSchema).min(1).max(1000).describe('ONNX files'),
    onnx: BundleOnnxSchema.describe('ONNX opset and IR version'),
    decoding: BundleDecodingSchema.describe(
      'What a runtime needs to drive the graphs: input kinds, cache sizes, length limits, stop threshold',
    ),
    promptTemplates: z
      .record(LanguageCodeSchema, z.array(text(1000)).max(1000))
      .optional()
      .describe(
        'Question-style prompt templates per language ("{}" marks the sentence), from the training data',
      ),
    modelCard: ModelCardSchema.describe(
      'Model card: training data and licences, config, metrics, limitations, intended use',
    ),
    created: DateTimeSchema.optional().describe('When the bundle was exported, ISO 8601 with time zone'),
  } satisfies BundleManifestShape)
  .superRefine((m, ctx) => {
    for (const code of duplicates(m.languages)) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: `language "${code}" is listed twice` });
    }
    for (const path of duplicates([...m.models.map((f) => f.path), ...m.tokenizers.map((f) => f.path)])) {
      ctx.addIssue({ code: 'custom', path: ['models'], message: `file "${path}" is listed twice` });
    }
    for (const problem of bundleLayoutProblems(m)) ctx.addIssue({ code: 'custom', ...problem });
    const hasText2Gloss = m.models.some((f) => f.role === 'text2gloss-encoder');
    if (hasText2Gloss !== (m.decoding.text2gloss !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['decoding', 'text2gloss'],
        message: hasText2Gloss
          ? 'missing; the bundle has text2gloss models'
          : 'present, but the bundle has no text2gloss models',
      });
    }
  });

/** A validated bundle manifest. */
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

/** A bundle manifest as written (fields with defaults may be left out). */
export type BundleManifestInput = z.input<typeof BundleManifestSchema>;

/** One ONNX file entry of a bundle manifest. */
export type BundleModelFile = z.infer<typeof BundleModelFileSchema>;

/** One tokenizer file entry of a bundle manifest. */
export type BundleTokenizerFile = z.infer<typeof BundleTokenizerFileSchema>;

/**
 * Checks a bundle format version: any 1.x is read; a newer major is refused with a message saying to
 * upgrade, an older major with one saying to re-export.
 *
 * @throws SignLLMError `format_unsupported_version`, or `format_invalid` when not semver.
 * @example
 * ```ts
 * checkBundleFormatVersion('1.2.0'); // { major: 1, minor: 2, patch: 0, prerelease: undefined }
 * checkBundleFormatVersion('2.0.0'); // throws format_unsupported_version
 * ```
 */
export function checkBundleFormatVersion(version: unknown): FormatVersion {
  return checkFormatVersion(version, BUNDLE_FORMAT_VERSION, 'bundle.json');
}

/**
 * Validates a parsed `bundle.json`: the format version first, then every field.
 *
 * @throws SignLLMError `format_unsupported_version` or `schema_invalid`.
 * @example
 * ```ts
 * const manifest = parseBundleManifest(await (await fetch('/model/bundle.json')).json());
 * ```
 */
export function parseBundleManifest(value: unknown): BundleManifest {
  return parseVersioned(BundleManifestSchema, value, BUNDLE_FORMAT_VERSION, 'bundle.json');
}
