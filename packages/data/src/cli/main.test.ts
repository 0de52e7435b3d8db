import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSkels, parseSkels, readPose } from '@signllm/core';
import { describe, expect, it } from 'vitest';
import { dataPath, describeWithData, readDataBytes, readDataText } from '../test-support/shared-data.ts';
import { main } from './main.ts';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = {
    out: (t: string) => {
      out += t;
    },
    err: (t: string) => {
      err += t;
    },
  };
  const code = await main(argv, io);
  return { code, out, err };
}

async function runJson(...argv: string[]) {
  const r = await run('inspect', '--json', ...argv);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

const tmp = () => mkdtempSync(join(tmpdir(), 'signllm-data-'));

describeWithData('signllm-data inspect on the real samples', () => {
  it('summarises a v0.1 .pose file with the documented shape', async () => {
    const [s] = await runJson(dataPath('pose-format', 'mediapipe.pose'));
    expect(s).toMatchObject({ format: 'pose', version: '0.1', skeleton: 'holistic-178' });
    expect(s.sequences).toEqual([
      expect.objectContaining({ frames: 170, joints: 178, dims: 3, people: 1, fps: expect.any(Number) }),
    ]);
  });

  it('summarises a v0.0 .pose file (openpose.pose: 93 frames × 137 points, 2D)', async () => {
    const [s] = await runJson(dataPath('pose-format', 'openpose.pose'));
    expect(s).toMatchObject({ format: 'pose', version: '0.0', skeleton: 'openpose-137', bytes: 155_187 });
    expect(s.sequences[0]).toMatchObject({ frames: 93, joints: 137, dims: 2 });
  });

  it('gives one entry per .skels line, with frames = tokens / 151 and the side files', async () => {
    const text = readDataText('phoenix14t-sample', 'train.skels');
    const lines = text.split('\n').filter((l) => l.trim());
    const expected = lines.map((l) => l.trim().split(/\s+/).length / 151);
    const ids = readDataText('phoenix14t-sample', 'train.files').trim().split('\n');
    const [s] = await runJson(dataPath('phoenix14t-sample', 'train.skels'));
    expect(s).toMatchObject({ format: 'skels', version: 'pt', skeleton: 'prompt2sign-50' });
    expect(s.sequences.map((q: { frames: number }) => q.frames)).toEqual(expected);
    expect(s.sequences.map((q: { id: string }) => q.id)).toEqual(ids);
    expect(s.sequences[0]).toMatchObject({ joints: 50, dims: 3 });
    expect(s.sequences[0].gloss).toBe(readDataText('phoenix14t-sample', 'train.gloss').split('\n')[0]);
  });

  it('summarises an OpenPose folder as one sequence with a frame per JSON file', async () => {
    const dir = dataPath('how2sign-openpose', '_2FBDaOPYig_3-3-rgb_front');
    const files = readdirSync(dir).filter((f) => f.endsWith('_keypoints.json'));
    const [s] = await runJson(dir);
    expect(s).toMatchObject({ format: 'openpose-json', skeleton: 'openpose-137' });
    expect(s.sequences).toEqual([
      { id: '_2FBDaOPYig_3-3-rgb_front', frames: files.length, joints: 137, dims: 2, fps: 24 },
    ]);
  });

  it('summarises a DWPose folder and honours --fps', async () => {
    const dir = dataPath('dwpose', 'human_signer');
    const files = readdirSync(join(dir, 'json')).filter((f) => f.endsWith('.json'));
    const [s] = await runJson('--fps', '30', dir);
    expect(s).toMatchObject({ format: 'dwpose-json', skeleton: 'dwpose-128' });
    expect(s.sequences[0]).toMatchObject({ frames: files.length, joints: 128, dims: 2, fps: 30 });
  });

  it('summarises a pose lexicon, one entry per index row, cut to start/end', async () => {
    const rows = readDataText('fingerspelling', 'index.csv').trim().split('\n').slice(1);
    const [s] = await runJson(dataPath('fingerspelling'));
    expect(s.format).toBe('pose-lexicon');
    expect(s.sequences).toHaveLength(rows.length);
    const first = s.sequences[0];
    const [path, , , start, end, words] = rows[0]!.split(',');
    expect(first).toMatchObject({ id: path, text: words, joints: 586, dims: 3 });
    // The row's [start, end] window in frames at the clip's own fps, clamped to the clip's length.
    const clip = readPose(readDataBytes('fingerspelling', path!));
    const window =
      Math.ceil((Number(end) / 1000) * clip.body.fps) - Math.floor((Number(start) / 1000) * clip.body.fps);
    expect(first.fps).toBe(clip.body.fps);
    expect(first.frames).toBe(Math.min(window, clip.body.frames));
  });

  it('prints a readable block per input', async () => {
    const r = await run(
      'inspect',
      dataPath('pose-format', 'example.pose'),
      dataPath('phoenix14t-sample', 'dev.skels'),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/format\s+pose v0\.1/);
    expect(r.out).toMatch(/frames\s+66 \(/);
    expect(r.out).toMatch(/format\s+skels \(pt\)/);
    expect(r.out).toMatch(/sequences\s+5/);
  });

  it('reports a broken input, still reports the others, and exits 1', async () => {
    const dir = tmp();
    const bytes = readDataBytes('pose-format', 'example.pose');
    const cut = join(dir, 'cut.pose');
    writeFileSync(cut, bytes.subarray(0, 5000));
    const r = await run('inspect', '--json', cut, dataPath('pose-format', 'example.pose'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cut\.pose: .*(truncated|ends|bytes)/i);
    expect(JSON.parse(r.out.trim()).sequences[0].frames).toBe(66);
  });

  it('rejects a .skels line whose token count is not whole frames, naming the line', async () => {
    const dir = tmp();
    const lines = readDataText('phoenix14t-sample', 'dev.skels').split('\n');
    const bad = `${lines[0]}\n${lines[1]!.trim()} 0.5\n`;
    writeFileSync(join(dir, 'bad.skels'), bad);
    const r = await run('inspect', '--dialect', 'pt', join(dir, 'bad.skels'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2/);
  });
});

describe('signllm-data inspect on generated and hostile inputs', () => {
  it('detects each .skels dialect from the counter', async () => {
    const dir = tmp();
    for (const dialect of ['pt', 'p2s', 'dwpose'] as const) {
      const width = dialect === 'dwpose' ? 384 : 150;
      const frames = 4;
      const counter = Float32Array.from({ length: frames }, (_, i) =>
        dialect === 'pt' ? i / frames : dialect === 'p2s' ? (i + 1) / frames : i / (frames - 1),
      );
      const values = Float32Array.from({ length: frames * width }, (_, i) => ((i * 7) % 13) / 100);
      const text = formatSkels([{ frames, valuesPerFrame: width, values, counter }], dialect);
      expect(parseSkels(text, { dialect })[0]!.frames).toBe(frames);
      const file = join(dir, `${dialect}.skels`);
      writeFileSync(file, text);
      const [s] = await runJson(file);
      expect(s.version).toBe(dialect);
      expect(s.sequences[0].frames).toBe(frames);
    }
  });

  it('fails clearly on a missing path, an unknown format and an empty folder', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.bin'), 'hello, not a pose');
    const r = await run('inspect', join(dir, 'nope.pose'), join(dir, 'notes.bin'), dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nope\.pose: No such file/);
    expect(r.err).toMatch(/notes\.bin: Cannot tell the format/);
    expect(r.err).toMatch(/holds no supported input/);
  });

  it('fails fast on a .pose header that claims 4 billion frames', async () => {
    const dir = tmp();
    // v0.2 header with one component "a", format "XYC", one point "p", no limbs or colours,
    // then fps, frames = 0xFFFFFFFF, people = 1, and no data.
    const enc = new TextEncoder();
    const parts: number[] = [];
    const u16 = (v: number) => parts.push(v & 0xff, v >> 8);
    const str = (s: string) => {
      const b = enc.encode(s);
      u16(b.length);
      parts.push(...b);
    };
    const f32 = (v: number) => parts.push(...new Uint8Array(new Float32Array([v]).buffer));
    f32(0.2);
    u16(640);
    u16(480);
    u16(0);
    u16(1);
    str('a');
    str('XYC');
    u16(1);
    u16(0);
    u16(0);
    str('p');
    f32(25);
    parts.push(0xff, 0xff, 0xff, 0xff);
    u16(1);
    writeFileSync(join(dir, 'bomb.pose'), Uint8Array.from(parts));
    const r = await run('inspect', join(dir, 'bomb.pose'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bomb\.pose: /);
  });

  it('rejects usage errors with exit code 2', async () => {
    expect((await run('inspect')).code).toBe(2);
    expect((await run('inspect', '--fps', '-3', 'x.pose')).code).toBe(2);
    const bad = await run('inspect', '--dialect', 'xyz', 'x.skels');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/pt, p2s, dwpose/);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('prints help with exit code 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/inspect/);
  });

  it('reads a lexicon whose index has quoted fields', async () => {
    const dir = tmp();
    const src = readFileSync(dataPath('lexicon', 'sgg-dummy', 'sgg', 'pizza.pose'));
    writeFileSync(join(dir, 'clip.pose'), src);
    writeFileSync(
      join(dir, 'index.csv'),
      'path,spoken_language,signed_language,start,end,words,glosses,priority\r\n"clip.pose",de,sgg,0,0,"Pizza, gross","PIZZA ""GROSS""",0\r\n',
    );
    const [s] = await runJson(dir);
    expect(s.sequences[0]).toMatchObject({ id: 'clip.pose', text: 'Pizza, gross', gloss: 'PIZZA "GROSS"' });
  });
});
