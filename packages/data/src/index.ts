/**
 * @signllm/data: the Prompt2Sign data pipeline. Today: reading and summarising every supported input
 * (`inspectPath`, the `signllm-data inspect` command) and pose-lexicon indexes. Ingest, cleaning,
 * 2D→3D lifting, normalisation and dataset building arrive with the data-pipeline milestone.
 */

export type { CliIo } from './cli/main.ts';
export { main } from './cli/main.ts';
export type { DetectedInput } from './inspect/detect-format.ts';
export { detectFormat } from './inspect/detect-format.ts';
export { detectSkelsDialect, dialectOfTokens } from './inspect/detect-skels-dialect.ts';
export { formatSummary } from './inspect/format-summary.ts';
export type { InspectOptions } from './inspect/inspect-path.ts';
export { inspectPath } from './inspect/inspect-path.ts';
export type { InspectFormat, InspectSummary, SequenceSummary } from './inspect/inspect-summary.ts';
export type { LexiconRow } from './inspect/read-lexicon-index.ts';
export { parseCsv, readLexiconIndex } from './inspect/read-lexicon-index.ts';
