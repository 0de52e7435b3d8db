import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatasetManifest, poseFileToSequence, readPose } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { openDataset } from '../dataset/index.ts';
import { dataPath, describeWithData, readDataText } from '../test-support/shared-data.ts';
import { main } from './main.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'signllm-cli-'));

async function run(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string; progress: string; argv: string[] }> {
  let out = '';
  let err = '';
  let progress = '';
  const progressStream = {
    isTTY: false,
    write: (s: string) => {
      progress += s;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const code = await main(
    argv,
    {
      out: (t) => {
        out += t;
      },
      err: (t) => {
        err += t;
      },
    },
    { progressStream },
  );
  return { code, out, err, progress, argv };
}

function manifestOf(dir: string) {
  return parseDatasetManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
}

describe('signllm-data synth / stats / validate', () => {
  it('writes a seeded corpus that validates, with the noisy fraction flagged, reproducibly', async () => {
    const root = tmp();
    const a = join(root, 'a');
    const args = [
      '--languages',
      'ase,GSL',
      '--sequences',
      '60',
      '--seed',
      '3',
      '--noisy',
      '0.25',
      '--shard-rows',
      '16',
    ];
    const r = await run('synth', '--out', a, ...args, '--progress', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.progress
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ event: 'done', step: 'synth', done: 60, total: 60 });
    const m = manifestOf(a);
    expect(m.languages.map((l) => [l.code, l.sequences])).toEqual([
      ['ase', 30],
      ['gsg', 30],
    ]);
    expect(m.sources[0]).toMatchObject({ kind: 'synthetic' });
    const v = await run('validate', a, '--json');
    expect(v.code).toBe(0);
    expect(JSON.parse(v.out)).toMatchObject({ ok: true, problems: [] });
    const s = await run('stats', a, '--json');
    const stats = JSON.parse(s.out);
    // long dataset commands report progress over the manifest's sequence count
    expect(JSON.parse(s.progress.trim().split('\n').at(-1) as string)).toMatchObject({
      event: 'done',
      step: 'stats',
      done: 60,
      total: 60,
    });
    expect(stats.sequences).toBe(60);
    expect(stats.flags.noisy).toBeGreaterThan(5);
    expect(stats.flags.noisy).toBeLessThan(25);
    // the same command gives the same shards
    const b = join(root, 'b');
    expect((await run('synth', '--out', b, ...args, '--progress', 'none')).code).toBe(0);
    const digests = (d: string) =>
      Object.values(manifestOf(d).splits).flatMap((x) => x.shards.map((sh) => sh.sha256));
    expect(digests(b)).toEqual(digests(a));
    // text stats, and inspect on a dataset folder gives the same numbers
    const t = await run('stats', a);
    expect(t.out).toMatch(/ase/);
    const inspected = await run('inspect', a, '--json');
    expect(inspected.code).toBe(0);
    expect(JSON.parse(inspected.out)).toMatchObject({ format: 'dataset', sequences: 60, flags: stats.flags });
  });

  it('rejects bad options with exit 2 and a message naming the option', async () => {
    const out = join(tmp(), 'x');
    for (const [argv, pattern] of [
      [['synth', '--out', out, '--languages', 'ase', '--sequences', '-3'], /--sequences/],
      [['synth', '--out', out, '--languages', 'ase', '--sequences', '3', '--noisy', '1.5'], /--noisy/],
      [['synth', '--out', out, '--languages', '', '--sequences', '3'], /--languages/],
      [['build', 'x', '--out', out, '--splits', 'train=abc'], /split/i],
      [['build', 'x', '--out', out, '--workers', '0'], /--workers/],
      [['build', 'x', '--out', out, '--frame-size', '1280'], /--frame-size/],
      [['convert', 'x', 'y.pose', '--frame-size', '0x720'], /--frame-size/],
    ] as const) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(pattern);
    }
    const unknown = await run(
      'synth',
      '--out',
      out,
      '--languages',
      'xyz',
      '--sequences',
      '3',
      '--progress',
      'none',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/xyz/);
  });

  it('validate finds a tampered shard; stats on a missing folder fails clearly', async () => {
    const d = join(tmp(), 'd');
    await run('synth', '--out', d, '--languages', 'kvk', '--sequences', '8', '--progress', 'none');
    const shard = join(d, 'train', readdirSync(join(d, 'train'))[0] as string);
    const bytes = readFileSync(shard);
    const mid = Math.floor(bytes.length / 2);
    bytes[mid] = (bytes[mid] as number) ^ 0xff;
    writeFileSync(shard, bytes);
    const v = await run('validate', d);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/SHA-256 is [0-9a-f]{64}, the manifest says/);
    const s = await run('stats', join(d, 'nope'));
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/nope/);
  });
});

describeWithData('signllm-data build / convert / export on real data', () => {
  it('builds How2Sign OpenPose clips with lifting in worker threads and reports the reprojection error', async () => {
    const out = join(tmp(), 'h2s');
    const r = await run(
      'build',
      dataPath('how2sign-openpose'),
      '--out',
      out,
      '--metadata',
      dataPath('how2sign-text', 'dev.files'),
      '--language',
      'ase',
      '--lift-iterations',
      '60',
      '--workers',
      '2',
      '--progress',
      'json',
      '--licence',
      'CC-BY-NC-4.0',
    );
    // the clip's video is an input too: it has the same id as its JSON folder and is reported as a duplicate
    expect(r.err).toMatch(/duplicate sequence id/);
    expect(r.out).toMatch(/3 sequences written/);
    expect(r.out).toMatch(/lifted 3 sequences: mean 2D reprojection error/);
    const m = manifestOf(out);
    expect(m.languages).toEqual([expect.objectContaining({ code: 'ase', sequences: 3 })]);
    expect(m.splits.dev?.sequences).toBe(3);
    expect(m.sources[0]).toMatchObject({ licence: 'CC-BY-NC-4.0', sequences: 3, languages: ['ase'] });
    const report = JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8'));
    expect(report.stats.lifted).toBe(3);
    expect(report.stats.meanReprojectionError).toBeGreaterThan(0);
    expect(report.stats.meanReprojectionError).toBeLessThan(0.1);
    // the same command again is a no-op
    const digest = readFileSync(join(out, 'manifest.json'), 'utf8');
    const again = await run(...r.argv);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/is up to date/);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(digest);
    const texts = readDataText('how2sign-text', 'dev.text');
    const ex = await run('export', out, '--out', join(out, '..', 'skels'), '--json');
    expect(ex.code).toBe(0);
    const exported = readFileSync(join(out, '..', 'skels', 'dev.text'), 'utf8')
      .trim()
      .split('\n');
    expect(exported).toHaveLength(3);
    for (const line of exported) expect(texts).toContain(line.slice(0, 20));
  }, 300_000);

  it('builds from a video: ffmpeg + pose estimation, cleaning, lifting', async () => {
    const out = join(tmp(), 'video');
    const r = await run(
      'build',
      dataPath('dwpose', 'human_signer.mp4'),
      '--out',
      out,
      '--language',
      'ase',
      '--video-max-frames',
      '12',
      '--lift-iterations',
      '60',
      '--workers',
      '1',
      '--progress',
      'none',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/1 sequences written/);
    expect(r.out).toMatch(/lifted 1 sequences/);
    const m = manifestOf(out);
    // 12 frames of a 24 fps video resampled to the dataset's 25 fps
    expect(m.languages[0]?.frames).toBeGreaterThanOrEqual(12);
    expect(m.languages[0]?.frames).toBeLessThanOrEqual(13);
  }, 180_000);

  it('estimates several videos at once in the worker pool, in input order, and reports a video without a person', async () => {
    const root = tmp();
    const videos = join(root, 'videos');
    mkdirSync(videos);
    symlinkSync(dataPath('dwpose', 'human_signer.mp4'), join(videos, 'a-signer.mp4'));
    // a copy, not a link: discovery reads each real file once
    copyFileSync(dataPath('dwpose', 'human_signer.mp4'), join(videos, 'b-signer.mp4'));
    // the How2Sign video is a drawing of the skeleton: no person for the estimator
    symlinkSync(
      dataPath('how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front.mp4'),
      join(videos, 'c-drawing.mp4'),
    );
    const out = join(root, 'ds');
    const r = await run(
      'build',
      videos,
      '--out',
      out,
      '--language',
      'ase',
      '--video-max-frames',
      '8',
      '--lift-iterations',
      '30',
      '--workers',
      '2',
      '--resplit',
      '--splits',
      'train=1',
      '--progress',
      'none',
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/c-drawing\.mp4.*(no person found|no usable frame)/);
    expect(r.out).toMatch(/2 sequences written/);
    const rows = [];
    for await (const row of (await openDataset(out)).rows()) rows.push(row);
    expect(rows.map((row) => row.id)).toEqual(['a-signer', 'b-signer']);
    // the same video gives the same poses in either worker
    expect(rows[1]?.sequence.data).toEqual(rows[0]?.sequence.data);
  }, 180_000);

  it('converts an OpenPose folder to a lifted, normalised 3D prompt2sign-50 .pose file', async () => {
    const out = join(tmp(), 'clip.pose');
    const r = await run(
      'convert',
      dataPath('how2sign-openpose', '_2FBDaOPYig_2-5-rgb_front'),
      out,
      '--lift',
      '--normalize',
      'signllm',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const jsonFrames = readdirSync(dataPath('how2sign-openpose', '_2FBDaOPYig_2-5-rgb_front')).filter((f) =>
      f.endsWith('.json'),
    ).length;
    const seq = poseFileToSequence(readPose(new Uint8Array(readFileSync(out))));
    expect(seq.dims).toBe(3);
    expect(seq.joints).toBe(50);
    expect(seq.frames).toBe(jsonFrames);
    let zNonZero = 0;
    for (let i = 2; i < seq.data.length; i += 3) if (Math.abs(seq.data[i] as number) > 1e-4) zNonZero++;
    expect(zNonZero).toBeGreaterThan(seq.frames * 10);
  }, 120_000);

  it('converts PHOENIX .skels to .skels unchanged and to a dataset, and exports .pose files', async () => {
    const root = tmp();
    const r = await run('convert', dataPath('phoenix14t-sample', 'dev.skels'), join(root, 'copy.skels'));
    expect(r.err).toBe('');
    expect(readFileSync(join(root, 'copy.skels'), 'utf8')).toBe(
      readDataText('phoenix14t-sample', 'dev.skels'),
    );
    expect(readFileSync(join(root, 'copy.gloss'), 'utf8')).toBe(
      readDataText('phoenix14t-sample', 'dev.gloss'),
    );
    const ds = join(root, 'ds');
    const c = await run(
      'convert',
      dataPath('phoenix14t-sample', 'dev.skels'),
      ds,
      '--language',
      'gsg',
      '--normalize',
      'progressive-transformers',
    );
    expect(c.code).toBe(0);
    expect(manifestOf(ds).splits.dev?.sequences).toBe(5);
    const back = await run('export', ds, '--out', join(root, 'pt'));
    expect(back.code).toBe(0);
    expect(readFileSync(join(root, 'pt', 'dev.skels'), 'utf8')).toBe(
      readDataText('phoenix14t-sample', 'dev.skels'),
    );
    const poses = await run('export', ds, '--to', 'pose', '--out', join(root, 'poses'));
    expect(poses.code).toBe(0);
    expect(
      readdirSync(join(root, 'poses'), { recursive: true }).filter((f) => String(f).endsWith('.pose')),
    ).toHaveLength(5);
  });

  it('fails with exit 1 and the reason for missing or unusable inputs', async () => {
    const r = await run('convert', join(tmp(), 'missing-folder'), join(tmp(), 'x.pose'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/missing-folder/);
    const b = await run(
      'build',
      join(tmp(), 'nothing-here'),
      '--out',
      join(tmp(), 'o'),
      '--progress',
      'none',
    );
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/nothing-here/);
  });
});
