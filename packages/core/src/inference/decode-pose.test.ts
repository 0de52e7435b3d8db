import { describe, expect, it } from 'vitest';
import type { PoseDecoding } from '../schemas/bundle-decoding.ts';
import { thrownAsync } from '../test-support/errors.ts';
import {
  type ToyModel,
  ToyRuntime,
  toyCross,
  toyModelBytes,
  toyPoseCacheValue,
  toyPoseWeight,
} from '../test-support/toy-runtime.ts';
import {
  decodePoseFrames,
  decodePoseFramesFullRecompute,
  type GeneratedFrame,
  type GenerationSummary,
  type PoseSessions,
} from './decode-pose.ts';
import type { InferenceSession } from './runtime.ts';

const W = 151;
const SIZES = { layers: 2, heads: 2, headSize: 3 };
const decoding: PoseDecoding = {
  input: 'text',
  dModel: 6,
  heads: 2,
  decoderLayers: 2,
  maxSourceLength: 16,
  maxTargetLength: 40,
  frameWidth: W,
  stopCounter: 0.99,
};

async function toy(step: Partial<ToyModel> = {}, enc: Partial<ToyModel> = {}) {
  const runtime = new ToyRuntime();
  const sessions: PoseSessions = {
    encoder: await runtime.createSession(toyModelBytes({ role: 'encoder', ...SIZES, ...enc }), 'enc'),
    step: await runtime.createSession(
      toyModelBytes({ role: 'decoder-step', ...SIZES, width: W, counterStep: 0.25, ...step }),
      'step',
    ),
  };
  return { runtime, sessions };
}

async function collect(
  gen: AsyncGenerator<GeneratedFrame, GenerationSummary>,
): Promise<{ frames: GeneratedFrame[]; summary: GenerationSummary }> {
  const frames: GeneratedFrame[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { frames, summary: r.value };
    frames.push(r.value);
  }
}

/**
 * The toy step graph evaluated directly from its definition, on the whole prefix of fed frames each
 * step (plain numbers, no tensors, no cache): the frames a correct loop must produce.
 */
function reference(ids: number[], steps: number, counterStep: number, stop: number, gt?: number[]) {
  const { layers, heads, headSize: k } = SIZES;
  let c = 0;
  for (let i = 0; i < layers; i++)
    for (let kind = 0; kind < 2; kind++) for (const id of ids) c += toyCross(id, i, kind, 0, 0);
  const fed: number[][] = [new Array(W).fill(0)];
  const out: { values: number[]; counter: number }[] = [];
  for (let s = 0; s < steps; s++) {
    const x = fed[s] as number[];
    if (gt) x[W - 1] = gt[s] as number;
    let a = 0;
    for (let q = 0; q <= s; q++)
      for (let i = 0; i < layers; i++)
        for (let kind = 0; kind < 2; kind++)
          for (let hh = 0; hh < heads; hh++)
            for (let d = 0; d < k; d++)
              a +=
                toyPoseWeight(i, kind, hh, d) * toyPoseCacheValue(fed[q] as number[], W, i, kind, hh, d, k);
    a /= s + 1;
    const values = Array.from(
      { length: W - 1 },
      (_, j) => 0.5 * (x[j] ?? 0) + 0.01 * a + 0.001 * c + 0.0001 * (j + 1) * (s + 1),
    );
    const counter = (x[W - 1] ?? 0) + counterStep;
    out.push({ values, counter });
    fed.push([...values, counter]);
    if (!gt && counter >= stop) break;
  }
  return out;
}

function expectClose(frames: GeneratedFrame[], expected: ReturnType<typeof reference>): void {
  expect(frames.length).toBe(expected.length);
  frames.forEach((f, i) => {
    const e = expected[i] as (typeof expected)[number];
    expect(f.index).toBe(i);
    expect(f.values.length).toBe(W - 1);
    expect(f.counter).toBeCloseTo(e.counter, 5);
    for (let j = 0; j < W - 1; j += 7) expect(f.values[j]).toBeCloseTo(e.values[j] as number, 4);
  });
}

describe('decodePoseFrames', () => {
  it('produces the frames of the toy graph and stops at the first counter ≥ stopCounter', async () => {
    const { sessions } = await toy();
    const { frames, summary } = await collect(decodePoseFrames(sessions, [5, 7, 3], { decoding }));
    // counters 0.25, 0.5, 0.75, 1.0: the fourth reaches 0.99
    expect(summary).toEqual({ frames: 4, stoppedBy: 'counter' });
    expect(frames.map((f) => f.counter)).toEqual([0.25, 0.5, 0.75, 1]);
    expectClose(frames, reference([5, 7, 3], 40, 0.25, 0.99));
  });

  it('runs the encoder once and grows the cache by one position per step, T = 1', async () => {
    const { runtime, sessions } = await toy();
    await collect(decodePoseFrames(sessions, [5, 7, 3], { decoding, maxFrames: 6, stopCounter: 2 }));
    expect(runtime.runsOf('encoder')).toHaveLength(1);
    expect(runtime.runsOf('encoder')[0]?.dims).toEqual({ source_ids: [1, 3], source_mask: [1, 3] });
    const steps = runtime.runsOf('decoder-step');
    expect(steps).toHaveLength(6);
    steps.forEach((run, s) => {
      expect(run.dims.frames).toEqual([1, 1, W]);
      expect(run.dims.source_mask).toEqual([1, 3]);
      for (let i = 0; i < 2; i++) {
        expect(run.dims[`past_key_${i}`]).toEqual([1, 2, s, 3]);
        expect(run.dims[`past_value_${i}`]).toEqual([1, 2, s, 3]);
        expect(run.dims[`cross_key_${i}`]).toEqual([1, 2, 3, 3]);
        expect(run.dims[`cross_value_${i}`]).toEqual([1, 2, 3, 3]);
      }
    });
  });

  it('gives exactly the frames of the full recompute, which feeds the whole prefix with P = 0', async () => {
    const { sessions } = await toy({ counterStep: 0.07 });
    const options = { decoding, maxFrames: 12, stopCounter: 5 };
    const cached = await collect(decodePoseFrames(sessions, [9, 4, 4, 3], options));
    const { runtime, sessions: s2 } = await toy({ counterStep: 0.07 });
    const full = await collect(decodePoseFramesFullRecompute(s2, [9, 4, 4, 3], options));
    expect(cached.summary).toEqual({ frames: 12, stoppedBy: 'limit' });
    expect(full.summary).toEqual(cached.summary);
    expect(full.frames).toEqual(cached.frames);
    expectClose(cached.frames, reference([9, 4, 4, 3], 12, 0.07, 5));
    runtime.runsOf('decoder-step').forEach((run, s) => {
      expect(run.dims.frames).toEqual([1, s + 1, W]);
      expect(run.dims.past_key_1).toEqual([1, 2, 0, 3]);
    });
  });

  it('stops at maxFrames', async () => {
    const { sessions } = await toy();
    const { frames, summary } = await collect(decodePoseFrames(sessions, [5, 3], { decoding, maxFrames: 3 }));
    expect(summary).toEqual({ frames: 3, stoppedBy: 'limit' });
    expect(frames).toHaveLength(3);
  });

  it('defaults maxFrames to maxTargetLength', async () => {
    const { sessions } = await toy({ counterStep: 0 });
    const { summary } = await collect(decodePoseFrames(sessions, [5, 3], { decoding }));
    expect(summary).toEqual({ frames: 40, stoppedBy: 'limit' });
  });

  it('with ground-truth counters feeds them and runs exactly that many steps', async () => {
    const gt = [0, 0.1, 0.2, 0.3, 0.4, 0.9, 2, 5];
    for (const gen of [decodePoseFrames, decodePoseFramesFullRecompute]) {
      const { sessions } = await toy();
      const { frames, summary } = await collect(
        gen(sessions, [6, 3], { decoding, maxFrames: 2, groundTruthCounters: Float32Array.from(gt) }),
      );
      expect(summary).toEqual({ frames: 8, stoppedBy: 'length' });
      frames.forEach((f, i) => {
        expect(f.counter).toBeCloseTo(Math.fround(gt[i] as number) + 0.25, 6);
      });
      expectClose(frames, reference([6, 3], 8, 0.25, 0.99, gt.map(Math.fround)));
    }
  });

  it('streams: each frame is yielded before the next step runs', async () => {
    const { runtime, sessions } = await toy();
    const gen = decodePoseFrames(sessions, [5, 3], { decoding, maxFrames: 5 });
    expect(runtime.runs).toHaveLength(0);
    const first = await gen.next();
    expect(first.done).toBe(false);
    expect(runtime.runsOf('decoder-step')).toHaveLength(1);
    await gen.next();
    expect(runtime.runsOf('decoder-step')).toHaveLength(2);
    await gen.return({ frames: 0, stoppedBy: 'limit' });
    expect(runtime.runsOf('decoder-step')).toHaveLength(2);
  });

  it('yields fresh copies that the caller may change', async () => {
    const { sessions } = await toy();
    const frames: GeneratedFrame[] = [];
    for await (const f of decodePoseFrames(sessions, [5, 7, 3], { decoding })) {
      frames.push({ ...f, values: new Float32Array(f.values) });
      f.values.fill(1000);
    }
    expectClose(frames, reference([5, 7, 3], 40, 0.25, 0.99));
  });

  it('stops with aborted when the signal fires, before the next step', async () => {
    const { runtime, sessions } = await toy();
    const controller = new AbortController();
    const gen = decodePoseFrames(sessions, [5, 3], { decoding, signal: controller.signal });
    await gen.next();
    controller.abort(new Error('user left'));
    const e = await thrownAsync(() => gen.next());
    expect(e.code).toBe('aborted');
    expect(runtime.runsOf('decoder-step')).toHaveLength(1);

    const { runtime: r2, sessions: s2 } = await toy();
    const done = new AbortController();
    done.abort();
    expect(
      (await thrownAsync(() => decodePoseFrames(s2, [5, 3], { decoding, signal: done.signal }).next())).code,
    ).toBe('aborted');
    expect(r2.runs).toHaveLength(0);
  });

  it('refuses bad options and ids', async () => {
    const { runtime, sessions } = await toy();
    const first = (ids: number[], o: object = {}) =>
      decodePoseFrames(sessions, ids, { decoding, ...o }).next();
    const cases: Array<[number[], object, string, RegExp?]> = [
      [[3], { maxFrames: 0 }, 'invalid_argument', /maxFrames.*\[1, 40\].*0/],
      [[3], { maxFrames: 41 }, 'invalid_argument', /41/],
      [[3], { maxFrames: 2.5 }, 'invalid_argument'],
      [[3], { stopCounter: Number.NaN }, 'invalid_argument', /stopCounter/],
      [[3], { groundTruthCounters: new Float32Array(0) }, 'invalid_argument'],
      [[3], { groundTruthCounters: new Float32Array(41) }, 'invalid_argument', /41/],
      [[3], { groundTruthCounters: Float32Array.of(0, Number.NaN) }, 'invalid_argument', /\[1\] is NaN/],
      [[3], { groundTruthCounters: [0, 0.5] }, 'invalid_argument'],
      [[], {}, 'input_empty'],
      [new Array(17).fill(3), {}, 'input_too_long', /17.*16/],
      [[4, -1, 3], {}, 'token_out_of_vocabulary', /id 1 is -1/],
      [[4, 1.5, 3], {}, 'token_out_of_vocabulary', /1\.5/],
    ];
    for (const [ids, o, code, text] of cases) {
      const e = await thrownAsync(() => first(ids, o));
      expect(e.code, JSON.stringify(o)).toBe(code);
      if (text) expect(e.message).toMatch(text);
    }
    const none = await thrownAsync(() => decodePoseFrames(sessions, [3], undefined as never).next());
    expect(none.code).toBe('invalid_argument');
    expect(runtime.runs).toHaveLength(0);
  });

  it('turns runtime failures and malformed outputs into inference_failed', async () => {
    const { sessions } = await toy({ failOnRun: 2 });
    const gen = decodePoseFrames(sessions, [5, 3], { decoding });
    await gen.next();
    const e = await thrownAsync(() => gen.next());
    expect(e.code).toBe('inference_failed');
    expect(e.message).toMatch(/toy failure on run 2/);
    expect(e.cause).toBeInstanceOf(Error);

    const { sessions: good } = await toy();
    const broken = (change: (o: Record<string, unknown>) => void): InferenceSession => ({
      ...good.step,
      async run(feeds) {
        const out = await good.step.run(feeds);
        change(out);
        return out;
      },
    });
    const problems: Array<[(o: Record<string, unknown>) => void, RegExp]> = [
      [(o) => delete o.next_frames, /"next_frames" is missing/],
      [(o) => delete o.present_value_1, /"present_value_1" is missing/],
      [
        (o) => (o.next_frames = { type: 'float32', data: new Float32Array(150), dims: [1, 1, 150] }),
        /next_frames.*\[1, 1, 150\]/,
      ],
      [
        (o) => (o.present_key_0 = { type: 'int64', data: new BigInt64Array(6), dims: [1, 2, 1, 3] }),
        /present_key_0.*int64/,
      ],
    ];
    for (const [change, text] of problems) {
      const s = { encoder: good.encoder, step: broken(change) };
      const err = await thrownAsync(() => decodePoseFrames(s, [5, 3], { decoding }).next());
      expect(err.code).toBe('inference_failed');
      expect(err.message).toMatch(text);
    }
    const badEncoder = { ...good, encoder: { ...good.encoder, run: async () => ({}) } };
    const err = await thrownAsync(() => decodePoseFrames(badEncoder, [5, 3], { decoding }).next());
    expect(err.message).toMatch(/cross_key_0/);
  });
});
