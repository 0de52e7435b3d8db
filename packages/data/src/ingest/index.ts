/**
 * Ingest: turns any supported input (OpenPose / DWPose frame folders, `.pose`, `.skels` corpora,
 * pose lexicons, video) into `Sample`s with text, gloss and language, and reports bad inputs.
 */
export type { DiscoverOptions } from './discover-inputs.ts';
export { discoverInputs, VIDEO_EXTENSIONS } from './discover-inputs.ts';
export { fillFrameGaps } from './fill-frame-gaps.ts';
export type { InputKind, InputUnit, SkippedInput } from './input-unit.ts';
export { INPUT_KINDS } from './input-unit.ts';
export type { MetadataEntry, MetadataIndex } from './metadata-index.ts';
export { baseId, createMetadataIndex, normaliseId } from './metadata-index.ts';
export { METADATA_COLUMNS, recordToEntry } from './metadata-record.ts';
export type { FramesUnitOptions } from './read-frames-unit.ts';
export { clipName, GAPS_FILLED_FLAG, readFramesUnit } from './read-frames-unit.ts';
export type { IngestOptions } from './read-input.ts';
export { readInput, resolveIngestOptions, toInputError } from './read-input.ts';
export { readInputs } from './read-inputs.ts';
export { readLexiconUnit } from './read-lexicon-unit.ts';
export type { MetadataMappingOptions } from './read-metadata-mapping.ts';
export { readMetadataMapping } from './read-metadata-mapping.ts';
export { readPoseUnit } from './read-pose-unit.ts';
export type { SkelsUnitOptions } from './read-skels-unit.ts';
export { readSkelsUnit, resolveSkelsDialect } from './read-skels-unit.ts';
export type { VideoDecoder, VideoUnitOptions } from './read-video-unit.ts';
export { readVideoUnit } from './read-video-unit.ts';
export { SPLIT_NAMES, splitFromId, unquoteCsvLine } from './split-from-id.ts';
