/**
 * The zod schemas of SignLLM's contracts (dataset manifest, model and train configs, bundle manifest,
 * HTTP API), their inferred types, `parseWith` for validating outside data into `SignLLMError`s,
 * format-version checks, and JSON Schema export.
 */

export type {
  ErrorResponse,
  HealthResponse,
  InputType,
  LanguagesResponse,
  OutputFormat,
  ReadyResponse,
  ServedLanguage,
  StopReason,
  TranslateQuery,
  TranslateRequest,
  TranslateRequestInput,
  TranslateResponse,
} from './api.ts';
export {
  API_LIMITS,
  ErrorResponseSchema,
  HealthResponseSchema,
  INPUT_TYPES,
  LanguagesResponseSchema,
  OUTPUT_FORMATS,
  ReadyResponseSchema,
  STOP_REASONS,
  TranslateQuerySchema,
  TranslateRequestSchema,
  TranslateResponseSchema,
} from './api.ts';
export type { TranslateStreamEvent } from './api-stream.ts';
export { TranslateStreamEventSchema } from './api-stream.ts';
export type { BundleDecoding, PoseDecoding, Text2GlossDecoding } from './bundle-decoding.ts';
export { BundleDecodingSchema, PoseDecodingSchema, Text2GlossDecodingSchema } from './bundle-decoding.ts';
export type { LayoutProblem } from './bundle-layout.ts';
export { bundleLayoutProblems } from './bundle-layout.ts';
export type {
  BundleManifest,
  BundleManifestInput,
  BundleModelFile,
  BundleTokenizerFile,
} from './bundle-manifest.ts';
export {
  BUNDLE_FORMAT_VERSION,
  BUNDLE_MODES,
  BundleManifestSchema,
  BundleModelFileSchema,
  BundleTokenizerFileSchema,
  checkBundleFormatVersion,
  MODEL_FILE_ROLES,
  ModelCardSchema,
  parseBundleManifest,
  TOKENIZER_ROLES,
  WEIGHT_FORMATS,
} from './bundle-manifest.ts';
export type {
  DatasetManifest,
  DatasetManifestInput,
  DatasetShard,
  DatasetSource,
  DatasetSplit,
  ProvenanceKind,
} from './dataset-manifest.ts';
export {
  checkDatasetFormatVersion,
  DATASET_FORMAT_VERSION,
  DatasetManifestSchema,
  DatasetShardSchema,
  DatasetSplitSchema,
  PROVENANCE_KINDS,
  parseDatasetManifest,
} from './dataset-manifest.ts';
export type { EnumOf } from './fields.ts';
export {
  DateTimeSchema,
  RelativePathSchema,
  SemverSchema,
  Sha256Schema,
  SkeletonNameSchema,
} from './fields.ts';
export type { SchemaIssue } from './format-issues.ts';
export type { FormatVersion } from './format-version.ts';
export { checkFormatVersion, parseFormatVersion } from './format-version.ts';
export type {
  Architecture,
  ModelConfig,
  ModelConfigInput,
  ModelInput,
  ModelMode,
  TokenizerKind,
} from './model-config.ts';
export {
  ArchitectureSchema,
  defaultModelInput,
  MODEL_INPUTS,
  MODEL_MODES,
  ModelConfigSchema,
  ModelModeSchema,
  TOKENIZER_KINDS,
} from './model-config.ts';
export type { Normalisation } from './normalisation.ts';
export { NormalisationSchema } from './normalisation.ts';
export { parseWith } from './parse-with.ts';
export type { SchemaName, ToJsonSchemaOptions } from './to-json-schema.ts';
export { SCHEMA_NAMES, SCHEMAS, toJsonSchema } from './to-json-schema.ts';
export type {
  LossKind,
  RewardTransform,
  TrainBackend,
  TrainConfig,
  TrainConfigInput,
  ValidationTiming,
} from './train-config.ts';
export {
  LOSS_KINDS,
  REWARD_TRANSFORMS,
  TRAIN_BACKENDS,
  TrainConfigSchema,
  VALIDATION_TIMINGS,
} from './train-config.ts';
