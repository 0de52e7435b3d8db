/**
 * The `.skels` codec: Progressive Transformers (`pt`), Prompt2Sign 2024 (`p2s`) and DWPose 2025
 * (`dwpose`) dialects. Byte-level number parsing, streaming readers holding one line at a time,
 * line-aligned corpora (`.text` / `.gloss` / `.files`), exact writers and `PoseSequence` conversion.
 * See docs/architecture/skels-format.md.
 */
export { DWPOSE_FRAME, DWPOSE_JOINTS, DWPOSE_SKELETON } from './dwpose-layout.ts';
export { formatFixed, formatPythonFloat, roundPython } from './format-fixed.ts';
export { formatSkels, formatSkelsLine } from './format-skels-line.ts';
export type { LineView } from './line-splitter.ts';
export { LineSplitter } from './line-splitter.ts';
export type { FloatSink, TokenContext } from './parse-float-tokens.ts';
export { createFloatSink, parseFloat32Token, parseFloatTokens } from './parse-float-tokens.ts';
export type { ParseSkelsLineOptions } from './parse-skels-line.ts';
export { parseSkelsLine } from './parse-skels-line.ts';
export type { PoseToSkelsOptions } from './pose-sequence-to-skels.ts';
export { poseSequenceToSkels, skelsCounter } from './pose-sequence-to-skels.ts';
export type { IndexedSkelsSequence } from './read-skels.ts';
export { parseSkels, readSkels } from './read-skels.ts';
export type { SkelsCorpusEntry, SkelsCorpusOptions, SkelsCorpusSources } from './read-skels-corpus.ts';
export { readSkelsCorpus } from './read-skels-corpus.ts';
export type { TextLine } from './read-text-lines.ts';
export { readTextLines } from './read-text-lines.ts';
export type {
  ByteSource,
  SkelsDialect,
  SkelsDialectInfo,
  SkelsReadOptions,
  SkelsSequence,
} from './skels-dialect.ts';
export {
  DEFAULT_MAX_LINE_BYTES,
  P2S_MISSING_TEXT,
  P2S_MISSING_VALUE,
  SKELS_DIALECTS,
  skelsDialectInfo,
} from './skels-dialect.ts';
export type { SkelsToPoseOptions } from './skels-to-pose-sequence.ts';
export { skelsToPoseSequence } from './skels-to-pose-sequence.ts';
