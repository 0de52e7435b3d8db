/**
 * Crash-safe writes for the run directory: bytes go to a temporary sibling (`<name>.tmp-<random>`), are
 * flushed to disk, and are renamed over the target; the folder is then flushed so the rename itself
 * survives a power cut. A reader therefore sees either the old file or the whole new one.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/** Infix of every temporary name this folder creates (files and checkpoint directories). */
export const TEMP_INFIX = '.tmp-';

/** A fresh temporary sibling name for `path`: `<path>.tmp-<12 hex digits>`. */
export function tempSibling(path: string): string {
  return join(dirname(path), `${basename(path)}${TEMP_INFIX}${randomBytes(6).toString('hex')}`);
}

/** True for names made by `tempSibling` (and the checkpoint store's temporary directories). */
export function isTempName(name: string): boolean {
  return name.includes(TEMP_INFIX);
}

/**
 * Flushes a directory entry table to disk (after a rename or a create inside it). Platforms that cannot
 * open directories (Windows) are skipped silently: there the rename is as durable as it gets.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `data` (UTF-8 text or bytes) to `path` atomically: temporary sibling, fsync, rename, fsync of
 * the folder. The folder must exist. On failure the temporary file is removed and `path` is unchanged.
 *
 * @example
 * ```ts
 * await writeFileAtomic('run/metrics.svg', svg);
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempSibling(path);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
    await fsyncDir(dirname(path));
  } finally {
    if (!renamed) await rm(temp, { force: true });
  }
}

/**
 * Serialises `value` as pretty JSON (with a final newline) and writes it atomically to `path`.
 * NaN and ±Infinity become `null` (as `JSON.stringify` does); values JSON cannot hold (BigInt, cycles)
 * are rejected before anything is written.
 *
 * @throws SignLLMError `invalid_argument` when `value` cannot be serialised.
 * @example
 * ```ts
 * await writeJsonAtomic('run/checkpoints/latest.json', { step: 120 });
 * ```
 */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${toJsonText(value, path)}\n`);
}

/** `JSON.stringify(value, null, 2)` with a SignLLMError naming `label` when it fails or yields nothing. */
export function toJsonText(value: unknown, label: string, indent: number | undefined = 2): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, indent);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${label}: value cannot be written as JSON: ${reason}`,
      {
        cause,
      },
    );
  }
  if (text === undefined) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${label}: value cannot be written as JSON (got ${typeof value}); expected an object, array, string, number, boolean or null`,
    );
  }
  return text;
}
