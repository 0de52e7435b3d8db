import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignLLMError } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath, describeWithData } from '../test-support/shared-data.ts';
import { discoverInputs } from './discover-inputs.ts';
import type { SkippedInput } from './input-unit.ts';

async function discover(paths: string[], maxDepth?: number) {
  const skipped: SkippedInput[] = [];
  const units = await discoverInputs(paths, {
    onSkip: (s) => skipped.push(s),
    ...(maxDepth === undefined ? {} : { maxDepth }),
  });
  return { units, skipped };
}

describeWithData('discoverInputs on the shared data folder', () => {
  it('finds every supported input of the README table, one unit per clip, in sorted order', async () => {
    const { units } = await discover([dataPath()]);
    const root = units[0]!.key.split('/')[0];
    expect(units.map((u) => `${u.kind} ${u.key.slice(root!.length + 1)}`)).toEqual([
      'dwpose dwpose/human_signer',
      'video dwpose/human_signer.mp4',
      'lexicon fingerspelling',
      'openpose how2sign-openpose/_2FBDaOPYig_2-3-rgb_front',
      'video how2sign-openpose/_2FBDaOPYig_2-3-rgb_front.mp4',
      'openpose how2sign-openpose/_2FBDaOPYig_2-5-rgb_front',
      'openpose how2sign-openpose/_2FBDaOPYig_3-3-rgb_front',
      'lexicon lexicon/sgg-dummy',
      'skels phoenix14t-sample/dev.skels',
      'skels phoenix14t-sample/train.skels',
      'pose pose-format/example.pose',
      'pose pose-format/mediapipe.pose',
      'pose pose-format/mediapipe_hand_normalized.pose',
      'pose pose-format/openpose.pose',
    ]);
    expect(units.find((u) => u.kind === 'openpose')!.path).toBe(
      dataPath('how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front'),
    );
    const keys = units.map((u) => u.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists what it passes over with a reason, but not the side files of a .skels', async () => {
    const { skipped } = await discover([dataPath()]);
    const reasons = new Map(skipped.map((s) => [s.path, s.reason]));
    expect(reasons.get(dataPath('how2sign-text', 'dev.files'))).toMatch(
      /without a dev\.skels.*metadata mapping/,
    );
    expect(reasons.get(dataPath('how2sign-text', 'dev.text'))).toMatch(/metadata mapping/);
    expect(reasons.get(dataPath('README.md'))).toMatch(/unsupported file type \(\.md\)/);
    expect(reasons.get(dataPath('prompt2sign-templates', 'prompts_ASL.txt'))).toMatch(/\.txt/);
    expect(skipped.some((s) => s.path.includes('phoenix14t-sample'))).toBe(false);
    // Lexicon and clip folders are not descended into: their .pose / .json members are not listed.
    expect(skipped.some((s) => s.path.includes('fingerspelling') || s.path.includes('_keypoints'))).toBe(
      false,
    );
  });

  it('is deterministic', async () => {
    const a = await discover([dataPath()]);
    const b = await discover([dataPath()]);
    expect(b).toEqual(a);
  });

  it('classifies paths given directly', async () => {
    const { units, skipped } = await discover([
      dataPath('how2sign-openpose', '_2FBDaOPYig_3-3-rgb_front'),
      dataPath('dwpose', 'human_signer', 'json'),
      dataPath('lexicon', 'sgg-dummy', 'index.csv'),
      dataPath('phoenix14t-sample', 'dev.skels'),
      dataPath('phoenix14t-sample', 'dev.gloss'),
    ]);
    expect(units.map((u) => [u.kind, u.key])).toEqual([
      ['openpose', '_2FBDaOPYig_3-3-rgb_front'],
      ['dwpose', 'json'],
      ['lexicon', 'index.csv'],
      ['skels', 'dev.skels'],
    ]);
    expect(units[2]!.path).toBe(dataPath('lexicon', 'sgg-dummy'));
    expect(skipped).toEqual([
      {
        path: dataPath('phoenix14t-sample', 'dev.gloss'),
        reason: expect.stringMatching(/side file of dev\.skels/),
      },
    ]);
  });
});

describe('discoverInputs on hostile folders', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signllm-discover-'));
    await mkdir(join(dir, 'tree', 'empty'), { recursive: true });
    await mkdir(join(dir, 'tree', 'deep', 'a', 'b', 'c'), { recursive: true });
    await writeFile(join(dir, 'tree', 'deep', 'a', 'b', 'c', 'x.pose'), 'not really');
    await mkdir(join(dir, 'tree', 'ds'), { recursive: true });
    await writeFile(join(dir, 'tree', 'ds', 'manifest.json'), '{}');
    await writeFile(join(dir, 'tree', 'ds', 'shard-0.pose'), '');
    await mkdir(join(dir, 'tree', 'junk'), { recursive: true });
    await writeFile(join(dir, 'tree', 'junk', 'garbage.json'), new Uint8Array([0xff, 0x00, 0xfe, 0x7b]));
    await writeFile(join(dir, 'tree', 'junk', 'notes.bin'), new Uint8Array([1, 2, 3]));
    await writeFile(join(dir, 'tree', '.DS_Store'), 'x');
    await writeFile(join(dir, 'tree', 'clip.MOV'), '');
    await writeFile(join(dir, 'tree', 'map.csv'), 'id,text\n');
    await symlink(join(dir, 'tree'), join(dir, 'tree', 'loop'));
    await symlink(join(dir, 'tree', 'nowhere'), join(dir, 'tree', 'broken'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('walks a tree with a link loop, a broken link, hidden, empty and junk entries without failing', async () => {
    const { units, skipped } = await discover([join(dir, 'tree')]);
    expect(units.map((u) => [u.kind, u.key])).toEqual([
      ['video', 'tree/clip.MOV'],
      ['pose', 'tree/deep/a/b/c/x.pose'],
      ['dataset', 'tree/ds'],
    ]);
    const reasons = Object.fromEntries(skipped.map((s) => [s.path.slice(dir.length + 1), s.reason]));
    expect(reasons).toEqual({
      'tree/.DS_Store': 'hidden',
      'tree/broken': expect.stringMatching(/cannot be read \(ENOENT/),
      'tree/empty': 'empty folder',
      'tree/junk/garbage.json': expect.stringMatching(/JSON file outside/),
      'tree/junk/notes.bin': 'unsupported file type (.bin)',
      'tree/loop': expect.stringMatching(/already listed/),
      'tree/map.csv': expect.stringMatching(/not a lexicon index\.csv/),
    });
  });

  it('stops at maxDepth and skips a path given twice', async () => {
    const { units, skipped } = await discover([join(dir, 'tree', 'deep'), join(dir, 'tree', 'deep')], 2);
    expect(units).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual([
      'deeper than 2 levels',
      expect.stringMatching(/already listed/),
    ]);
  });

  it('throws invalidArgument for a path that does not exist or a bad argument', async () => {
    await expect(discoverInputs([join(dir, 'missing')])).rejects.toSatisfy(
      (e) => SignLLMError.isInstance(e) && e.code === 'invalid_argument' && /No such file/.test(e.message),
    );
    await expect(discoverInputs([''])).rejects.toThrow(/non-empty paths/);
    await expect(discoverInputs([dir], { maxDepth: -1 })).rejects.toThrow(/maxDepth/);
  });
});
