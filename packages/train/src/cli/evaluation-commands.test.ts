import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacktranslationReportSchema } from '../backtranslate/backtranslation-report.ts';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { removeTempDirs, tempDir, tinyDataset, tinyModel } from '../test-support/tiny-run.ts';
import { main } from './main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await main(args, c.io);
  return { code, out: c.out.join(''), err: c.err.join('') };
}

let data: string;
let btConfig: string;
let poseConfig: string;
beforeAll(async () => {
  await useTestBackend();
  data = await tinyDataset();
  const dir = await tempDir('cfg');
  btConfig = join(dir, 'bt.json');
  await writeFile(
    btConfig,
    JSON.stringify({
      batchSize: 8,
      learningRate: 3e-3,
      validateEvery: 5,
      logEvery: 5,
      architecture: { encoderLayers: 1, decoderLayers: 1, dModel: 16, heads: 2, ffnSize: 32, dropout: 0 },
    }),
  );
  poseConfig = join(dir, 'pose.json');
  await writeFile(
    poseConfig,
    JSON.stringify({
      data,
      outDir: 'unused',
      model: { ...tinyModel('mlsf'), augmentations: { gaussianNoiseRate: 5 } },
      steps: 2,
      batchSize: 4,
      lrSchedule: { minLr: 1e-5 },
      validateEvery: 100,
      checkpointEvery: 100,
      backend: 'wasm',
    }),
  );
});
afterAll(removeTempDirs);

describe('signllm-train backtranslate / report', () => {
  it('train, eval on ground truth and on generated poses, eval --save, then report', async () => {
    const bt = join(await tempDir('run'), 'bt');
    const trained = await run([
      'backtranslate',
      'train',
      '--data',
      data,
      '--out',
      bt,
      '--config',
      btConfig,
      '--steps',
      '10',
      '--backend',
      'wasm',
      '--progress',
      'none',
    ]);
    expect(trained.code).toBe(0);
    expect(JSON.parse(trained.out)).toMatchObject({ steps: 10, languages: ['ase', 'gsg'], examples: 32 });
    expect(trained.err).toMatch(/step 10: dev BLEU-4 \d+\.\d\d/);
    expect(existsSync(join(bt, 'metrics.svg'))).toBe(true);

    const gt = await run([
      'backtranslate',
      'eval',
      '--model',
      bt,
      '--data',
      data,
      '--split',
      'dev',
      '--ground-truth',
      '--progress',
      'none',
    ]);
    expect(gt.code).toBe(0);
    expect(gt.out).toMatch(/ground-truth poses[\s\S]*BLEU-4[\s\S]*\nall +3 /);
    const gtReport = BacktranslationReportSchema.parse(
      JSON.parse(await readFile(join(bt, 'eval', 'dev-backtranslation.json'), 'utf8')),
    );
    expect(gtReport).toMatchObject({ poses: 'ground-truth', split: 'dev', overall: { count: 3 } });
    expect(gtReport.overall.dtw).toBeUndefined();

    const pose = join(await tempDir('run'), 'gn');
    expect((await run(['train', '--config', poseConfig, '--out', pose, '--progress', 'none'])).code).toBe(0);
    const gen = await run([
      'backtranslate',
      'eval',
      '--model',
      bt,
      '--data',
      data,
      '--split',
      'test',
      '--poses',
      pose,
      '--json',
      '--beam',
      '2',
      '--progress',
      'none',
    ]);
    expect(gen.code).toBe(0);
    const genReport = BacktranslationReportSchema.parse(JSON.parse(gen.out));
    expect(genReport).toMatchObject({ poses: 'generated', split: 'test', beamSize: 2, poseModel: pose });
    expect(Object.keys(genReport.byLanguage)).toEqual(['ase', 'gsg']);
    expect(genReport.overall.dtw).toBeGreaterThan(0);
    expect(existsSync(join(pose, 'eval', 'test-backtranslation.json'))).toBe(true);
    const saved = await run([
      'eval',
      '--checkpoint',
      pose,
      '--data',
      data,
      '--split',
      'dev',
      '--max',
      '2',
      '--save',
    ]);
    expect(saved.code).toBe(0);
    expect(existsSync(join(pose, 'eval', 'dev-pose.json'))).toBe(true);

    const results = join(await tempDir('md'), 'out', 'results.md');
    const report = await run(['report', '--runs', bt, pose, '--out', results]);
    expect(report.code).toBe(0);
    const md = await readFile(results, 'utf8');
    expect(md).toMatch(/^# Back-translation results/);
    expect(md).toMatch(/\n\| gn \| — \| — \| — \| — \| — \| \d+\.\d\d \| \d+\.\d\d \|/); // dev: DTW from eval --save
    expect(md).toMatch(/\n\| Ground truth \(bt\) \| \d+\.\d\d \|/);
    expect(md).toMatch(/\n\| GN \| — \| — \| — \| — \| — \| \d+\.\d\d \| \d+\.\d\d \|/);
    expect((await run(['report', '--runs', pose, bt])).out).toBe(md);
  });

  it('usage errors exit 2 with a clear message; failures of the work exit 1', async () => {
    const noData = await run(['backtranslate', 'train', '--out', 'x']);
    expect(noData.code).toBe(2);
    expect(noData.err).toMatch(/required option '--data <dataset>' not specified/);
    const missingDir = await run(['backtranslate', 'train', '--data', join(data, 'nope'), '--out', 'x']);
    expect(missingDir.code).toBe(2);
    expect(missingDir.err).toMatch(/'--data <dataset>' argument '.*nope' is invalid\. .*nope does not exist/);
    const badTarget = await run([
      'backtranslate',
      'train',
      '--data',
      data,
      '--out',
      'x',
      '--target',
      'prompt',
    ]);
    expect(badTarget.code).toBe(2);
    expect(badTarget.err).toMatch(
      /'--target <column>' argument 'prompt' is invalid\. Allowed choices are text, gloss/,
    );
    const noPoses = await run(['backtranslate', 'eval', '--model', data, '--data', data]);
    expect(noPoses.code).toBe(2);
    expect(noPoses.err).toMatch(/give --poses <run-dir> .* or --ground-truth/);
    const both = await run([
      'backtranslate',
      'eval',
      '--model',
      data,
      '--data',
      data,
      '--poses',
      data,
      '--ground-truth',
    ]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/cannot be used with/);
    const noModel = await run([
      'backtranslate',
      'eval',
      '--model',
      join(data, 'nope'),
      '--data',
      data,
      '--ground-truth',
    ]);
    expect(noModel.code).toBe(2);
    const noRuns = await run(['report', '--runs', join(data, 'nope')]);
    expect(noRuns.code).toBe(2);
    expect(noRuns.err).toMatch(/'--runs <run-dir\.\.\.>' argument '.*nope' is invalid\. .*does not exist/);
    for (const [splits, message] of [
      ['dev,,test', /expected comma-separated split names/],
      ['dev;rm -rf', /expected comma-separated split names/],
      ['dev,dev', /names a split twice/],
    ] as const) {
      const bad = await run(['report', '--runs', data, '--splits', splits]);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(message);
    }
    // the work fails: exit 1 with a message
    const notBt = await run([
      'backtranslate',
      'eval',
      '--model',
      data,
      '--data',
      data,
      '--ground-truth',
      '--progress',
      'none',
    ]);
    expect(notBt.code).toBe(1);
    expect(notBt.err).toMatch(/^signllm-train backtranslate eval: .* has no checkpoint/);
    const badConfig = join(await tempDir('cfg'), 'bad.json');
    await writeFile(badConfig, JSON.stringify({ stepz: 3 }));
    const unknownKey = await run([
      'backtranslate',
      'train',
      '--data',
      data,
      '--out',
      join(await tempDir('run'), 'r'),
      '--config',
      badConfig,
    ]);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.err).toMatch(/signllm-train backtranslate train: .*stepz/);
  });
});
