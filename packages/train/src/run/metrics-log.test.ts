import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricsLog, parseMetrics, readMetrics, truncateMetricsAfter } from './metrics-log.ts';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signllm-metrics-'));
  path = join(dir, 'metrics.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return SignLLMError.isInstance(e) ? e.code : `not a SignLLMError: ${String(e)}`;
  }
  return undefined;
}

describe('MetricsLog', () => {
  it('writes one JSON object per line, visible on disk right after append, NaN/Infinity as null', async () => {
    const log = MetricsLog.open(path);
    log.append({ step: 1, loss: 0.5, lr: 1e-3 });
    expect(await readFile(path, 'utf8')).toBe('{"step":1,"loss":0.5,"lr":0.001}\n');
    log.append({
      step: 2,
      loss: Number.NaN,
      dtw: Number.POSITIVE_INFINITY,
      phase: 'val',
      best: true,
      gone: undefined,
    });
    log.close();
    log.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[1]).toBe('{"step":2,"loss":null,"dtw":null,"phase":"val","best":true}');
    expect(await readMetrics(path)).toEqual([
      { step: 1, loss: 0.5, lr: 0.001 },
      { step: 2, loss: null, dtw: null, phase: 'val', best: true },
    ]);
  });

  it('rejects bad rows and appends after close', () => {
    const log = MetricsLog.open(path);
    expect(codeOf(() => log.append({ step: -1 }))).toBe('invalid_argument');
    expect(codeOf(() => log.append({ step: 1.5 }))).toBe('invalid_argument');
    expect(codeOf(() => log.append({ step: 1, x: {} as unknown as number }))).toBe('invalid_argument');
    log.close();
    expect(codeOf(() => log.append({ step: 1 }))).toBe('invalid_argument');
  });

  it('reopening after a kill mid-line drops the torn line, so new rows start on a clean line', async () => {
    await writeFile(path, '{"step":1,"loss":1}\n{"step":2,"lo');
    const log = MetricsLog.open(path);
    log.append({ step: 2, loss: 0.9 });
    log.close();
    expect(await readFile(path, 'utf8')).toBe('{"step":1,"loss":1}\n{"step":2,"loss":0.9}\n');
  });

  it('drops a torn line longer than the scan chunk, and a file with only a torn line', async () => {
    await writeFile(path, `{"step":1}\n{"step":2,"note":"${'x'.repeat(200_000)}`);
    MetricsLog.open(path).close();
    expect(await readFile(path, 'utf8')).toBe('{"step":1}\n');
    await writeFile(path, '{"step":1,"lo');
    MetricsLog.open(path).close();
    expect(await readFile(path, 'utf8')).toBe('');
  });
});

describe('readMetrics', () => {
  it('is empty for a missing file and tolerates a truncated last line', async () => {
    expect(await readMetrics(path)).toEqual([]);
    await writeFile(path, '{"step":1,"loss":1}\n\n{"step":2,"loss":0.5}\n{"step":3,"lo');
    expect(await readMetrics(path)).toEqual([
      { step: 1, loss: 1 },
      { step: 2, loss: 0.5 },
    ]);
  });

  it('rejects a damaged line before the last with its line number', async () => {
    await writeFile(path, '{"step":1}\n{"step":"x"}\n{"step":3}\n');
    const error = await readMetrics(path).catch((e: unknown) => e);
    expect(SignLLMError.isInstance(error) && error.code).toBe('format_invalid');
    expect((error as Error).message).toMatch(/metrics\.jsonl, line 2/);
  });

  it('never throws anything but a SignLLMError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          const rows = parseMetrics(text);
          for (const row of rows) expect(Number.isSafeInteger(row.step)).toBe(true);
        } catch (e) {
          expect(SignLLMError.isInstance(e)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('truncateMetricsAfter', () => {
  it('drops rows past the checkpoint step atomically so a resumed log has no duplicates', async () => {
    const log = MetricsLog.open(path);
    for (let step = 10; step <= 50; step += 10) log.append({ step, loss: 1 / step });
    log.close();
    await appendFile(path, '{"step":60,"lo'); // killed mid-line
    expect(await truncateMetricsAfter(path, 30)).toBe(2);
    expect((await readMetrics(path)).map((r) => r.step)).toEqual([10, 20, 30]);
    expect(await readdir(dir)).toEqual(['metrics.jsonl']); // no temp file left

    const resumed = MetricsLog.open(path);
    for (let step = 40; step <= 60; step += 10) resumed.append({ step, loss: 2 / step });
    resumed.close();
    const steps = (await readMetrics(path)).map((r) => r.step);
    expect(steps).toEqual([10, 20, 30, 40, 50, 60]);
    expect((await readMetrics(path))[3]).toEqual({ step: 40, loss: 2 / 40 });
  });

  it('is a no-op for a missing or already clean log', async () => {
    expect(await truncateMetricsAfter(path, 5)).toBe(0);
    await writeFile(path, '{"step":1}\n');
    expect(await truncateMetricsAfter(path, 5)).toBe(0);
    expect(await readFile(path, 'utf8')).toBe('{"step":1}\n');
  });
});
