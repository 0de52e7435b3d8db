import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMetrics } from '../run/index.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { removeTempDirs, tempDir, tinyDataset, tinyModel } from '../test-support/tiny-run.ts';
import { main } from './main.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'signllm-train.js');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

let data: string;
afterAll(removeTempDirs);
let configPath: string;
beforeAll(async () => {
  await useTestBackend();
  data = await tinyDataset();
  configPath = join(await tempDir('cfg'), 'tiny.json');
  const config = {
    data,
    outDir: 'unused',
    model: tinyModel('mlsf'),
    steps: 9,
    batchSize: 4,
    learningRate: 3e-3,
    lrSchedule: { minLr: 1e-5 },
    validateEvery: 3,
    checkpointEvery: 1,
    logEvery: 1,
    validation: { maxSequences: 3 },
    backend: 'wasm',
  };
  await writeFile(configPath, JSON.stringify(config));
});

/** Runs the built CLI; with `killAtStep`, SIGKILLs it once that step's checkpoint is on disk. */
function runCli(
  args: string[],
  killAtStep?: number,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'ignore'] });
    let timer: NodeJS.Timeout | undefined;
    if (killAtStep !== undefined) {
      const out = args[args.indexOf('--out') + 1]!;
      const poll = async () => {
        try {
          const latest = JSON.parse(await readFile(join(out, 'checkpoints', 'latest.json'), 'utf8')) as {
            step: number;
          };
          if (latest.step >= killAtStep) {
            child.kill('SIGKILL');
            return;
          }
        } catch {}
        timer = setTimeout(poll, 5);
      };
      void poll();
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('signllm-train', () => {
  it('train then eval --json: one JSON object with dtw per language', async () => {
    const run = await tempDir('run');
    const t = capture();
    expect(
      await main(['train', '--config', configPath, '--out', run, '--steps', '4', '--progress', 'none'], t.io),
    ).toBe(0);
    const result = JSON.parse(t.out.join('')) as { steps: number; backend: string };
    expect(result.steps).toBe(4);
    expect(t.err.join('')).toMatch(/backend wasm/);
    const e = capture();
    expect(
      await main(
        [
          'eval',
          '--checkpoint',
          run,
          '--data',
          data,
          '--split',
          'dev',
          '--max',
          '2',
          '--json',
          '--backend',
          'wasm',
        ],
        e.io,
      ),
    ).toBe(0);
    const report = JSON.parse(e.out.join('')) as {
      dtw: number;
      sequences: number;
      byLanguage: Record<string, { dtw: number }>;
    };
    expect(report.sequences).toBe(2);
    expect(report.dtw).toBeGreaterThan(0);
    expect(Object.keys(report.byLanguage).length).toBeGreaterThan(0);
    const text = capture();
    expect(await main(['eval', '--checkpoint', run, '--data', data, '--max', '2'], text.io)).toBe(0);
    expect(text.out.join('')).toMatch(/DTW\(gt\)[\s\S]*all/);
    const bundle = join(await tempDir('bundle'), 'b');
    const x = capture();
    expect(await main(['export', '--checkpoint', run, '--out', bundle, '--backend', 'wasm'], x.io)).toBe(0);
    const exported = JSON.parse(x.out.join('')) as { mode: string; languages: string[]; files: number };
    expect(exported).toMatchObject({ mode: 'mlsf', languages: ['ase', 'gsg'], files: 7 });
    expect(existsSync(join(bundle, 'bundle.json'))).toBe(true);
    const again = capture();
    expect(await main(['export', '--checkpoint', run, '--out', bundle], again.io)).toBe(1);
    expect(again.err.join('')).toMatch(/signllm-train export: .*already exists; pass --overwrite/);
  });

  it('usage errors exit 2, bad configs and checkpoints exit 1 with a clear message', async () => {
    const noConfig = capture();
    expect(await main(['train'], noConfig.io)).toBe(2);
    const badSteps = capture();
    expect(await main(['train', '--config', configPath, '--steps', '-3'], badSteps.io)).toBe(2);
    expect(badSteps.err.join('')).toMatch(/--steps/);
    const badBackend = capture();
    expect(await main(['train', '--config', configPath, '--backend', 'webgpu'], badBackend.io)).toBe(2);
    const bad = join(await tempDir('cfg'), 'bad.json');
    await writeFile(bad, JSON.stringify({ data, outDir: 'x', model: tinyModel('mlsf'), stepz: 3 }));
    const unknownKey = capture();
    expect(await main(['train', '--config', bad], unknownKey.io)).toBe(1);
    expect(unknownKey.err.join('')).toMatch(/stepz/);
    await writeFile(bad, '{"data": ');
    const truncated = capture();
    expect(await main(['train', '--config', bad], truncated.io)).toBe(1);
    expect(truncated.err.join('')).toMatch(/not valid JSON/);
    const missing = capture();
    expect(await main(['eval', '--checkpoint', await tempDir('none'), '--data', data], missing.io)).toBe(1);
    expect(missing.err.join('')).toMatch(/no checkpoint/);
    const noData = capture();
    expect(
      await main(
        ['train', '--config', configPath, '--data', join(data, 'nope'), '--out', await tempDir('run')],
        noData.io,
      ),
    ).toBe(1);
    expect(noData.err.join('')).toMatch(/not a dataset/);
  });

  it('a run killed with SIGKILL resumes with --resume and logs the losses of an uninterrupted run', async () => {
    if (!existsSync(join(dirname(BIN), '..', 'dist', 'cli', 'main.js'))) {
      throw new Error(
        'packages/train/dist is missing: run `pnpm build` first (turbo does this before tests)',
      );
    }
    const straight = await tempDir('run');
    expect(
      (await runCli(['train', '--config', configPath, '--out', straight, '--progress', 'none'])).code,
    ).toBe(0);
    const killed = await tempDir('run');
    const first = await runCli(['train', '--config', configPath, '--out', killed, '--progress', 'none'], 4);
    expect(first.signal).toBe('SIGKILL');
    expect(
      (await runCli(['train', '--config', configPath, '--out', killed, '--progress', 'none', '--resume']))
        .code,
    ).toBe(0);
    const expected = (await readMetrics(join(straight, 'metrics.jsonl'))).map((r) => r.loss);
    const got = (await readMetrics(join(killed, 'metrics.jsonl'))).map((r) => r.loss);
    expect(expected).toHaveLength(9);
    expect(got).toEqual(expected);
  });
});
