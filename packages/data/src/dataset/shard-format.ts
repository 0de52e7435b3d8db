/**
 * The row layout of a dataset Parquet shard: column names and types, the explicit Parquet schema, and
 * the key-value file metadata that makes a shard self-describing (see FORMAT.md in this folder).
 *
 * Pose values are stored as INT32 on the 5-decimal grid (value = int × 1e-5, exactly what `.skels`
 * keeps), channel-major: `pose[(joint * dims + dim) * frames + frame]`, so consecutive values are one
 * coordinate over time and DELTA_BINARY_PACKED stores small differences. Confidence is quantised to
 * 0..255 (value = int / 255), joint-major: `confidence[joint * frames + frame]`.
 */
import type { SchemaElement } from 'hyparquet-writer';

/** Version of the shard row layout, stored in every shard's metadata (`signllm.shard_format`). */
export const SHARD_FORMAT_VERSION = '1.0.0';

/** Pose values are `int × POSE_SCALE` (the 5-decimal grid of `.skels`). */
export const POSE_SCALE = 1e-5;

/** Integers per unit of pose coordinate (`1 / POSE_SCALE`). */
export const POSE_UNITS = 100_000;

/** Confidence is stored as `round(c × CONFIDENCE_LEVELS)`, with any c > 0 stored as at least 1. */
export const CONFIDENCE_LEVELS = 255;

/** Largest |coordinate| the INT32 grid holds: (2³¹ − 1) × 1e-5 ≈ 21474.8. */
export const MAX_ABS_POSE_VALUE: number = (2 ** 31 - 1) / POSE_UNITS;

/** Names of the Parquet key-value metadata entries every shard carries. */
export const SHARD_METADATA_KEYS = {
  format: 'signllm.shard_format',
  skeleton: 'signllm.skeleton',
  poseScale: 'signllm.pose.scale',
  poseLayout: 'signllm.pose.layout',
  confidenceScale: 'signllm.confidence.scale',
  confidenceLayout: 'signllm.confidence.layout',
  negativeZero: 'signllm.pose_neg_zero',
} as const;

/** The layout descriptions written to the metadata (and checked by readers). */
export const POSE_LAYOUT = 'channel-major: pose[(joint*dims + dim)*frames + frame]';
/** Confidence layout description written to the metadata. */
export const CONFIDENCE_LAYOUT = 'joint-major: confidence[joint*frames + frame]';

const STRING_COLUMNS = [
  'id',
  'split',
  'language',
  'text',
  'gloss',
  'prompt',
  'lang_gloss',
  'source',
] as const;

/** The columns of a shard row, in file order. */
export const SHARD_COLUMNS = [
  ...STRING_COLUMNS,
  'flags',
  'frames',
  'fps',
  'joints',
  'dims',
  'pose',
  'pose_neg_zero',
  'confidence',
] as const;

/** One shard column name. */
export type ShardColumn = (typeof SHARD_COLUMNS)[number];

const INT_COLUMNS = ['frames', 'joints', 'dims'] as const;
const INT_LIST_COLUMNS = ['pose', 'pose_neg_zero', 'confidence'] as const;

function listOf(name: string, element: SchemaElement): SchemaElement[] {
  return [
    { name, converted_type: 'LIST', repetition_type: 'REQUIRED', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { ...element, name: 'element', repetition_type: 'REQUIRED' },
  ];
}

/**
 * The explicit Parquet schema of a shard: every column REQUIRED; `flags` is `list<string>`, `pose`,
 * `pose_neg_zero` and `confidence` are `list<int32>`.
 *
 * @example
 * ```ts
 * shardSchema()[0]; // { name: 'root', num_children: 16 }
 * ```
 */
export function shardSchema(): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'root', num_children: SHARD_COLUMNS.length }];
  for (const column of SHARD_COLUMNS) {
    if ((STRING_COLUMNS as readonly string[]).includes(column)) {
      out.push({ name: column, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
    } else if ((INT_COLUMNS as readonly string[]).includes(column)) {
      out.push({ name: column, type: 'INT32', repetition_type: 'REQUIRED' });
    } else if (column === 'fps') {
      out.push({ name: column, type: 'DOUBLE', repetition_type: 'REQUIRED' });
    } else if (column === 'flags') {
      out.push(...listOf(column, { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8' }));
    } else if ((INT_LIST_COLUMNS as readonly string[]).includes(column)) {
      out.push(...listOf(column, { name: 'element', type: 'INT32' }));
    }
  }
  return out;
}

/** The physical type a reader expects for each column's leaf (`list` columns: the element's). */
export const SHARD_COLUMN_TYPES: Readonly<Record<ShardColumn, { type: string; list: boolean }>> = {
  id: { type: 'BYTE_ARRAY', list: false },
  split: { type: 'BYTE_ARRAY', list: false },
  language: { type: 'BYTE_ARRAY', list: false },
  text: { type: 'BYTE_ARRAY', list: false },
  gloss: { type: 'BYTE_ARRAY', list: false },
  prompt: { type: 'BYTE_ARRAY', list: false },
  lang_gloss: { type: 'BYTE_ARRAY', list: false },
  source: { type: 'BYTE_ARRAY', list: false },
  flags: { type: 'BYTE_ARRAY', list: true },
  frames: { type: 'INT32', list: false },
  fps: { type: 'DOUBLE', list: false },
  joints: { type: 'INT32', list: false },
  dims: { type: 'INT32', list: false },
  pose: { type: 'INT32', list: true },
  pose_neg_zero: { type: 'INT32', list: true },
  confidence: { type: 'INT32', list: true },
};

/**
 * The key-value metadata written into every shard: format version, skeleton, scales and layouts.
 *
 * @example
 * ```ts
 * shardKvMetadata('prompt2sign-50').find((kv) => kv.key === 'signllm.pose.scale')?.value; // '1e-5'
 * ```
 */
export function shardKvMetadata(skeleton: string): { key: string; value: string }[] {
  const k = SHARD_METADATA_KEYS;
  return [
    { key: k.format, value: SHARD_FORMAT_VERSION },
    { key: k.skeleton, value: skeleton },
    { key: k.poseScale, value: '1e-5' },
    { key: k.poseLayout, value: POSE_LAYOUT },
    { key: k.confidenceScale, value: '1/255' },
    { key: k.confidenceLayout, value: CONFIDENCE_LAYOUT },
    {
      key: k.negativeZero,
      value: 'indices into pose whose value is -0.0 (int 0 written "-0.00000" by .skels); ignorable',
    },
  ];
}
