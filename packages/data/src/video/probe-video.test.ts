/**
 * Tests of the ffmpeg header parser (synthetic headers and real runs on the shared videos) and of
 * `probeVideo` on hostile files.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SignLLMError } from '@signllm/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { thrownAsync } from '../test-support/errors.ts';
import { dataPath, describeWithData, readDataBytes } from '../test-support/shared-data.ts';
import { parseFfmpegInfo, probeVideo, resolveFfmpegPath, stderrTail } from './probe-video.ts';

const HEADER = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':
  Duration: 00:01:02.50, start: 0.000000, bitrate: 631 kb/s
    Stream #0:0(und): Audio: aac (LC), 44100 Hz, stereo, fltp, 128 kb/s (default)
    Stream #0:1(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1920x1080 [SAR 1:1 DAR 16:9], 5000 kb/s, 29.97 fps, 29.97 tbr, 30k tbn (default)
    Metadata:
      handler_name    : VideoHandler`;

const rejection = (p: Promise<unknown>): Promise<SignLLMError> => thrownAsync(() => p);

describe('parseFfmpegInfo', () => {
  it('reads size, NTSC frame rate, duration and codec of the video stream (not the audio)', () => {
    expect(parseFfmpegInfo(HEADER)).toEqual({
      width: 1920,
      height: 1080,
      fps: 30000 / 1001,
      durationSeconds: 62.5,
      rotation: 0,
      codec: 'h264',
    });
  });

  it('swaps the size for 90° rotation metadata (old and new ffmpeg wording) and falls back to tbr', () => {
    const old = `${HEADER.replace('29.97 fps, ', '')}\n      rotate          : 90`;
    expect(parseFfmpegInfo(old)).toMatchObject({
      width: 1080,
      height: 1920,
      rotation: 90,
      fps: 30000 / 1001,
    });
    const modern = `${HEADER}\n    Side data:\n      displaymatrix: rotation of -90.00 degrees`;
    expect(parseFfmpegInfo(modern)).toMatchObject({ width: 1080, height: 1920, rotation: 270 });
    const upside = `${HEADER}\n      displaymatrix: rotation of 180.00 degrees`;
    expect(parseFfmpegInfo(upside)).toMatchObject({ width: 1920, height: 1080, rotation: 180 });
  });

  it('returns undefined without a video stream or a size, and never throws on garbage', () => {
    expect(parseFfmpegInfo('x.mp4: Invalid data found when processing input')).toBeUndefined();
    expect(parseFfmpegInfo('    Stream #0:0: Video: h264, yuv420p, 0x0, 24 fps')).toBeUndefined();
    expect(parseFfmpegInfo('    Stream #0:0: Audio: aac, 44100 Hz')).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        const info = parseFfmpegInfo(`Stream #0:0: Video: ${s}`);
        if (info) expect(info.width > 0 && info.height > 0).toBe(true);
      }),
    );
  });

  it('keeps only the end of a long stderr', () => {
    const tail = stderrTail(`${'a'.repeat(5000)}END`, 100);
    expect(tail.length).toBe(101);
    expect(tail.endsWith('END')).toBe(true);
  });
});

describe('resolveFfmpegPath', () => {
  it('defaults to the binary of @ffmpeg-installer/ffmpeg, and uses an explicit one as given', () => {
    expect(existsSync(resolveFfmpegPath())).toBe(true);
    expect(resolveFfmpegPath('ffmpeg')).toBe('ffmpeg');
    expect(() => resolveFfmpegPath(' ')).toThrow(/empty/);
  });
});

describeWithData('probeVideo on the shared videos', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'signllm-probe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the How2Sign clip: 1280×720 at 24 fps, as many frames as OpenPose JSON files', async () => {
    const info = await probeVideo(dataPath('how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front.mp4'));
    expect(info).toMatchObject({ width: 1280, height: 720, fps: 24, rotation: 0, codec: 'h264' });
    const jsonFrames = readdirSync(dataPath('how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front')).length;
    expect(Math.round(info.durationSeconds! * info.fps!)).toBe(jsonFrames);
  });

  it('reads the DWPose signer video: 1280×720 at 24 fps, as many frames as DWPose JSON files', async () => {
    const info = await probeVideo(dataPath('dwpose', 'human_signer.mp4'));
    expect(info).toMatchObject({ width: 1280, height: 720, fps: 24 });
    const jsonFrames = readdirSync(dataPath('dwpose', 'human_signer', 'json')).length;
    expect(Math.round(info.durationSeconds! * info.fps!)).toBe(jsonFrames);
  });

  it('reports the displayed (rotated) size of a video with rotation metadata', async () => {
    const file = path.join(dir, 'rotated.mp4');
    const r = spawnSync(resolveFfmpegPath(), [
      ...['-v', 'error', '-y', '-i', dataPath('dwpose', 'human_signer.mp4'), '-t', '0.2', '-c', 'copy'],
      ...['-metadata:s:v:0', 'rotate=90', file],
    ]);
    expect(r.status).toBe(0);
    const info = await probeVideo(file);
    expect(info).toMatchObject({ width: 720, height: 1280 });
    expect([90, 270]).toContain(info.rotation);
  });

  it('rejects a text file renamed .mp4 with badFormat, the path and ffmpeg’s reason', async () => {
    const file = path.join(dir, 'not-a-video.mp4');
    writeFileSync(file, 'hello, I am text\n'.repeat(20));
    const e = await rejection(probeVideo(file));
    expect(e.code).toBe('format_invalid');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/Invalid data found/);
  });

  it('rejects the first 20 KB of the real video as truncated (moov atom not found)', async () => {
    const file = path.join(dir, 'truncated.mp4');
    writeFileSync(file, readDataBytes('dwpose', 'human_signer.mp4').subarray(0, 20 * 1024));
    const e = await rejection(probeVideo(file));
    expect(e.code).toBe('format_truncated');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/moov atom not found/);
  });

  it('names a missing ffmpeg', async () => {
    const file = path.join(dir, 'copy.mp4');
    copyFileSync(dataPath('dwpose', 'human_signer.mp4'), file);
    const e = await rejection(probeVideo(file, { ffmpegPath: path.join(dir, 'no-such-ffmpeg') }));
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toMatch(/ffmpeg not found.*no-such-ffmpeg/);
  });

  it('rejects with the abort reason when aborted before starting', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      probeVideo(dataPath('dwpose', 'human_signer.mp4'), { signal: controller.signal }),
    ).rejects.toThrow(/abort/i);
  });
});
