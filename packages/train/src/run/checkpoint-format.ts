/**
 * The on-disk format of a training checkpoint (`checkpoints/step-000123/`): the zod schema of
 * `checkpoint.json`, the layout of the float32 tensor files it describes, and the checks a reader runs
 * on a (possibly forged) layout before it allocates or reads anything.
 */
import { ERROR_CODES, Sha256Schema, SignLLMError } from '@signllm/core';
import { z } from 'zod';

/** Value of the `format` field of every `checkpoint.json`. */
export const CHECKPOINT_FORMAT = 'signllm-checkpoint';
/** Format version this code writes; it reads every 1.x. */
export const CHECKPOINT_FORMAT_VERSION = '1.0.0';
/** Name of the JSON file inside a checkpoint directory. */
export const CHECKPOINT_JSON = 'checkpoint.json';
/** The tensor lists a checkpoint can hold, each stored in `<list>.bin`. */
export const TENSOR_LISTS = ['weights', 'optimizer'] as const;
/** One of `TENSOR_LISTS`. */
export type TensorListName = (typeof TENSOR_LISTS)[number];

/** One named float32 tensor, as the trainer hands it over (no tfjs here). */
export interface NamedTensor {
  /** Unique name within its list (e.g. a variable name, or `adam/m/<variable>`). */
  name: string;
  /** Dimensions; their product equals `data.length`. `[]` is a scalar. */
  shape: number[];
  /** Values, row-major. */
  data: Float32Array;
}

const MAX_NAME_LENGTH = 1024;
const MAX_RANK = 16;

/** Where one tensor lies in its `.bin` file. */
const TensorEntrySchema = z.strictObject({
  /** Unique name within the list. */
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  /** Dimensions (non-negative integers). */
  shape: z.array(z.number().int().min(0)).max(MAX_RANK),
  /** Byte offset of the first value in the file. */
  offset: z.number().int().min(0),
  /** Number of float32 values (the product of `shape`). */
  length: z.number().int().min(0),
});

/** Description of one `.bin` file: its size, digest and tensor table. */
const TensorFileSchema = z.strictObject({
  /** File name inside the checkpoint directory, `<list>.bin`. */
  file: z.string(),
  /** Exact size in bytes. */
  bytes: z.number().int().min(0),
  /** sha256 of the whole file, lowercase hex. */
  sha256: Sha256Schema,
  /** Element type; only float32. */
  dtype: z.literal('float32'),
  /** Byte order of the values; only little-endian. */
  byteOrder: z.literal('little'),
  /** Tensors in file order, packed without gaps. */
  tensors: z.array(TensorEntrySchema),
});

/** Schema of `checkpoint.json`. */
export const CheckpointManifestSchema = z.strictObject({
  /** Always `signllm-checkpoint`. */
  format: z.literal(CHECKPOINT_FORMAT),
  /** Semantic version of this layout. */
  formatVersion: z.string(),
  /** When the checkpoint was written (ISO 8601). */
  createdAt: z.string(),
  /** Training step the checkpoint was taken after. */
  step: z.number().int().min(0),
  /** The binary files, by tensor list. `weights` is always present. */
  files: z.strictObject({
    weights: TensorFileSchema,
    optimizer: TensorFileSchema.optional(),
  }),
  /** Whatever JSON state the trainer saved (config, RNG position, scheduler, PLC table, tokenizer...). */
  state: z.unknown(),
});

/** Parsed `checkpoint.json`. */
export type CheckpointManifest = z.output<typeof CheckpointManifestSchema>;
/** Parsed description of one `.bin` file. */
export type TensorFileInfo = z.output<typeof TensorFileSchema>;
/** Where one tensor lies in its file. */
export type TensorEntry = z.output<typeof TensorEntrySchema>;

/**
 * Checks a tensor list handed to the writer and returns its table (offsets packed from 0) and size.
 *
 * @throws SignLLMError `invalid_argument` (bad name, duplicate, not a Float32Array) or `shape_mismatch`.
 */
export function layoutTensors(
  list: string,
  tensors: readonly NamedTensor[],
): { entries: TensorEntry[]; bytes: number } {
  if (!Array.isArray(tensors)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `tensors.${list}: expected an array of named tensors`,
    );
  }
  const seen = new Set<string>();
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const [i, t] of tensors.entries()) {
    const where = `tensors.${list}[${i}]`;
    if (typeof t?.name !== 'string' || t.name.length === 0 || t.name.length > MAX_NAME_LENGTH) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${where}: name must be a non-empty string of at most ${MAX_NAME_LENGTH} characters, got ${JSON.stringify(t?.name)}`,
      );
    }
    if (seen.has(t.name)) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `${where}: duplicate tensor name "${t.name}"`);
    }
    seen.add(t.name);
    if (!(t.data instanceof Float32Array)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${where} "${t.name}": data must be a Float32Array`,
      );
    }
    const count = shapeSize(t.shape, `${where} "${t.name}"`, Number.MAX_SAFE_INTEGER);
    if (count !== t.data.length) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `${where} "${t.name}": shape [${t.shape.join(', ')}] holds ${count} values but data has ${t.data.length}`,
      );
    }
    entries.push({ name: t.name, shape: [...t.shape], offset, length: count });
    offset += count * 4;
  }
  return { entries, bytes: offset };
}

/**
 * Checks a tensor table read from `checkpoint.json` against the file's declared size before anything is
 * allocated: unique names, shape products equal to lengths, packed offsets, total equal to `bytes`, and
 * nothing larger than `maxBytes`.
 *
 * @throws SignLLMError `format_too_large`, `shape_mismatch` or `format_invalid`, naming `source`.
 */
export function checkTensorTable(info: TensorFileInfo, source: string, maxBytes: number): void {
  if (info.bytes > maxBytes) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `declares ${info.bytes} bytes, more than the allowed ${maxBytes} (raise maxBytes if this is real)`,
      { position: { source }, details: { bytes: info.bytes, maxBytes } },
    );
  }
  const seen = new Set<string>();
  let offset = 0;
  for (const entry of info.tensors) {
    const where = `tensor "${entry.name}"`;
    if (seen.has(entry.name)) {
      throw new SignLLMError(ERROR_CODES.badFormat, `duplicate tensor name "${entry.name}"`, {
        position: { source },
      });
    }
    seen.add(entry.name);
    const count = shapeSize(entry.shape, where, Math.floor(maxBytes / 4), source);
    if (count !== entry.length) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `${where}: shape [${entry.shape.join(', ')}] holds ${count} values but length says ${entry.length}`,
        { position: { source } },
      );
    }
    if (entry.offset !== offset) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `${where}: offset ${entry.offset} leaves a gap or overlap (expected ${offset})`,
        { position: { source } },
      );
    }
    offset += count * 4;
    if (offset > info.bytes) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `${where} ends at byte ${offset}, past the declared file size ${info.bytes}`,
        { position: { source } },
      );
    }
  }
  if (offset !== info.bytes) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `tensors cover ${offset} bytes but the file is declared as ${info.bytes}`,
      { position: { source } },
    );
  }
}

/**
 * Product of `shape`, stopping as soon as it passes `max` (so forged 2^40-sized shapes never overflow or
 * allocate).
 *
 * @throws SignLLMError `invalid_argument` for a bad dimension, `format_too_large` past `max`.
 */
function shapeSize(shape: unknown, where: string, max: number, source?: string): number {
  if (!Array.isArray(shape) || shape.length > MAX_RANK) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${where}: shape must be an array of at most ${MAX_RANK} dimensions, got ${describe(shape)}`,
    );
  }
  let count = 1;
  for (const dim of shape) {
    if (!Number.isSafeInteger(dim) || (dim as number) < 0) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `${where}: shape [${shape.join(', ')}] has a dimension that is not a non-negative integer`,
      );
    }
    count *= dim as number;
  }
  // Checked once at the end: a product past 2^1024 is Infinity (or NaN with a zero dimension), and both
  // fail `count <= max`, as does any finite product above it.
  if (!(count <= max)) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `${where}: shape [${shape.join(', ')}] holds more than ${max} values`,
      source === undefined ? {} : { position: { source } },
    );
  }
  return count;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
