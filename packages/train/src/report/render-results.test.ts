import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacktranslationReport } from '../backtranslate/backtranslation-report.ts';
import { removeTempDirs, tempDir } from '../test-support/tiny-run.ts';
import { ABLATION_ROWS, ablationLabel } from './ablation-label.ts';
import { readRunResults } from './read-run-results.ts';
import { renderResults } from './render-results.ts';

afterAll(removeTempDirs);

type Metrics = BacktranslationReport['overall'];
const m = (bleu4: number, rougeL: number, dtw?: number, count = 2): Metrics => ({
  count,
  bleu1: bleu4 + 30,
  bleu2: bleu4 + 20,
  bleu3: bleu4 + 10,
  bleu4,
  rougeL,
  ...(dtw === undefined ? {} : { dtw }),
});

async function writeJson(path: string, value: unknown): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, JSON.stringify(value));
}

async function writeReport(
  run: string,
  split: string,
  poses: 'ground-truth' | 'generated',
  overall: Metrics,
  byLanguage: Record<string, Metrics>,
): Promise<void> {
  const report: BacktranslationReport = {
    format: 'signllm-backtranslation-report',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    split,
    poses,
    target: 'text',
    beamSize: 1,
    data: 'datasets/synth',
    backtranslationModel: 'runs/bt',
    overall,
    byLanguage,
    examples: [],
  };
  await writeJson(join(run, 'eval', `${split}-backtranslation.json`), report);
}

const GOLDEN = `# Back-translation results

BLEU-1..4 (sacreBLEU, 13a tokenisation) and ROUGE-L (F, β = 1.2), ×100, of the back-translated poses
against the source sentences; DTW as Progressive Transformers computes it, of the free-running
generated poses against the ground truth (lower is better). "Ground truth" rows back-translate the
dataset poses (the ceiling). — = no number.

## ase (American Sign Language)

| Model | DEV BLEU-4 | DEV BLEU-3 | DEV BLEU-2 | DEV BLEU-1 | DEV ROUGE | DEV DTW | TEST BLEU-4 | TEST BLEU-3 | TEST BLEU-2 | TEST BLEU-1 | TEST ROUGE | TEST DTW |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| base | 10.96 | 20.96 | 30.96 | 40.96 | 44.13 | 21.70 | 9.27 | 19.27 | 29.27 | 39.27 | 40.39 | 19.30 |
| fp-gn | — | — | — | — | — | — | — | — | — | — | — | — |
| rl-plc | 18.77 | 28.77 | 38.77 | 48.77 | 61.44 | 16.20 | — | — | — | — | — | — |
| Ground truth (bt) | 30.50 | 40.50 | 50.50 | 60.50 | 70.25 | — | — | — | — | — | — | — |

## gsg (German Sign Language (DGS))

| Model | DEV BLEU-4 | DEV BLEU-3 | DEV BLEU-2 | DEV BLEU-1 | DEV ROUGE | DEV DTW | TEST BLEU-4 | TEST BLEU-3 | TEST BLEU-2 | TEST BLEU-1 | TEST ROUGE | TEST DTW |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| base | 11.50 | 21.50 | 31.50 | 41.50 | 45.00 | 23.00 | — | — | — | — | — | — |
| fp-gn | — | — | — | — | — | — | — | — | — | — | — | — |
| rl-plc | — | — | — | — | — | — | — | — | — | — | — | — |
| Ground truth (bt) | 28.00 | 38.00 | 48.00 | 58.00 | 66.00 | — | — | — | — | — | — | — |

## All languages

| Model | DEV BLEU-4 | DEV BLEU-3 | DEV BLEU-2 | DEV BLEU-1 | DEV ROUGE | DEV DTW | TEST BLEU-4 | TEST BLEU-3 | TEST BLEU-2 | TEST BLEU-1 | TEST ROUGE | TEST DTW |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| base | 11.20 | 21.20 | 31.20 | 41.20 | 44.60 | 22.35 | 9.27 | 19.27 | 29.27 | 39.27 | 40.39 | 19.30 |
| fp-gn | — | — | — | — | — | — | — | — | — | — | — | — |
| rl-plc | 18.77 | 28.77 | 38.77 | 48.77 | 61.44 | 16.20 | — | — | — | — | — | — |
| Ground truth (bt) | 29.25 | 39.25 | 49.25 | 59.25 | 68.13 | — | — | — | — | — | — | — |

## Ablation (all languages)

Rows from each run's config.json: P2LG = Prompt2LangGloss stage 2, RL loss = loss "rl", PLC = rl.plc,
FP = futurePrediction > 0, GN = gaussianNoiseRate > 0, JC = justCounter, joined with " + "; none = Base.

| Approach | DEV BLEU-4 | DEV BLEU-3 | DEV BLEU-2 | DEV BLEU-1 | DEV ROUGE | DEV DTW | TEST BLEU-4 | TEST BLEU-3 | TEST BLEU-2 | TEST BLEU-1 | TEST ROUGE | TEST DTW |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| Base | 11.20 | 21.20 | 31.20 | 41.20 | 44.60 | 22.35 | 9.27 | 19.27 | 29.27 | 39.27 | 40.39 | 19.30 |
| FP | — | — | — | — | — | — | — | — | — | — | — | — |
| GN | — | — | — | — | — | — | — | — | — | — | — | — |
| RL loss | — | — | — | — | — | — | — | — | — | — | — | — |
| RL loss + PLC | 18.77 | 28.77 | 38.77 | 48.77 | 61.44 | 16.20 | — | — | — | — | — | — |
| FP + GN | — | — | — | — | — | — | — | — | — | — | — | — |
`;

describe('signllm-train report', () => {
  it('renders the paper-layout tables from hand-written reports, with — for missing numbers', async () => {
    const root = await tempDir('runs');
    const base = join(root, 'base');
    await writeJson(join(base, 'config.json'), { loss: 'mse', model: { mode: 'mlsf', augmentations: {} } });
    await writeReport(base, 'dev', 'generated', m(11.2, 44.6, 22.35, 4), {
      gsg: m(11.5, 45, 23),
      ase: m(10.96, 44.13, 21.7),
    });
    await writeReport(base, 'test', 'generated', m(9.27, 40.39, 19.3), { ase: m(9.27, 40.39, 19.3) });
    // RL + PLC: a dev report without DTW, which then comes from `eval --save`'s pose report
    const rl = join(root, 'rl-plc');
    await writeJson(join(rl, 'config.json'), { loss: 'rl', rl: { plc: true }, model: { mode: 'mlsf' } });
    await writeReport(rl, 'dev', 'generated', m(18.77, 61.44), { ase: m(18.77, 61.44) });
    await writeJson(join(rl, 'eval', 'dev-pose.json'), {
      dtw: 12.5,
      dtwFreeRunning: 16.2,
      byLanguage: { ase: { dtw: 12.5, dtwFreeRunning: 16.2 } },
    });
    // a variant outside the canonical rows, with no evaluation yet
    const fpGn = join(root, 'fp-gn');
    await writeJson(join(fpGn, 'config.json'), {
      model: { mode: 'mlsf', augmentations: { futurePrediction: 3, gaussianNoiseRate: 5 } },
    });
    // the back-translation run: the ground-truth ceiling (its config.json is not a pose config)
    const bt = join(root, 'bt');
    await writeJson(join(bt, 'config.json'), { data: 'd', outDir: 'runs/bt', target: 'text' });
    await writeReport(bt, 'dev', 'ground-truth', m(29.25, 68.125), { ase: m(30.5, 70.25), gsg: m(28, 66) });

    const runs = await Promise.all([fpGn, bt, rl, base].map((dir) => readRunResults(dir)));
    expect(runs.map((r) => [r.name, r.label, r.groundTruth])).toEqual([
      ['fp-gn', 'FP + GN', false],
      ['bt', undefined, true],
      ['rl-plc', 'RL loss + PLC', false],
      ['base', 'Base', false],
    ]);
    expect(renderResults(runs)).toBe(GOLDEN);
    // the order of --runs does not matter
    expect(renderResults([...runs].reverse())).toBe(GOLDEN);
  });

  it('gives columns to the splits asked for, in their order (a dataset without a test split)', async () => {
    const root = await tempDir('runs');
    const pose = join(root, 'rl-plc');
    await writeJson(join(pose, 'config.json'), { loss: 'rl', model: { mode: 'mlsf' } });
    await writeReport(pose, 'dev', 'generated', m(3.39, 20, 40), { gsg: m(3.39, 20, 40) });
    await writeReport(pose, 'train', 'generated', m(44.8, 70, 5), { gsg: m(44.8, 70, 5) });
    const splits = ['train', 'dev'];
    const run = await readRunResults(pose, splits);
    expect(Object.keys(run.splits)).toEqual(['train', 'dev']);
    const md = renderResults([run], { splits });
    expect(md).toContain(
      '| Model | TRAIN BLEU-4 | TRAIN BLEU-3 | TRAIN BLEU-2 | TRAIN BLEU-1 | TRAIN ROUGE | TRAIN DTW | DEV BLEU-4 |',
    );
    expect(md).toContain(
      '| rl-plc | 44.80 | 54.80 | 64.80 | 74.80 | 70.00 | 5.00 | 3.39 | 13.39 | 23.39 | 33.39 | 20.00 | 40.00 |',
    );
    expect(md).not.toContain('TEST');
    // the default reads dev and test only: the train report is not shown
    const byDefault = renderResults([await readRunResults(pose)]);
    expect(byDefault).toContain('| rl-plc | 3.39 | 13.39 | 23.39 | 33.39 | 20.00 | 40.00 | — |');
    expect(byDefault).not.toContain('TRAIN');
  });

  it('names two runs of the same variant by folder and rejects a damaged report', async () => {
    const root = await tempDir('runs');
    for (const name of ['seed-1', 'seed-2']) {
      const dir = join(root, name);
      await writeJson(join(dir, 'config.json'), {
        model: { mode: 'mlsf', augmentations: { gaussianNoiseRate: 5 } },
      });
      await writeReport(dir, 'dev', 'generated', m(1, 2, 3), { ase: m(1, 2, 3) });
    }
    const md = renderResults(
      await Promise.all(['seed-2', 'seed-1'].map((n) => readRunResults(join(root, n)))),
    );
    expect(md).toContain('| GN (seed-1) | 1.00 | 11.00 | 21.00 | 31.00 | 2.00 | 3.00 | — |');
    expect(md.indexOf('GN (seed-1)')).toBeLessThan(md.indexOf('GN (seed-2)'));
    await writeFile(
      join(root, 'seed-1', 'eval', 'dev-backtranslation.json'),
      '{"format": "signllm-backtranslation-report"',
    );
    await expect(readRunResults(join(root, 'seed-1'))).rejects.toThrow(
      /dev-backtranslation\.json is not valid JSON/,
    );
    await writeJson(join(root, 'seed-1', 'eval', 'dev-backtranslation.json'), { format: 'other' });
    await expect(readRunResults(join(root, 'seed-1'))).rejects.toThrow(/dev-backtranslation\.json/);
    await expect(readRunResults(join(root, 'missing'))).rejects.toThrow(/is not a folder/);
  });
});

describe('ablationLabel', () => {
  it.each([
    [{ model: { mode: 'mlsf' } }, 'Base'],
    [{ loss: 'mse', model: { mode: 'mlsf', augmentations: { futurePrediction: 3 } } }, 'FP'],
    [{ model: { mode: 'mlsf', augmentations: { gaussianNoiseRate: 5 } } }, 'GN'],
    [{ loss: 'rl', rl: { plc: false }, model: { mode: 'mlsf' } }, 'RL loss'],
    [{ loss: 'rl', model: { mode: 'mlsf' } }, 'RL loss + PLC'], // rl.plc defaults to true
    [{ model: { mode: 'mlsf', augmentations: { futurePrediction: 2, gaussianNoiseRate: 5 } } }, 'FP + GN'],
    [{ model: { mode: 'mlsf', augmentations: { justCounter: true } } }, 'JC'],
    [{ model: { mode: 'p2lg-stage2' } }, 'P2LG'],
    [{ loss: 'rl', model: { mode: 'mlsf', augmentations: { gaussianNoiseRate: 1 } } }, 'RL loss + PLC + GN'],
  ])('%j → %s', (config, label) => {
    expect(ablationLabel(config)).toBe(label);
  });

  it('is undefined for configs that are not a pose model’s', () => {
    expect(ablationLabel({ model: { mode: 'p2lg-stage1' } })).toBeUndefined();
    expect(ablationLabel({ data: 'd', target: 'text' })).toBeUndefined();
    expect(ablationLabel(undefined)).toBeUndefined();
    expect(ABLATION_ROWS).toEqual(['Base', 'FP', 'GN', 'RL loss', 'RL loss + PLC']);
  });
});
