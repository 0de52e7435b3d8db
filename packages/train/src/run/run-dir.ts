/**
 * Opening a training run directory: creates it, takes a lock (`.lock` holding the pid) so two trainers
 * never write the same run, and checks the start mode: a fresh run refuses a directory that already
 * holds checkpoints or metrics; a resumed one requires a checkpoint. A lock whose process is gone is
 * taken over.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { CHECKPOINTS_DIR, type CheckpointRef, LATEST_JSON, listCheckpoints } from './checkpoint-store.ts';
import { METRICS_FILE } from './metrics-log.ts';
import { tempSibling } from './write-json-atomic.ts';

export { writeJsonAtomic } from './write-json-atomic.ts';

/** Name of the lock file inside a run directory. */
export const LOCK_FILE = '.lock';

/** Options of `prepareRunDir`. */
export interface PrepareRunDirOptions {
  /** Continue from the latest checkpoint (required when the directory already has one). */
  resume: boolean;
}

/** An opened, locked run directory. */
export interface RunDir {
  /** The directory. */
  dir: string;
  /** `<dir>/checkpoints`. */
  checkpointsDir: string;
  /** `<dir>/metrics.jsonl`. */
  metricsPath: string;
  /** Complete checkpoints found, oldest first (empty for a fresh run). */
  checkpoints: CheckpointRef[];
  /** Removes the lock (only if it is still ours). Safe to call twice. */
  release(): Promise<void>;
}

interface LockContent {
  pid: number;
  host: string;
  token: string;
  startedAt: string;
}

/**
 * Creates and locks a run directory and checks it fits the start mode.
 *
 * @throws SignLLMError `invalid_argument`: a fresh run in a directory with checkpoints or metrics
 *   (suggests `--resume` or another `--out`), `--resume` without a checkpoint, or a directory locked by a
 *   live trainer.
 * @example
 * ```ts
 * const run = await prepareRunDir('runs/base', { resume: false });
 * try { ... } finally { await run.release(); }
 * ```
 */
export async function prepareRunDir(dir: string, options: PrepareRunDirOptions): Promise<RunDir> {
  await mkdir(dir, { recursive: true });
  const release = await acquireLock(dir);
  try {
    const checkpoints = await listCheckpoints(dir);
    const metricsPath = join(dir, METRICS_FILE);
    if (options.resume) {
      if (checkpoints.length === 0) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `--resume: ${dir} has no checkpoint to resume from; run without --resume to start a new run there`,
          { details: { dir } },
        );
      }
    } else {
      const found: string[] = [];
      if (checkpoints.length > 0) found.push(`${checkpoints.length} checkpoint(s)`);
      else if (await exists(join(dir, CHECKPOINTS_DIR, LATEST_JSON))) found.push('checkpoints/latest.json');
      if (((await sizeOf(metricsPath)) ?? 0) > 0) found.push(METRICS_FILE);
      if (found.length > 0) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `${dir} already holds a run (${found.join(' and ')}); pass --resume to continue it or choose another --out`,
          { details: { dir, found } },
        );
      }
    }
    return { dir, checkpointsDir: join(dir, CHECKPOINTS_DIR), metricsPath, checkpoints, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Takes `<dir>/.lock`, taking over a stale one (its pid is not alive on this host); returns the release
 * function. The lock is created fully written (temp file + hard link), so no reader sees it half-made.
 *
 * @throws SignLLMError `invalid_argument` when a live process (or another host) holds it.
 */
export async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const mine: LockContent = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString('hex'),
    startedAt: new Date().toISOString(),
  };
  const temp = tempSibling(path);
  await writeFile(temp, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw error;
      }
      const holder = await readLock(path);
      if (holder !== undefined && isAlive(holder)) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `${dir} is in use by another trainer (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}); ` +
            `wait for it, choose another --out, or delete ${LOCK_FILE} if that process is gone`,
          { details: { dir, holder } },
        );
      }
      await rm(path, { force: true }); // stale: its process is gone (or the file is damaged)
    }
  } finally {
    await rm(temp, { force: true });
  }
  const onExit = () => {
    // Best effort on a normal exit without release(); a kill leaves a stale lock that is taken over.
    try {
      if ((JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>).token === mine.token)
        unlinkSync(path);
    } catch {
      // already gone or unreadable: nothing to clean
    }
  };
  process.once('exit', onExit);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    process.removeListener('exit', onExit);
    const holder = await readLock(path);
    if (holder?.token === mine.token) await unlink(path).catch(() => undefined);
  };
}

async function readLock(path: string): Promise<LockContent | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockContent>;
    if (typeof value.pid !== 'number' || !Number.isSafeInteger(value.pid) || value.pid <= 0) return undefined;
    return {
      pid: value.pid,
      host: typeof value.host === 'string' ? value.host : '?',
      token: typeof value.token === 'string' ? value.token : '',
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : '?',
    };
  } catch {
    return undefined;
  }
}

/** Whether the lock holder still runs. Another host's lock is assumed alive (we cannot check it). */
function isAlive(holder: LockContent): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return (await sizeOf(path)) !== undefined;
}
