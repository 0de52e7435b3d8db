/**
 * End-to-end tests of `videoToSequence` on real video: the DWPose signer clip against its DWPose
 * JSON (an independent, stronger whole-body estimator) for accuracy, frame alignment, fps resampling,
 * seeking, hand sides and webm input; then hostile inputs, no-person video and abort. Model loading
 * is checked to work with the network fetch disabled. Timing is reported, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dwposeFramesToSequence, mapSkeleton, type PoseSequence, type SignLLMError } from '@signllm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thrownAsync } from '../test-support/errors.ts';
import { dataPath, describeWithData, readDataBytes } from '../test-support/shared-data.ts';
import { type BackendInfo, loadPoseModels } from './load-pose-models.ts';
import { resolveFfmpegPath } from './probe-video.ts';
import { videoToSequence } from './video-to-sequence.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'signllm-video-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Group = readonly [number, number];
const BODY: Group = [0, 8];
const LEFT: Group = [8, 29];
const RIGHT: Group = [29, 50];

/**
 * Mean distance between `seq` joints (group `a`) and `ref` joints (group `b`, default the same) over
 * joints present in both, in reference shoulder widths (|joint 2 − joint 5| of the reference frame).
 */
function meanError(
  seq: PoseSequence,
  ref: PoseSequence,
  a: Group,
  toRef: (f: number) => number = (f) => f,
  b: Group = a,
): { mean: number; n: number } {
  let sum = 0;
  let n = 0;
  const xy = (s: PoseSequence, f: number, j: number) => [
    s.data[(f * 50 + j) * 2]!,
    s.data[(f * 50 + j) * 2 + 1]!,
  ];
  for (let f = 0; f < seq.frames; f++) {
    const rf = toRef(f);
    if (rf < 0 || rf >= ref.frames || !(ref.confidence[rf * 50 + 2]! > 0 && ref.confidence[rf * 50 + 5]! > 0))
      continue;
    const [rx, ry] = xy(ref, rf, 2);
    const [lx, ly] = xy(ref, rf, 5);
    const shoulder = Math.hypot(rx! - lx!, ry! - ly!);
    for (let i = 0; i < a[1] - a[0]; i++) {
      const j = a[0] + i;
      const k = b[0] + i;
      if (!(seq.confidence[f * 50 + j]! > 0 && ref.confidence[rf * 50 + k]! > 0)) continue;
      const [x, y] = xy(seq, f, j);
      const [u, v] = xy(ref, rf, k);
      sum += Math.hypot(x! - u!, y! - v!) / shoulder;
      n++;
    }
  }
  return { mean: sum / n, n };
}

function dwposeReference(width: number, height: number): PoseSequence {
  const folder = dataPath('dwpose', 'human_signer', 'json');
  const files = readdirSync(folder).map((name) => ({
    name,
    content: readFileSync(path.join(folder, name), 'utf8'),
  }));
  return mapSkeleton(dwposeFramesToSequence(files, { width, height }), 'prompt2sign-50');
}

const rejection = (p: Promise<unknown>): Promise<SignLLMError> => thrownAsync(() => p);

function ffmpeg(...args: string[]): void {
  const r = spawnSync(resolveFfmpegPath(), ['-hide_banner', '-v', 'error', '-y', ...args]);
  if (r.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr}`);
}

describe('loadPoseModels', () => {
  let info: BackendInfo;
  let networkCalls = 0;
  const noNetwork = (async () => {
    networkCalls++;
    throw new Error('network fetch called');
  }) as typeof fetch;

  beforeAll(async () => {
    const original = globalThis.fetch;
    globalThis.fetch = noNetwork;
    try {
      info = (await loadPoseModels()).info;
      expect(globalThis.fetch).toBe(noNetwork); // the file:// shim was removed again
    } finally {
      globalThis.fetch = original;
    }
  }, 60_000);

  it('loads movenet and the hand models on tfjs wasm with the network fetch disabled', () => {
    expect(networkCalls).toBe(0);
    expect(info.backend).toBe('wasm');
    expect(info.threadsRequested).toBe(2);
    // Node builds of tfjs-backend-wasm 4.22 have no multithreading: then exactly one thread runs.
    expect(info.threads).toBe(info.multithread ? 2 : 1);
    console.info(`[video] backend ${JSON.stringify(info)}`);
  });

  it('rejects a bad thread count', () => {
    expect(() => loadPoseModels({ threads: 0 })).toThrow(/threads/);
  });
});

describeWithData('videoToSequence on the DWPose signer video', () => {
  const video = dataPath('dwpose', 'human_signer.mp4');
  const ref = dwposeReference(1280, 720);
  let seq: PoseSequence<2>;

  beforeAll(async () => {
    const progress: [number, number | undefined][] = [];
    const { sequence, report } = await videoToSequence(video, {
      maxFrames: 24,
      onProgress: (done, total) => progress.push([done, total]),
    });
    seq = sequence;
    expect(progress.map(([d]) => d)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(progress.every(([, t]) => t === 24)).toBe(true);
    expect(report).toMatchObject({ framesDecoded: 24, fps: 24, sourceFps: 24, width: 1280, height: 720 });
    expect(report).toMatchObject({ decodedWidth: 640, decodedHeight: 360, framesWithPerson: 24 });
    // Measured 22 and 16 of 24: a broken hand pipeline or side assignment would find far fewer.
    expect(report.framesWithLeftHand).toBeGreaterThanOrEqual(8);
    expect(report.framesWithRightHand).toBeGreaterThanOrEqual(8);
    const errors = [BODY, LEFT, RIGHT].map((g) => meanError(seq, ref, g).mean.toFixed(3));
    console.info(
      `[video] vs DWPose, 24 frames, mean error in shoulder widths body/left/right: ${errors.join(' / ')}; ` +
        `hands found L ${report.framesWithLeftHand} R ${report.framesWithRightHand}; ` +
        `${report.msPerFrame.toFixed(0)} ms/frame`,
    );
  }, 180_000);

  it('returns a 2D prompt2sign-50 sequence in the video’s pixels', () => {
    expect(seq.skeleton.name).toBe('prompt2sign-50');
    expect(seq.dims).toBe(2);
    expect(seq.frames).toBe(24);
    for (let f = 0; f < seq.frames; f++) {
      for (let j = 0; j < 50; j++) {
        const c = seq.confidence[f * 50 + j]!;
        expect(c >= 0 && c <= 1).toBe(true);
        if (c > 0) {
          expect(seq.data[(f * 50 + j) * 2]!).toBeGreaterThan(0);
          expect(seq.data[(f * 50 + j) * 2]!).toBeLessThan(1280);
          expect(seq.data[(f * 50 + j) * 2 + 1]!).toBeLessThan(720);
        }
      }
    }
  });

  it('agrees with DWPose: body < 0.15 and hands < 0.25 shoulder widths on average', () => {
    // Two different estimators disagree on joint definitions by a few % of the shoulder width, and
    // movenet-lightning runs at 192 px; 0.15 shoulder widths is ~5 cm on an adult (measured ~0.05).
    const body = meanError(seq, ref, BODY);
    expect(body.n).toBeGreaterThan(24 * 6);
    expect(body.mean).toBeLessThan(0.15);
    expect(meanError(seq, ref, LEFT).mean).toBeLessThan(0.25);
    expect(meanError(seq, ref, RIGHT).mean).toBeLessThan(0.25);
  });

  it('puts each hand on the signer’s own side (swapping them would be far worse)', () => {
    const straight = meanError(seq, ref, LEFT).mean + meanError(seq, ref, RIGHT).mean;
    const swapped =
      meanError(seq, ref, LEFT, undefined, RIGHT).mean + meanError(seq, ref, RIGHT, undefined, LEFT).mean;
    expect(swapped).toBeGreaterThan(2 * straight);
    // Body sides too: our RWrist matches DWPose's RWrist, not its LWrist.
    expect(meanError(seq, ref, [4, 5]).mean).toBeLessThan(
      meanError(seq, ref, [4, 5], undefined, [7, 8]).mean,
    );
  });

  it('is frame-aligned: error is smallest against the same frame numbers', () => {
    const all: Group = [0, 50];
    const at = (shift: number) => meanError(seq, ref, all, (f) => f + shift).mean;
    for (const shift of [-2, -1, 1, 2]) expect(at(0)).toBeLessThan(at(shift));
  });

  it('resamples with fps (frame k ↔ source frame 2k at 12 fps) and seeks with startSeconds', async () => {
    const { tf } = await loadPoseModels();
    const tensorsBefore = tf.memory().numTensors;
    const half = (await videoToSequence(video, { fps: 12, maxFrames: 4, maxSide: 480 })).sequence;
    expect(tf.memory().numTensors).toBe(tensorsBefore); // no tensor leaks per frame
    expect(half.fps).toBe(12);
    expect(half.frames).toBe(4);
    const all: Group = [0, 50];
    expect(meanError(half, ref, all, (f) => 2 * f).mean).toBeLessThan(meanError(half, ref, all).mean);
    const late = (await videoToSequence(video, { startSeconds: 1, maxFrames: 3, maxSide: 480 })).sequence;
    const at = (offset: number) => meanError(late, ref, all, (f) => f + offset).mean;
    expect(at(24)).toBeLessThan(at(0));
    expect(at(24)).toBeLessThan(at(20));
  });

  it('reads webm (VP8) and returns coordinates in that video’s own pixels', async () => {
    const webm = path.join(dir, 'signer.webm');
    ffmpeg(
      '-i',
      video,
      '-t',
      '0.25',
      '-vf',
      'scale=320:180',
      '-c:v',
      'libvpx',
      '-deadline',
      'realtime',
      webm,
    );
    const { sequence, report } = await videoToSequence(webm, { maxFrames: 2 });
    expect(report).toMatchObject({ width: 320, height: 180, decodedWidth: 320, decodedHeight: 180 });
    expect(meanError(sequence, dwposeReference(320, 180), BODY).mean).toBeLessThan(0.25);
  });
});

describeWithData('videoToSequence on hostile input', () => {
  const video = dataPath('dwpose', 'human_signer.mp4');

  it('rejects a missing file, a directory and bad options with invalidArgument', async () => {
    expect((await rejection(videoToSequence(path.join(dir, 'nope.mp4')))).message).toMatch(
      /not found.*nope\.mp4/,
    );
    expect((await rejection(videoToSequence(dir))).code).toBe('invalid_argument');
    for (const bad of [
      { fps: -1 },
      { fps: Number.NaN },
      { maxFrames: 0 },
      { maxFrames: 1.5 },
      { maxSide: 10 },
    ]) {
      expect((await rejection(videoToSequence(video, bad))).code).toBe('invalid_argument');
    }
  });

  it('rejects a text file renamed .mp4 (badFormat) and a 20 KB truncated copy (truncated), naming the file', async () => {
    const text = path.join(dir, 'text.mp4');
    writeFileSync(text, 'this is not a video\n');
    const e1 = await rejection(videoToSequence(text));
    expect(e1.code).toBe('format_invalid');
    expect(e1.message).toContain(text);
    expect(e1.message).toMatch(/ffmpeg says: .*Invalid data/s);
    const cut = path.join(dir, 'cut.mp4');
    writeFileSync(
      cut,
      readDataBytes('how2sign-openpose', '_2FBDaOPYig_2-3-rgb_front.mp4').subarray(0, 20 * 1024),
    );
    const e2 = await rejection(videoToSequence(cut));
    expect(e2.code).toBe('format_truncated');
    expect(e2.message).toContain(cut);
    const empty = path.join(dir, 'empty.webm');
    writeFileSync(empty, '');
    expect((await rejection(videoToSequence(empty))).code).toBe('format_truncated');
  });

  it('says "no person found" for a generated test pattern', async () => {
    const pattern = path.join(dir, 'testsrc.mp4');
    ffmpeg('-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '1', '-c:v', 'mpeg4', pattern);
    const e = await rejection(videoToSequence(pattern, { maxFrames: 4 }));
    expect(e.message).toBe(`no person found in ${pattern} (4 frames checked) (at ${pattern})`);
    expect(e.details).toMatchObject({ reason: 'no_person', framesDecoded: 4 });
  });

  it('names a missing ffmpeg', async () => {
    const e = await rejection(videoToSequence(video, { ffmpegPath: path.join(dir, 'missing-ffmpeg') }));
    expect(e.message).toMatch(/ffmpeg not found/);
  });

  it('stops ffmpeg and rejects with the abort reason when aborted from onProgress', async () => {
    const pidFile = path.join(dir, 'ff.pid');
    const wrapper = path.join(dir, 'ff.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho $$ >> '${pidFile}'\nexec '${resolveFfmpegPath()}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const controller = new AbortController();
    let done = 0;
    const run = videoToSequence(video, {
      ffmpegPath: wrapper,
      signal: controller.signal,
      onProgress: (n) => {
        done = n;
        if (n === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(done).toBe(2);
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    expect(pids.length).toBe(2); // the probe, then the decoder
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow(); // gone, and reaped
  });
});
