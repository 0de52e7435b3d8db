/**
 * Reads one dataset Parquet shard (hyparquet), one row group at a time: size and SHA-256 checks
 * against the manifest, the row schema and layout metadata, then every row back to a `DatasetRow`
 * with a `PoseSequence`. Every failure is a `SignLLMError` naming the shard.
 */
import { readFile, stat } from 'node:fs/promises';
import { createPoseSequence, ERROR_CODES, getSkeleton, SignLLMError, type Skeleton } from '@signllm/core';
import { type FileMetaData, parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { DatasetRow } from './dataset-row.ts';
import { decodePose } from './pose-codec.ts';
import { readInt32ListColumn } from './read-int32-list-column.ts';
import { sha256Hex } from './sha256.ts';
import { SHARD_COLUMNS } from './shard-format.ts';
import { checkShardLayout } from './shard-layout.ts';

/** Largest shard file read into memory (1 GiB). */
export const MAX_SHARD_BYTES: number = 1024 ** 3;

/** Options of `readShard` / `decodeShard`. */
export interface ReadShardOptions {
  /** Expected SHA-256 (from the manifest); a different digest throws `badFormat`. */
  sha256?: string;
  /** Expected size in bytes; a shorter file throws `truncated`, a longer one `badFormat`. */
  bytes?: number;
  /** Expected skeleton name (from the manifest). */
  skeleton?: string;
  /** Label for error messages (default: the path). */
  source?: string;
}

function fail(code: (typeof ERROR_CODES)[keyof typeof ERROR_CODES], source: string, message: string) {
  return new SignLLMError(code, `${source}: ${message}`, { position: { source } });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
    return bytes.buffer as ArrayBuffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}

function intList(value: unknown, what: string, source: string, row: string): ArrayLike<number> {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    throw fail(ERROR_CODES.badFormat, source, `row "${row}": ${what} is not a list`);
  }
  return value as ArrayLike<number>;
}

const LIST_COLUMNS = ['pose', 'confidence'] as const;
const OTHER_COLUMNS: string[] = SHARD_COLUMNS.filter((c) => !(LIST_COLUMNS as readonly string[]).includes(c));

/**
 * One row group through the fast path: the scalar and small columns through hyparquet, `pose` and
 * `confidence` decoded flat (`readInt32ListColumn`) and cut by each row's frames × joints (× dims).
 * `undefined` when a column is not in the fast layout or a row's shape is not usable (then the
 * generic reader runs and reports whatever is wrong).
 */
async function readGroupFast(
  bytes: Uint8Array,
  buffer: ArrayBuffer,
  metadata: FileMetaData,
  group: number,
  rowStart: number,
  rowEnd: number,
): Promise<Record<string, unknown>[] | undefined> {
  const pose = readInt32ListColumn(bytes, metadata, group, 'pose');
  const confidence = pose && readInt32ListColumn(bytes, metadata, group, 'confidence');
  if (!pose || !confidence) return undefined;
  const raws = await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd, columns: OTHER_COLUMNS });
  let p = 0;
  let c = 0;
  for (const raw of raws) {
    const { frames, joints, dims } = raw;
    if (![frames, joints, dims].every((v) => Number.isSafeInteger(v) && (v as number) >= 0)) return undefined;
    const perFrame = (frames as number) * (joints as number);
    if (p + perFrame * (dims as number) > pose.length || c + perFrame > confidence.length) return undefined;
    const n = perFrame * (dims as number);
    raw.pose = pose.subarray(p, p + n);
    raw.confidence = confidence.subarray(c, c + perFrame);
    p += n;
    c += perFrame;
  }
  return p === pose.length && c === confidence.length ? raws : undefined;
}

function decodeRow(raw: Record<string, unknown>, skeleton: Skeleton, source: string): DatasetRow {
  const id = typeof raw.id === 'string' ? raw.id : '(no id)';
  const where = `row "${id}"`;
  const str = (key: string): string => {
    const v = raw[key];
    if (typeof v !== 'string') throw fail(ERROR_CODES.badFormat, source, `${where}: ${key} is not a string`);
    return v;
  };
  const { frames, joints, dims, fps } = raw;
  if (typeof frames !== 'number' || !Number.isInteger(frames) || frames < 1) {
    throw fail(
      ERROR_CODES.badFormat,
      source,
      `${where}: frames is ${String(frames)}, not a positive integer`,
    );
  }
  if (joints !== skeleton.joints.length) {
    throw fail(
      ERROR_CODES.shapeMismatch,
      source,
      `${where}: joints is ${String(joints)}, but skeleton "${skeleton.name}" has ${skeleton.joints.length}`,
    );
  }
  if (dims !== 2 && dims !== 3)
    throw fail(ERROR_CODES.badFormat, source, `${where}: dims is ${String(dims)}`);
  if (typeof fps !== 'number' || !(fps > 0) || !Number.isFinite(fps)) {
    throw fail(ERROR_CODES.badFormat, source, `${where}: fps is ${String(fps)}`);
  }
  const pose = intList(raw.pose, 'pose', source, id);
  const negZero = intList(raw.pose_neg_zero, 'pose_neg_zero', source, id);
  const confidence = intList(raw.confidence, 'confidence', source, id);
  if (pose.length !== frames * joints * dims || confidence.length !== frames * joints) {
    throw fail(
      ERROR_CODES.shapeMismatch,
      source,
      `${where}: pose has ${pose.length} values and confidence ${confidence.length}, expected ` +
        `${frames} frames × ${joints} joints × ${dims} = ${frames * joints * dims} and ${frames * joints}`,
    );
  }
  for (let i = 0; i < confidence.length; i++) {
    const c = confidence[i]!;
    if (!(c >= 0 && c <= 255)) throw fail(ERROR_CODES.invalidNumber, source, `${where}: confidence ${c}`);
  }
  for (let i = 0; i < negZero.length; i++) {
    const k = negZero[i]!;
    if (!(k >= 0 && k < pose.length) || pose[k] !== 0) {
      throw fail(ERROR_CODES.badFormat, source, `${where}: pose_neg_zero index ${k} is not a zero of pose`);
    }
  }
  const flags = raw.flags;
  if (!Array.isArray(flags) || flags.some((f) => typeof f !== 'string')) {
    throw fail(ERROR_CODES.badFormat, source, `${where}: flags is not a list of strings`);
  }
  const decoded = decodePose({ frames, joints, dims, pose, negZero, confidence });
  const sequence = createPoseSequence({ skeleton, fps, dims, frames, ...decoded });
  return {
    id: str('id'),
    split: str('split'),
    language: str('language'),
    text: str('text'),
    gloss: str('gloss'),
    prompt: str('prompt'),
    langGloss: str('lang_gloss'),
    source: str('source'),
    flags: flags as string[],
    sequence,
  };
}

/**
 * Decodes shard bytes already in memory (checking `sha256` / `bytes` when given), one row group at a
 * time. Throws `truncated`, `badFormat` (checksum, not Parquet, wrong row schema or layout),
 * `unsupportedVersion`, `unknownSkeleton`, `shapeMismatch` or `invalidNumber`.
 *
 * @example
 * ```ts
 * for await (const row of decodeShard(bytes, { source: 'train/shard-00000.parquet' })) console.log(row.id);
 * ```
 */
export async function* decodeShard(
  bytes: Uint8Array,
  options: ReadShardOptions = {},
): AsyncGenerator<DatasetRow, void, undefined> {
  const source = options.source ?? 'shard';
  if (options.bytes !== undefined && bytes.length !== options.bytes) {
    const shorter = bytes.length < options.bytes;
    throw fail(
      shorter ? ERROR_CODES.truncated : ERROR_CODES.badFormat,
      source,
      `the file has ${bytes.length} bytes but the manifest says ${options.bytes}` +
        (shorter ? ' (truncated)' : ''),
    );
  }
  if (options.sha256 !== undefined) {
    const digest = sha256Hex(bytes);
    if (digest !== options.sha256) {
      throw fail(
        ERROR_CODES.badFormat,
        source,
        `SHA-256 mismatch: the file is ${digest}, the manifest says ${options.sha256} (corrupt or changed)`,
      );
    }
  }
  const buffer = toArrayBuffer(bytes);
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(buffer);
  } catch (error) {
    throw new SignLLMError(
      bytes.length < 12 ? ERROR_CODES.truncated : ERROR_CODES.badFormat,
      `${source}: not a readable Parquet file (${(error as Error).message})`,
      { position: { source }, cause: error },
    );
  }
  const skeletonName = checkShardLayout(metadata, source);
  if (options.skeleton !== undefined && options.skeleton !== skeletonName) {
    throw fail(
      ERROR_CODES.badFormat,
      source,
      `the shard holds skeleton "${skeletonName}" but the manifest says "${options.skeleton}"`,
    );
  }
  const skeleton = getSkeleton(skeletonName);
  let rowStart = 0;
  for (const [groupIndex, group] of metadata.row_groups.entries()) {
    const rowEnd = rowStart + Number(group.num_rows);
    let raws: Record<string, unknown>[];
    try {
      raws =
        (await readGroupFast(bytes, buffer, metadata, groupIndex, rowStart, rowEnd)) ??
        (await parquetReadObjects({ file: buffer, metadata, rowStart, rowEnd }));
    } catch (error) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `${source}: corrupt Parquet data in rows ${rowStart}..${rowEnd - 1} (${(error as Error).message})`,
        { position: { source }, cause: error },
      );
    }
    if (raws.length !== rowEnd - rowStart) {
      throw fail(
        ERROR_CODES.badFormat,
        source,
        `row group holds ${raws.length} rows, expected ${rowEnd - rowStart}`,
      );
    }
    for (const raw of raws) yield decodeRow(raw, skeleton, source);
    rowStart = rowEnd;
  }
}

/**
 * Reads a shard file (verifying `sha256` / `bytes` when given) and yields its rows in order.
 *
 * @example
 * ```ts
 * for await (const row of readShard('out/train/shard-00000.parquet')) console.log(row.id, row.sequence.frames);
 * ```
 */
export async function* readShard(
  path: string,
  options: ReadShardOptions = {},
): AsyncGenerator<DatasetRow, void, undefined> {
  const source = options.source ?? path;
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Shard ${source} cannot be read: ${(error as Error).message}`,
      {
        position: { source },
        cause: error,
      },
    );
  }
  if (size > MAX_SHARD_BYTES) {
    throw fail(
      ERROR_CODES.tooLarge,
      source,
      `${size} bytes; shards are read whole, at most ${MAX_SHARD_BYTES}`,
    );
  }
  const bytes = new Uint8Array(await readFile(path));
  yield* decodeShard(bytes, { ...options, source });
}
