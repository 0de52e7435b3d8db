/**
 * Crash-safe file writes: the bytes go to a temporary name in the same folder, are flushed to disk,
 * and then renamed over the target, so a reader sees either the old file or the whole new one.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marker in the names of temporary files (`<name>.tmp-<random>`), removed by a resumed build. */
export const TEMP_MARKER = '.tmp-';

/** True for a file name `writeFileAtomic` uses as a temporary name. */
export function isTempFileName(name: string): boolean {
  return /\.tmp-[0-9a-f]{12}$/.test(name);
}

/**
 * Writes `bytes` (or UTF-8 text) to `path` atomically: temp file in the same folder, fsync, rename.
 * The folder must exist. On failure the temp file is removed and the target is left unchanged.
 *
 * @example
 * ```ts
 * await writeFileAtomic('out/manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
 * ```
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = join(dirname(path), `${basename(path)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await rm(temp, { force: true });
  }
}
