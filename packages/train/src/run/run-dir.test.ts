import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejection } from '../test-support/rejection.ts';
import { writeCheckpoint } from './checkpoint-store.ts';
import { prepareRunDir, writeJsonAtomic } from './run-dir.ts';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'signllm-rundir-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** A pid no process can have (Linux caps pids at 2^22). */
const DEAD_PID = 2 ** 22 + 12345;

describe('prepareRunDir', () => {
  it('creates the directory, holds a lock with our pid, and releases it', async () => {
    const dir = join(base, 'nested', 'run');
    const run = await prepareRunDir(dir, { resume: false });
    expect(run.metricsPath).toBe(join(dir, 'metrics.jsonl'));
    expect(run.checkpointsDir).toBe(join(dir, 'checkpoints'));
    expect(run.checkpoints).toEqual([]);
    const lock = JSON.parse(await readFile(join(dir, '.lock'), 'utf8'));
    expect(lock.pid).toBe(process.pid);
    expect(await readdir(dir)).toEqual(['.lock']); // no temp file left behind
    await run.release();
    await run.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a second trainer on the same directory is refused while the first holds it', async () => {
    const first = await prepareRunDir(base, { resume: false });
    await rejection(
      prepareRunDir(base, { resume: false }),
      'invalid_argument',
      /in use by another trainer.*pid/,
    );
    await first.release();
    const again = await prepareRunDir(base, { resume: false });
    await again.release();
  });

  it('takes over a stale lock (dead pid) and a damaged one', async () => {
    await writeFile(join(base, '.lock'), JSON.stringify({ pid: DEAD_PID, host: hostname(), token: 'x' }));
    const run = await prepareRunDir(base, { resume: false });
    expect(JSON.parse(await readFile(join(base, '.lock'), 'utf8')).pid).toBe(process.pid);
    await run.release();
    await writeFile(join(base, '.lock'), '{"pid": 12');
    const run2 = await prepareRunDir(base, { resume: false });
    await run2.release();
  });

  it('a lock of another host is respected (its pid cannot be checked from here)', async () => {
    await writeFile(join(base, '.lock'), JSON.stringify({ pid: DEAD_PID, host: 'elsewhere', token: 'x' }));
    await rejection(prepareRunDir(base, { resume: false }), 'invalid_argument', /elsewhere/);
  });

  it('a fresh run refuses a directory with checkpoints or metrics, suggesting --resume or --out', async () => {
    await writeFile(join(base, 'metrics.jsonl'), '{"step":1}\n');
    await rejection(
      prepareRunDir(base, { resume: false }),
      'invalid_argument',
      /metrics\.jsonl.*--resume.*--out/,
    );
    expect(await readdir(base)).not.toContain('.lock'); // released on refusal
    await rm(join(base, 'metrics.jsonl'));
    await writeCheckpoint(base, { step: 4, state: {}, tensors: { weights: [] } });
    await rejection(prepareRunDir(base, { resume: false }), 'invalid_argument', /1 checkpoint/);
    // Other files (a config, an empty log) do not count as a run.
    const other = join(base, 'other');
    await mkdir(other);
    await writeFile(join(other, 'config.json'), '{}');
    await writeFile(join(other, 'metrics.jsonl'), '');
    await (await prepareRunDir(other, { resume: false })).release();
  });

  it('--resume needs a checkpoint and reports the ones found', async () => {
    await rejection(
      prepareRunDir(base, { resume: true }),
      'invalid_argument',
      /no checkpoint to resume.*without --resume/,
    );
    await writeCheckpoint(base, { step: 4, state: {}, tensors: { weights: [] } });
    await writeCheckpoint(base, { step: 8, state: {}, tensors: { weights: [] } });
    const run = await prepareRunDir(base, { resume: true });
    expect(run.checkpoints.map((c) => c.step)).toEqual([4, 8]);
    await run.release();
  });
});

describe('writeJsonAtomic', () => {
  it('replaces the file whole, maps non-finite numbers to null and leaves no temp file', async () => {
    const path = join(base, 'a.json');
    await writeJsonAtomic(path, { a: 1 });
    await writeJsonAtomic(path, { b: [1, Number.NaN, Number.POSITIVE_INFINITY] });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ b: [1, null, null] });
    expect(await readdir(base)).toEqual(['a.json']);
  });

  it('rejects values JSON cannot hold without touching the file', async () => {
    const path = join(base, 'a.json');
    await writeJsonAtomic(path, { keep: true });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await rejection(writeJsonAtomic(path, cyclic), 'invalid_argument', /a\.json/);
    await rejection(writeJsonAtomic(path, undefined), 'invalid_argument');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ keep: true });
    expect(await readdir(base)).toEqual(['a.json']);
  });
});
