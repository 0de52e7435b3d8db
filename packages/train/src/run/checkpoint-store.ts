/**
 * Crash-safe checkpoints of a training run. Layout under the run directory:
 *
 * ```
 * checkpoints/step-000120/{checkpoint.json, weights.bin, optimizer.bin}
 * checkpoints/latest.json          { step: 120, dir: "step-000120" }
 * ```
 *
 * A checkpoint is written into a temporary sibling (`step-000120.tmp-<hex>`, `checkpoint.json` last,
 * every file fsynced), renamed into place, then `latest.json` is replaced atomically, then old
 * checkpoints are pruned and leftovers of crashed writes removed. A crash at any point leaves the previous
 * or the new checkpoint readable; readers ignore temporary names.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFormatVersion, ERROR_CODES, parseWith, SignLLMError } from '@signllm/core';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  CHECKPOINT_JSON,
  type CheckpointManifest,
  CheckpointManifestSchema,
  checkTensorTable,
  layoutTensors,
  type NamedTensor,
  TENSOR_LISTS,
  type TensorFileInfo,
  type TensorListName,
} from './checkpoint-format.ts';
import { readTensorFile, writeTensorFile } from './tensor-file.ts';
import {
  fsyncDir,
  isTempName,
  tempSibling,
  toJsonText,
  writeFileAtomic,
  writeJsonAtomic,
} from './write-json-atomic.ts';

/** Folder of the checkpoints inside a run directory. */
export const CHECKPOINTS_DIR = 'checkpoints';
/** Pointer file to the newest checkpoint, inside `checkpoints/`. */
export const LATEST_JSON = 'latest.json';
/** Default largest `.bin` file a reader accepts (2 GiB); forged sizes above it are `format_too_large`. */
export const DEFAULT_MAX_CHECKPOINT_BYTES = 2 ** 31;
const MAX_JSON_BYTES = 256 << 20;
const OLD_INFIX = '.old-';
const STEP_DIR = /^step-(\d{6,15})$/;

/** What the trainer hands to `writeCheckpoint`. */
export interface CheckpointInput {
  /** Training step the checkpoint is taken after (non-negative integer). */
  step: number;
  /** Any JSON-able state (config, data-plan position, scheduler, PLC table, tokenizer...). */
  state: unknown;
  /** Named float32 tensors: model weights and, optionally, optimizer slots. */
  tensors: { weights: NamedTensor[]; optimizer?: NamedTensor[] | undefined };
}

/** Options of `writeCheckpoint`. */
export interface WriteCheckpointOptions {
  /** Keep the newest this many checkpoints (at or below the written step); default 3, at least 1. */
  keep?: number;
  /** Steps never pruned (e.g. the best validation checkpoint). */
  keepAlso?: readonly number[];
}

/** A checkpoint read back from disk. */
export interface Checkpoint {
  /** Its directory. */
  dir: string;
  /** Training step. */
  step: number;
  /** When it was written (ISO 8601). */
  createdAt: string;
  /** The trainer's state, as saved (validate it before use). */
  state: unknown;
  /** Decoded tensors; arrays of one list are views into one shared buffer. */
  tensors: { weights: NamedTensor[]; optimizer?: NamedTensor[] };
  /** The parsed `checkpoint.json`. */
  manifest: CheckpointManifest;
}

/** A checkpoint directory found by `listCheckpoints`. */
export interface CheckpointRef {
  /** Training step. */
  step: number;
  /** Its directory. */
  dir: string;
}

/** Options of the readers. */
export interface ReadCheckpointOptions {
  /** Largest `.bin` file accepted, in bytes; default `DEFAULT_MAX_CHECKPOINT_BYTES`. */
  maxBytes?: number;
}

/** Directory name of the checkpoint of `step`: `step-000123`. */
export function checkpointDirName(step: number): string {
  return `step-${String(step).padStart(6, '0')}`;
}

/**
 * Writes a checkpoint atomically, points `checkpoints/latest.json` at it and prunes old ones: the newest
 * `keep` at or below `step` stay, as do `keepAlso`; checkpoints above `step` (an abandoned future after a
 * resume from an older step) are removed. Rewriting an existing step replaces it.
 *
 * @throws SignLLMError `invalid_argument` / `shape_mismatch` for bad input, before anything is written.
 * @example
 * ```ts
 * await writeCheckpoint('runs/base', { step: 120, state: { config, scheduler: s.toJSON() },
 *   tensors: { weights, optimizer } }, { keep: 3, keepAlso: [bestStep] });
 * ```
 */
export async function writeCheckpoint(
  runDir: string,
  input: CheckpointInput,
  options: WriteCheckpointOptions = {},
): Promise<CheckpointRef> {
  const { step, state, tensors } = input;
  if (!Number.isSafeInteger(step) || step < 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `step must be a non-negative integer, got ${step}`);
  }
  const keep = options.keep ?? 3;
  if (!Number.isSafeInteger(keep) || keep < 1) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `keep must be an integer >= 1, got ${keep}`);
  }
  const lists = TENSOR_LISTS.filter((list) => tensors[list] !== undefined);
  if (!lists.includes('weights')) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'tensors.weights is required');
  }
  const layouts = lists.map((list) => ({ list, ...layoutTensors(list, tensors[list] ?? []) }));
  const stateText = toJsonText(state ?? null, 'checkpoint state', undefined);

  const root = join(runDir, CHECKPOINTS_DIR);
  await mkdir(root, { recursive: true });
  const name = checkpointDirName(step);
  const finalDir = join(root, name);
  const temp = tempSibling(finalDir);
  await mkdir(temp);
  try {
    const files: Partial<Record<TensorListName, TensorFileInfo>> = {};
    for (const { list, entries } of layouts) {
      const file = `${list}.bin`;
      const { bytes, sha256 } = await writeTensorFile(join(temp, file), tensors[list] ?? []);
      files[list] = { file, bytes, sha256, dtype: 'float32', byteOrder: 'little', tensors: entries };
    }
    const head = {
      format: CHECKPOINT_FORMAT,
      formatVersion: CHECKPOINT_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      step,
      files,
    };
    // The state is spliced in as already-serialised text so a large state is not stringified twice.
    const headText = toJsonText(head, 'checkpoint.json');
    await writeFileAtomic(
      join(temp, CHECKPOINT_JSON),
      `${headText.slice(0, -2)},\n  "state": ${stateText}\n}\n`,
    );
    await fsyncDir(temp);
    if (await exists(finalDir)) await rename(finalDir, join(root, `${name}${OLD_INFIX}${temp.slice(-12)}`));
    await rename(temp, finalDir);
    await fsyncDir(root);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await writeJsonAtomic(join(root, LATEST_JSON), { step, dir: name });
  await prune(root, step, keep, options.keepAlso ?? []);
  return { step, dir: finalDir };
}

/**
 * Lists the complete checkpoint directories of a run (those with a `checkpoint.json`), oldest first.
 * Temporary and replaced directories are not listed.
 *
 * @example
 * ```ts
 * const steps = (await listCheckpoints('runs/base')).map((c) => c.step); // [80, 100, 120]
 * ```
 */
export async function listCheckpoints(runDir: string): Promise<CheckpointRef[]> {
  const root = join(runDir, CHECKPOINTS_DIR);
  const found: CheckpointRef[] = [];
  for (const name of await readdirOrEmpty(root)) {
    const match = STEP_DIR.exec(name);
    if (!match) continue;
    const dir = join(root, name);
    if (await exists(join(dir, CHECKPOINT_JSON))) found.push({ step: Number(match[1]), dir });
  }
  return found.sort((a, b) => a.step - b.step);
}

/**
 * Reads the checkpoint `latest.json` points to; without a usable pointer (or when it points to a missing
 * directory, e.g. after a crash while a step was being rewritten) the replaced copy of that step or the
 * highest complete checkpoint. Undefined when the run has none.
 *
 * @throws SignLLMError as `readCheckpoint` for a damaged checkpoint (no silent fallback to an older one).
 * @example
 * ```ts
 * const ckpt = await readLatestCheckpoint('runs/base');
 * if (ckpt) await truncateMetricsAfter('runs/base/metrics.jsonl', ckpt.step);
 * ```
 */
export async function readLatestCheckpoint(
  runDir: string,
  options: ReadCheckpointOptions = {},
): Promise<Checkpoint | undefined> {
  const root = join(runDir, CHECKPOINTS_DIR);
  const pointer = await readPointer(join(root, LATEST_JSON));
  if (pointer !== undefined) {
    const dir = join(root, pointer);
    if (await exists(join(dir, CHECKPOINT_JSON))) return readCheckpoint(dir, options);
    for (const name of (await readdirOrEmpty(root)).sort()) {
      if (name.startsWith(`${pointer}${OLD_INFIX}`) && (await exists(join(root, name, CHECKPOINT_JSON)))) {
        return readCheckpoint(join(root, name), options);
      }
    }
  }
  const all = await listCheckpoints(runDir);
  const last = all[all.length - 1];
  return last === undefined ? undefined : readCheckpoint(last.dir, options);
}

/**
 * The checkpoint a user means by `path`: the folder itself when it is a checkpoint (it holds
 * `checkpoint.json`), else the latest checkpoint of the run folder `path`.
 *
 * @throws SignLLMError `invalid_argument` when there is none (`what` names the expected run, e.g.
 *   "back-translation run"); as `readCheckpoint` for a damaged checkpoint.
 * @example
 * ```ts
 * const ckpt = await readRunOrCheckpoint('runs/base'); // or 'runs/base/checkpoints/step-000120'
 * ```
 */
export async function readRunOrCheckpoint(path: string, what = 'run'): Promise<Checkpoint> {
  if (await exists(join(path, CHECKPOINT_JSON))) return readCheckpoint(path);
  const checkpoint = await readLatestCheckpoint(path);
  if (!checkpoint) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${path} has no checkpoint (expected a ${what} folder with checkpoints/ or a checkpoint folder with ${CHECKPOINT_JSON})`,
    );
  }
  return checkpoint;
}

/**
 * Reads and verifies one checkpoint directory: the JSON, every declared size and sha256, and the tensor
 * tables (checked before any allocation).
 *
 * @throws SignLLMError naming the file: `format_truncated` (short or missing `.bin`), `format_invalid`
 *   (bad JSON, digest or size mismatch, bad table), `format_unsupported_version` (a newer major),
 *   `schema_invalid` (fields of the wrong type), `shape_mismatch`, `format_too_large`.
 * @example
 * ```ts
 * const { step, state, tensors } = await readCheckpoint('runs/base/checkpoints/step-000120');
 * ```
 */
export async function readCheckpoint(dir: string, options: ReadCheckpointOptions = {}): Promise<Checkpoint> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_CHECKPOINT_BYTES;
  const source = join(dir, CHECKPOINT_JSON);
  const manifest = parseManifest(await readJsonFile(source), source);
  const tensors: Checkpoint['tensors'] = { weights: [] };
  for (const list of TENSOR_LISTS) {
    const info = manifest.files[list];
    if (info === undefined) continue;
    if (info.file !== `${list}.bin`) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `files.${list}.file must be "${list}.bin", got ${JSON.stringify(info.file)}`,
        { position: { source } },
      );
    }
    const path = join(dir, info.file);
    checkTensorTable(info, path, maxBytes);
    tensors[list] = await readTensorFile(path, info);
  }
  return {
    dir,
    step: manifest.step,
    createdAt: manifest.createdAt,
    state: manifest.state,
    tensors,
    manifest,
  };
}

function parseManifest(value: unknown, source: string): CheckpointManifest {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (record.format !== CHECKPOINT_FORMAT) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `not a SignLLM checkpoint: "format" must be "${CHECKPOINT_FORMAT}", got ${JSON.stringify(record.format) ?? 'nothing'}`,
      { position: { source } },
    );
  }
  checkFormatVersion(record.formatVersion, CHECKPOINT_FORMAT_VERSION, source);
  return parseWith(CheckpointManifestSchema, value, source);
}

async function readJsonFile(source: string): Promise<unknown> {
  let size: number;
  try {
    size = (await stat(source)).size;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
    throw new SignLLMError(ERROR_CODES.badFormat, 'not a checkpoint: the file is missing', {
      position: { source },
      cause,
    });
  }
  if (size > MAX_JSON_BYTES) {
    throw new SignLLMError(ERROR_CODES.tooLarge, `${size} bytes is more than the ${MAX_JSON_BYTES} allowed`, {
      position: { source },
    });
  }
  const text = await readFile(source, 'utf8');
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const code = text.trim().length === 0 ? ERROR_CODES.truncated : ERROR_CODES.badFormat;
    throw new SignLLMError(code, `not valid JSON: ${reason}`, { position: { source }, cause });
  }
}

/** The directory name `latest.json` points to, or undefined when it is missing or not usable. */
async function readPointer(path: string): Promise<string | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined; // missing or damaged: fall back to scanning
  }
  const dir = (value as { dir?: unknown } | null)?.dir;
  return typeof dir === 'string' && STEP_DIR.test(dir) ? dir : undefined;
}

async function prune(root: string, step: number, keep: number, keepAlso: readonly number[]): Promise<void> {
  const protectedSteps = new Set(keepAlso);
  const names = await readdirOrEmpty(root);
  const steps = names
    .map((name) => STEP_DIR.exec(name))
    .filter((m) => m !== null)
    .map((m) => ({ name: m[0], step: Number(m[1]) }))
    .sort((a, b) => b.step - a.step);
  const recent = steps.filter((s) => s.step <= step).slice(0, keep);
  for (const s of steps) {
    if (s.step === step || protectedSteps.has(s.step) || recent.includes(s)) continue;
    await rm(join(root, s.name), { recursive: true, force: true });
  }
  for (const name of names) {
    if (isTempName(name) || name.includes(OLD_INFIX))
      await rm(join(root, name), { recursive: true, force: true });
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
