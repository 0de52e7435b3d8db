/**
 * Tests of the rgb24 frame pipe: frame sizes and count, frame alignment with the How2Sign OpenPose
 * JSON (its video is a rendering of those keypoints), and that ffmpeg is killed and reaped on abort,
 * stall, early exit and failure.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPoseFramesToSequence, SignLLMError } from '@signllm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { dataPath, describeWithData } from '../test-support/shared-data.ts';
import { decodeArgs, decodeFrames } from './decode-frames.ts';
import { resolveFfmpegPath } from './probe-video.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'signllm-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A wrapper around the real ffmpeg that records its pid (exec keeps the pid). */
function recordingFfmpeg(name: string): { ffmpegPath: string; pid: () => number } {
  const pidFile = path.join(dir, `${name}.pid`);
  const ffmpegPath = path.join(dir, `${name}.sh`);
  writeFileSync(ffmpegPath, `#!/bin/sh\necho $$ > '${pidFile}'\nexec '${resolveFfmpegPath()}' "$@"\n`);
  chmodSync(ffmpegPath, 0o755);
  return { ffmpegPath, pid: () => Number(readFileSync(pidFile, 'utf8').trim()) };
}

/** True while a process with this pid exists (a zombie counts as existing). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function collect(gen: AsyncGenerator<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const _ of gen) n++;
  return n;
}

describe('decodeArgs', () => {
  it('asks for rgb24 raw video on stdout, scaled, with -r, -ss and -frames:v when given', () => {
    const args = decodeArgs('in.mp4', { width: 64, height: 36, fps: 12, maxFrames: 5, startSeconds: 1.5 });
    expect(args.join(' ')).toMatch(
      /-ss 1\.5 -i in\.mp4 .*-vf scale=64:36.* -r 12 -frames:v 5 -f rawvideo -pix_fmt rgb24 -$/,
    );
    expect(decodeArgs('in.mp4', { width: 64, height: 36 })).not.toContain('-r');
  });
});

describeWithData('decodeFrames', () => {
  const how2sign = dataPath('how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front.mp4');

  it('yields frames of width × height × 3 bytes, as many as asked', async () => {
    const sizes: number[] = [];
    for await (const rgb of decodeFrames(how2sign, { width: 64, height: 36, maxFrames: 5 }))
      sizes.push(rgb.length);
    expect(sizes).toEqual([64 * 36 * 3, 64 * 36 * 3, 64 * 36 * 3, 64 * 36 * 3, 64 * 36 * 3]);
    // Whole clip at 12 fps: half of the 157 frames at 24 fps (±1 for rounding at the ends).
    const n = await collect(decodeFrames(how2sign, { width: 32, height: 18, fps: 12 }));
    expect(Math.abs(n - 157 / 2)).toBeLessThanOrEqual(1.5);
  });

  it('decodes frame i of the How2Sign video as the rendering of OpenPose frame i (alignment)', async () => {
    const folder = dataPath('how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front');
    const files = readdirSync(folder).map((name) => ({
      name,
      content: readFileSync(path.join(folder, name), 'utf8'),
    }));
    const ref = openPoseFramesToSequence(files);
    const [W, H, N] = [1280, 720, 24];
    // Share of confident OpenPose joints of frame `f + shift` that fall on a drawn (non-black) pixel of video frame f.
    const hits = new Map<number, [number, number]>();
    let f = 0;
    for await (const rgb of decodeFrames(how2sign, { width: W, height: H, maxFrames: N })) {
      for (const shift of [-2, 0, 1, 4]) {
        const rf = f + shift;
        if (rf < 0) continue;
        const counts = hits.get(shift) ?? [0, 0];
        for (let j = 0; j < ref.joints; j++) {
          if (ref.confidence[rf * ref.joints + j]! < 0.5) continue;
          const x = Math.round(ref.data[(rf * ref.joints + j) * 2]!);
          const y = Math.round(ref.data[(rf * ref.joints + j) * 2 + 1]!);
          let lit = false;
          for (let dy = -2; dy <= 2 && !lit; dy++) {
            for (let dx = -2; dx <= 2 && !lit; dx++) {
              const p = ((y + dy) * W + (x + dx)) * 3;
              if (
                x + dx >= 0 &&
                x + dx < W &&
                y + dy >= 0 &&
                y + dy < H &&
                rgb[p]! + rgb[p + 1]! + rgb[p + 2]! > 90
              )
                lit = true;
            }
          }
          counts[0] += Number(lit);
          counts[1]++;
        }
        hits.set(shift, counts);
      }
      f++;
    }
    expect(f).toBe(N);
    const rate = (shift: number) => hits.get(shift)![0] / hits.get(shift)![1];
    expect(hits.get(0)![1]).toBeGreaterThan(N * 50);
    // Measured: 1.00 at shift 0, 0.97 at +1, 0.83 at +4; a misaligned decode would peak elsewhere.
    expect(rate(0)).toBeGreaterThan(0.97);
    expect(rate(0)).toBeGreaterThan(rate(1));
    expect(rate(0)).toBeGreaterThan(rate(-2));
    expect(rate(4)).toBeLessThan(rate(0) - 0.1);
  });

  it('kills and reaps ffmpeg when the consumer stops early', async () => {
    const ff = recordingFfmpeg('early');
    for await (const _ of decodeFrames(how2sign, { width: 64, height: 36, ffmpegPath: ff.ffmpegPath })) break;
    expect(alive(ff.pid())).toBe(false);
  });

  it('rejects with the abort reason and kills ffmpeg when aborted mid-stream', async () => {
    const ff = recordingFfmpeg('abort');
    const controller = new AbortController();
    let n = 0;
    const run = (async () => {
      for await (const _ of decodeFrames(how2sign, {
        width: 64,
        height: 36,
        ffmpegPath: ff.ffmpegPath,
        signal: controller.signal,
      })) {
        if (++n === 2) controller.abort();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(n).toBe(2);
    expect(alive(ff.pid())).toBe(false);
  });

  it('kills a stalled ffmpeg after timeoutMs', async () => {
    const pidFile = path.join(dir, 'stall.pid');
    const stall = path.join(dir, 'stall.sh');
    writeFileSync(stall, `#!/bin/sh\necho $$ > '${pidFile}'\nexec sleep 30\n`);
    chmodSync(stall, 0o755);
    const started = Date.now();
    const error = await collect(
      decodeFrames(how2sign, { width: 64, height: 36, ffmpegPath: stall, timeoutMs: 300 }),
    ).catch((e: unknown) => e);
    expect(SignLLMError.isInstance(error)).toBe(true);
    expect((error as SignLLMError).details).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('fails with ffmpeg’s reason on a file that is not a video, and names a missing ffmpeg', async () => {
    const file = path.join(dir, 'text.webm');
    writeFileSync(file, 'not a video at all');
    const error = await collect(decodeFrames(file, { width: 64, height: 36 })).catch((e: unknown) => e);
    expect(SignLLMError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/ffmpeg says: .*(Invalid data|EBML)/s);
    const missing = await collect(
      decodeFrames(how2sign, { width: 64, height: 36, ffmpegPath: '/no/ffmpeg' }),
    ).catch((e: unknown) => e);
    expect((missing as SignLLMError).code).toBe('invalid_argument');
    expect((missing as Error).message).toMatch(/ffmpeg not found/);
  });

  it('rejects absurd frame sizes before starting ffmpeg', async () => {
    await expect(collect(decodeFrames(how2sign, { width: 100_000, height: 100_000 }))).rejects.toThrow(
      /decode size/,
    );
    await expect(collect(decodeFrames(how2sign, { width: 1.5, height: 2 }))).rejects.toThrow(/decode size/);
  });
});
