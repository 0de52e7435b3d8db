/**
 * Checks that a Parquet file is a dataset shard this code reads: the row schema (column names, leaf
 * types, list or not) and the key-value metadata (format major version, scales, layouts, skeleton).
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { FileMetaData, SchemaElement } from 'hyparquet';
import {
  CONFIDENCE_LAYOUT,
  POSE_LAYOUT,
  SHARD_COLUMN_TYPES,
  SHARD_COLUMNS,
  SHARD_FORMAT_VERSION,
  SHARD_METADATA_KEYS,
} from './shard-format.ts';

interface TopColumn {
  list: boolean;
  leafType: string | undefined;
}

/** Top-level columns of a flat Parquet schema: name → leaf type and whether it is a one-level list. */
function topColumns(schema: readonly SchemaElement[]): Map<string, TopColumn> {
  const out = new Map<string, TopColumn>();
  const root = schema[0];
  let i = 1;
  const skip = (): void => {
    const el = schema[i++];
    for (let c = 0; c < (el?.num_children ?? 0); c++) skip();
  };
  for (let c = 0; c < (root?.num_children ?? 0) && i < schema.length; c++) {
    const el = schema[i]!;
    if (!el.num_children) {
      out.set(el.name, { list: false, leafType: el.type });
      i++;
      continue;
    }
    const mid = schema[i + 1];
    const leaf = schema[i + 2];
    const isList =
      el.converted_type === 'LIST' &&
      el.num_children === 1 &&
      mid?.repetition_type === 'REPEATED' &&
      mid.num_children === 1 &&
      leaf !== undefined &&
      !leaf.num_children;
    out.set(el.name, { list: isList, leafType: isList ? leaf.type : undefined });
    skip();
  }
  return out;
}

/**
 * Validates the shard's schema and metadata and returns its skeleton name. Throws `badFormat` naming
 * the missing or mistyped column (and the expected columns), `unsupportedVersion` for a shard format
 * of another major version.
 *
 * @example
 * ```ts
 * const skeleton = checkShardLayout(parquetMetadata(buffer), 'train/shard-00000.parquet');
 * ```
 */
export function checkShardLayout(metadata: FileMetaData, source: string): string {
  const columns = topColumns(metadata.schema);
  for (const name of SHARD_COLUMNS) {
    const want = SHARD_COLUMN_TYPES[name];
    const got = columns.get(name);
    if (got === undefined || got.list !== want.list || got.leafType !== want.type) {
      const expected = `${want.list ? 'list<' : ''}${want.type}${want.list ? '>' : ''}`;
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `${source}: not a SignLLM dataset shard: column "${name}" ${got === undefined ? 'is missing' : 'has the wrong type'} ` +
          `(expected ${expected}; a shard has the columns ${SHARD_COLUMNS.join(', ')})`,
        { position: { source }, details: { column: name, expected } },
      );
    }
  }
  const kv = new Map((metadata.key_value_metadata ?? []).map((e) => [e.key, e.value ?? '']));
  const k = SHARD_METADATA_KEYS;
  const version = kv.get(k.format);
  if (version === undefined) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${source}: no "${k.format}" metadata; not a SignLLM shard`,
      {
        position: { source },
      },
    );
  }
  const major = version.split('.')[0];
  if (major !== SHARD_FORMAT_VERSION.split('.')[0]) {
    throw new SignLLMError(
      ERROR_CODES.unsupportedVersion,
      `${source}: shard format ${version} is not supported; this code reads ${SHARD_FORMAT_VERSION.split('.')[0]}.x`,
      { position: { source }, details: { version } },
    );
  }
  const expect: [string, string][] = [
    [k.poseScale, '1e-5'],
    [k.poseLayout, POSE_LAYOUT],
    [k.confidenceScale, '1/255'],
    [k.confidenceLayout, CONFIDENCE_LAYOUT],
  ];
  for (const [key, value] of expect) {
    if (kv.get(key) !== value) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `${source}: metadata "${key}" is ${JSON.stringify(kv.get(key) ?? null)}, expected ${JSON.stringify(value)}`,
        { position: { source } },
      );
    }
  }
  const skeleton = kv.get(k.skeleton);
  if (!skeleton) {
    throw new SignLLMError(ERROR_CODES.badFormat, `${source}: no "${k.skeleton}" metadata`, {
      position: { source },
    });
  }
  return skeleton;
}
