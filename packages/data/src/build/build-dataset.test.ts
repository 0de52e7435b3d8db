import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatasetManifest } from '@signllm/core';
import { expect, it } from 'vitest';
import { openDataset, validateDataset } from '../dataset/index.ts';
import type { Progress } from '../progress/index.ts';
import { thrownAsync } from '../test-support/errors.ts';
import { dataPath, describeWithData } from '../test-support/shared-data.ts';
import { buildDataset } from './build-dataset.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'signllm-build-'));

function shardDigests(dir: string): string[] {
  const m = parseDatasetManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
  return Object.entries(m.splits).flatMap(([name, s]) =>
    s.shards.map((sh) => `${name}:${sh.path}:${sh.sha256}`),
  );
}

const poseInputs = () => [
  dataPath('pose-format'),
  dataPath('lexicon', 'sgg-dummy'),
  dataPath('fingerspelling'),
];

describeWithData('buildDataset on real inputs', () => {
  it('builds PHOENIX .skels and a DSGS lexicon, keeping source splits and languages', async () => {
    const out = join(tmp(), 'ds');
    const problems: string[] = [];
    const result = await buildDataset({
      inputs: [dataPath('phoenix14t-sample'), dataPath('lexicon', 'sgg-dummy')],
      out,
      language: 'gsg',
      workers: 1,
      seed: 5,
      onProblem: (p) => problems.push(p.message),
    });
    expect(problems).toEqual([]);
    const m = result.manifest;
    expect(m.languages).toEqual([
      expect.objectContaining({ code: 'gsg', sequences: 10 }),
      expect.objectContaining({ code: 'sgg', sequences: 4 }),
    ]);
    // PHOENIX ids fix train/dev; the lexicon rows are split by id
    const reader = await openDataset(out);
    const rows = [];
    for await (const row of reader.rows()) rows.push(row);
    expect(rows).toHaveLength(14);
    for (const row of rows.filter((r) => r.language === 'gsg'))
      expect(row.id.startsWith(`${row.split}/`)).toBe(true);
    for (const row of rows) {
      expect(row.sequence.skeleton.name).toBe('prompt2sign-50');
      expect(row.sequence.dims).toBe(3);
      expect(row.sequence.fps).toBe(25);
      expect(row.prompt.length).toBeGreaterThan(row.text.length);
      expect(row.langGloss.startsWith(`<${row.language}> `)).toBe(true);
    }
    // signllm normalisation: the sequence-mean neck is near the origin
    const first = rows[0]?.sequence;
    if (!first) throw new Error('no rows');
    let nx = 0;
    for (let f = 0; f < first.frames; f++) nx += first.data[(f * 50 + 1) * 3] as number;
    expect(Math.abs(nx / first.frames)).toBeLessThan(0.01);
    expect(await validateDataset(out)).toEqual([]);
    expect(m.promptTemplates.map((p) => p.language)).toEqual(['gsg', 'sgg']);
    expect(m.generator.tool).toBe('signllm-data');
  });

  it('reports bad inputs and inputs without a language, and still writes the good ones', async () => {
    const root = tmp();
    const broken = join(root, 'broken-clip');
    mkdirSync(broken);
    writeFileSync(
      join(broken, 'clip_000000000000_keypoints.json'),
      '{"version":1.3,"people":[{"pose_keypoints_2d":[1,2',
    );
    writeFileSync(join(broken, 'clip_000000000001_keypoints.json'), '{"version":1.3,"people":[]}');
    const out = join(root, 'ds');
    const result = await buildDataset({
      inputs: [dataPath('phoenix14t-sample', 'dev.skels'), dataPath('lexicon', 'sgg-dummy'), broken],
      out,
      workers: 1,
    });
    const byInput = result.problems.map((p) => `${p.input.replace(root, '<tmp>')} ${p.code}`);
    // 5 PHOENIX lines without a language, the broken clip with its reason; the lexicon is written
    expect(byInput.filter((p) => p.includes('dev.skels#')).length).toBe(5);
    expect(result.problems.filter((p) => /no sign language/.test(p.message))).toHaveLength(5);
    const brokenProblem = result.problems.find((p) => p.input.includes('broken-clip'));
    expect(brokenProblem?.message).toMatch(/broken-clip|clip_000000000000/);
    expect(result.manifest.languages).toEqual([expect.objectContaining({ code: 'sgg', sequences: 4 })]);
    const report = JSON.parse(readFileSync(result.reportPath, 'utf8'));
    expect(report.problems).toHaveLength(result.problems.length);
    expect(await validateDataset(out)).toEqual([]);
  }, 120_000);

  it('resumes a crashed build and ends with the same shards as an uninterrupted one', async () => {
    const fresh = join(tmp(), 'fresh');
    await buildDataset({ inputs: poseInputs(), out: fresh, language: 'ase', workers: 1, shardRows: 3 });
    const out = join(tmp(), 'crashed');
    let ticks = 0;
    const crashing: Progress = {
      setTotal: () => {},
      tick: () => {
        if (++ticks === 6) throw new Error('simulated crash');
      },
      log: () => {},
      done: () => {},
    };
    const error = await buildDataset({
      inputs: poseInputs(),
      out,
      language: 'ase',
      workers: 1,
      shardRows: 3,
      progress: crashing,
    }).catch((e: Error) => e);
    expect((error as Error).message).toBe('simulated crash');
    expect(readdirSync(out)).not.toContain('manifest.json');
    const resumed = await buildDataset({
      inputs: poseInputs(),
      out,
      language: 'ase',
      workers: 1,
      shardRows: 3,
    });
    expect(resumed.stats.inputsResumed).toBeGreaterThan(0);
    expect(shardDigests(out)).toEqual(shardDigests(fresh));
    // per-source counts are only given when one run wrote every row
    const sourcesOf = (dir: string) =>
      parseDatasetManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).sources;
    expect(sourcesOf(out).every((s) => s.sequences === undefined)).toBe(true);
    expect(sourcesOf(fresh).reduce((n, s) => n + (s.sequences ?? 0), 0)).toBe(
      resumed.manifest.languages.reduce((n, l) => n + l.sequences, 0),
    );
    expect(await validateDataset(out)).toEqual([]);
  }, 120_000);

  it('rebuilds a finished dataset in place with overwrite, and refuses without it', async () => {
    const out = join(tmp(), 'again');
    const first = await buildDataset({ inputs: poseInputs(), out, language: 'ase', workers: 1, seed: 1 });
    expect(readdirSync(out)).toContain('build-report.json');
    const refused = await thrownAsync(() =>
      buildDataset({ inputs: poseInputs(), out, language: 'ase', workers: 1, seed: 2 }),
    );
    expect(refused.code).toBe('invalid_argument');
    expect(refused.message).toMatch(/already holds a finished dataset/);
    const second = await buildDataset({
      inputs: poseInputs(),
      out,
      language: 'ase',
      workers: 1,
      seed: 1,
      overwrite: true,
    });
    expect(second.upToDate).toBeUndefined();
    expect(second.manifest.languages).toEqual(first.manifest.languages);
    expect(shardDigests(out)).toEqual(
      Object.entries(first.manifest.splits).flatMap(([name, s]) =>
        s.shards.map((sh) => `${name}:${sh.path}:${sh.sha256}`),
      ),
    );
    expect(await validateDataset(out)).toEqual([]);
  }, 120_000);

  it('fails clearly when nothing usable is found', async () => {
    const e = await thrownAsync(() =>
      buildDataset({ inputs: [dataPath('README.md')], out: join(tmp(), 'x') }),
    );
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toMatch(/No supported inputs/);
  });
});
