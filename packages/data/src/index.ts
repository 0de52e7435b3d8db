/**
 * @signllm/data: the Prompt2Sign data pipeline, as a typed library and the `signllm-data` CLI.
 * Ingest (OpenPose / DWPose JSON folders, `.pose`, `.skels` quadruples, pose lexicons, video) →
 * clean (map to `prompt2sign-50`, drop low-confidence frames, interpolate) → lift 2D→3D (skeletal
 * model, hand-derived gradients) → normalise → prompts and LangGloss → dataset (Parquet shards +
 * manifest.json), with export back to `.skels` and `.pose`, a synthetic corpus generator, and
 * inspect / stats / validate.
 */

export type { SplitRatios } from './build/assign-split.ts';
export { assignSplit, DEFAULT_SPLITS, parseSplitRatios } from './build/assign-split.ts';
export type { BuildOptions, BuildResult, BuildStats } from './build/build-dataset.ts';
export { BUILD_REPORT_FILE, buildDataset, normalisationFor } from './build/build-dataset.ts';
export type { ConvertOptions, ConvertResult, ConvertTarget } from './build/convert-input.ts';
export { convertInput, convertTarget } from './build/convert-input.ts';
export type { FinishRowOptions } from './build/finish-row.ts';
export { finishRow } from './build/finish-row.ts';
export type { ProcessedSample, ProcessOptions, ProcessReport } from './build/process-sample.ts';
export { processSample } from './build/process-sample.ts';
export type { SynthDatasetOptions } from './build/synth-dataset.ts';
export { synthDataset } from './build/synth-dataset.ts';
export type { CleanOptions, CleanReport, CleanResult, LowConfidenceAction } from './clean/index.ts';
export { cleanSequence, formatCleanReport, interpolateMissing, toPrompt2Sign } from './clean/index.ts';
export type { CliIo } from './cli/main.ts';
export { main } from './cli/main.ts';
export type {
  DatasetProblem,
  DatasetReader,
  DatasetRow,
  DatasetStats,
  DatasetWriterOptions,
} from './dataset/index.ts';
export {
  DatasetWriter,
  datasetStats,
  exportPose,
  exportSkels,
  formatDatasetStats,
  openDataset,
  readDatasetManifest,
  readShard,
  validateDataset,
  writeFileAtomic,
} from './dataset/index.ts';
export type { IngestOptions, InputKind, InputUnit, MetadataIndex, SkippedInput } from './ingest/index.ts';
export { discoverInputs, readInput, readInputs, readMetadataMapping } from './ingest/index.ts';
export type { DetectedInput } from './inspect/detect-format.ts';
export { detectFormat } from './inspect/detect-format.ts';
export { detectSkelsDialect, dialectOfTokens } from './inspect/detect-skels-dialect.ts';
export { formatSummary } from './inspect/format-summary.ts';
export type { InspectOptions } from './inspect/inspect-path.ts';
export { inspectPath } from './inspect/inspect-path.ts';
export type { InspectFormat, InspectSummary, SequenceSummary } from './inspect/inspect-summary.ts';
export type { LexiconRow } from './inspect/read-lexicon-index.ts';
export { parseCsv, readLexiconIndex } from './inspect/read-lexicon-index.ts';
export type { LiftOptions, LiftReport, LiftResult } from './lift/index.ts';
export { liftSequence } from './lift/index.ts';
export type { NormalisationMethod, NormalizedSequence } from './normalize/index.ts';
export {
  DEFAULT_NORMALISATION_METHOD,
  denormalizeSequence,
  NORMALISATION_METHODS,
  normalizeSequence,
} from './normalize/index.ts';
export type { Progress, ProgressOptions } from './progress/index.ts';
export { createProgress, silentProgress } from './progress/index.ts';
export {
  extractSentence,
  formatLangGloss,
  makePrompt,
  PROMPT_TEMPLATES,
  parseLangGloss,
  promptTemplatesFor,
  toLangGloss,
} from './prompts/index.ts';
export type { InputProblem, Sample } from './sample.ts';
export type { SynthOptions, SynthSegment } from './synth/index.ts';
export {
  createSynthCorpus,
  createSynthLexicon,
  generateSynthCorpus,
  generateSynthSample,
} from './synth/index.ts';
export { repairMojibake } from './util/repair-mojibake.ts';
export type { Rng } from './util/rng.ts';
export { createRng, hashString } from './util/rng.ts';
export type { VideoReport } from './video/index.ts';
export { videoToSequence } from './video/index.ts';
