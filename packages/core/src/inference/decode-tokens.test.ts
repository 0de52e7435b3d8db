import { describe, expect, it } from 'vitest';
import type { Text2GlossDecoding } from '../schemas/bundle-decoding.ts';
import { thrownAsync } from '../test-support/errors.ts';
import { type ToyModel, ToyRuntime, toyLogits, toyModelBytes } from '../test-support/toy-runtime.ts';
import { decodeTokensBeam, decodeTokensGreedy, type TokenSessions } from './decode-tokens.ts';

const SIZES = { layers: 2, heads: 2, headSize: 3 };
const decoding: Text2GlossDecoding = {
  input: 'prompt',
  dModel: 6,
  heads: 2,
  decoderLayers: 2,
  maxSourceLength: 16,
  maxLength: 10,
};

function stepModel(extra: Partial<ToyModel>): ToyModel {
  return { role: 'text2gloss-decoder-step', ...SIZES, vocab: 7, ...extra };
}

async function toy(extra: Partial<ToyModel> = {}) {
  const runtime = new ToyRuntime();
  const model = stepModel(extra);
  const sessions: TokenSessions = {
    encoder: await runtime.createSession(toyModelBytes({ role: 'text2gloss-encoder', ...SIZES }), 'enc'),
    step: await runtime.createSession(toyModelBytes(model), 'step'),
  };
  return { runtime, sessions, model };
}

function logSoftmax(logits: Float32Array): number[] {
  const max = Math.max(...logits);
  const log = Math.log(logits.reduce((s, x) => s + Math.exp(x - max), 0));
  return Array.from(logits, (x) => x - max - log);
}

/**
 * The best hypothesis under the GNMT rule by exhaustive search: every sequence that ends in </s> within
 * maxLength tokens, or reaches maxLength without it, scored log P / ((5 + |Y|) / 6)^α.
 */
function bruteForce(model: ToyModel, source: number[], maxLength: number, alpha: number): number[] {
  const penalty = (n: number) => ((5 + n) / 6) ** alpha;
  let best: { tokens: number[]; norm: number } | undefined;
  const consider = (tokens: number[], norm: number) => {
    if (best === undefined || norm > best.norm) best = { tokens, norm };
  };
  const visit = (prefix: number[], score: number) => {
    const lp = logSoftmax(toyLogits(model, source, [2, ...prefix]));
    lp.forEach((l, y) => {
      if (y === 3) consider(prefix, (score + l) / penalty(prefix.length + 1));
      else if (prefix.length + 1 === maxLength) consider([...prefix, y], (score + l) / penalty(maxLength));
      else visit([...prefix, y], score + l);
    });
  };
  visit([], 0);
  return best?.tokens ?? [];
}

/** Greedy by hand: the arg-max of the logits after each prefix (first index on ties). */
function greedyByHand(model: ToyModel, source: number[], maxLength: number): number[] {
  const out: number[] = [];
  while (out.length < maxLength) {
    const logits = toyLogits(model, source, [2, ...out]);
    const best = logits.indexOf(Math.max(...logits));
    if (best === 3) break;
    out.push(best);
  }
  return out;
}

// After <s>: 4 is a little more likely than 5. After 4 the mass spreads over 6 and 7; after 5, </s> is
// almost certain. Greedy takes 4 then 6; the best whole sequence is 5 </s>.
const TABLE = {
  '2': { '4': 5, '5': 4.8 },
  '2 4': { '6': 1, '7': 1, '3': 0.9 },
  '2 4 6': { '3': 6 },
  '2 4 7': { '3': 6 },
  '2 5': { '3': 8 },
};

describe('decodeTokensGreedy', () => {
  it('takes the arg-max each step and stops at </s>, which it leaves out', async () => {
    const { sessions } = await toy({ table: TABLE });
    expect(await decodeTokensGreedy(sessions, [9, 3], { decoding })).toEqual([4, 6]);
  });

  it('matches greedy by hand on hashed logits, and stops at maxLength', async () => {
    for (const source of [[5, 3], [8, 9, 10, 3], [3]]) {
      const { sessions, model } = await toy({ vocab: 12 });
      for (const maxLength of [1, 4, 10]) {
        const expected = greedyByHand(model, source, maxLength);
        expect(await decodeTokensGreedy(sessions, source, { decoding, maxLength })).toEqual(expected);
      }
    }
    const { sessions } = await toy({ table: { '2': { '5': 3 }, '2 5': { '5': 3 }, '2 5 5': { '5': 3 } } });
    expect(await decodeTokensGreedy(sessions, [4, 3], { decoding, maxLength: 3 })).toEqual([5, 5, 5]);
  });

  it('feeds one token with a growing cache', async () => {
    const { runtime, sessions } = await toy({ table: TABLE });
    await decodeTokensGreedy(sessions, [9, 8, 3], { decoding });
    const runs = runtime.runsOf('text2gloss-decoder-step');
    expect(runs).toHaveLength(3);
    runs.forEach((run, s) => {
      expect(run.dims.tokens).toEqual([1, 1]);
      expect(run.dims.past_value_1).toEqual([1, 2, s, 3]);
      expect(run.dims.cross_key_0).toEqual([1, 2, 3, 3]);
    });
  });
});

describe('decodeTokensBeam', () => {
  it('finds the better whole sequence where greedy does not', async () => {
    const { sessions, model } = await toy({ table: TABLE });
    const expected = bruteForce(model, [9, 3], 4, 0.6);
    expect(expected).toEqual([5]);
    expect(await decodeTokensBeam(sessions, [9, 3], { decoding, beamSize: 2, maxLength: 4 })).toEqual([5]);
    expect(await decodeTokensBeam(sessions, [9, 3], { decoding, beamSize: 2 })).toEqual([5]);
    expect(await decodeTokensBeam(sessions, [9, 3], { decoding, beamSize: 1 })).toEqual([4, 6]);
  });

  it('with a beam wide enough to keep every hypothesis, returns the exhaustive GNMT optimum', async () => {
    const lengths = new Set<number>();
    for (const source of [[4, 3], [6, 5, 3], [11, 3], [3]]) {
      for (const eosBias of [-4, 0, [-4, 1], [-4, -4, 1], [-1, -2, -1]]) {
        for (const alpha of [0, 0.6, 1.5]) {
          const { sessions, model } = await toy({ eosBias });
          const expected = bruteForce(model, source, 3, alpha);
          const got = await decodeTokensBeam(sessions, source, {
            decoding,
            beamSize: 256,
            maxLength: 3,
            lengthPenalty: alpha,
          });
          expect(got, `source ${source} </s> bias ${eosBias} α ${alpha}`).toEqual(expected);
          lengths.add(got.length);
        }
      }
    }
    // the cases cover ended and cut-off hypotheses of every length
    expect([...lengths].sort()).toEqual([0, 1, 2, 3]);
  });

  it('with a narrow beam, returns the best of the hypotheses it kept', async () => {
    // Beam search by hand over the toy's log-probabilities, with whole prefixes (no cache).
    const byHand = (model: ToyModel, source: number[], k: number, maxLength: number, earlyStop: boolean) => {
      const penalty = (n: number) => ((5 + n) / 6) ** 0.6;
      let alive = [{ tokens: [] as number[], score: 0 }];
      const done: { tokens: number[]; norm: number }[] = [];
      let steps = 0;
      for (let step = 0; step < maxLength && alive.length > 0; step++) {
        steps++;
        const all = alive.flatMap((h, i) =>
          logSoftmax(toyLogits(model, source, [2, ...h.tokens])).map((l, y) => ({
            i,
            y,
            score: h.score + l,
          })),
        );
        const top = all.sort((a, b) => b.score - a.score || a.i - b.i || a.y - b.y).slice(0, k);
        const next = [];
        for (const c of top) {
          const tokens = alive[c.i]?.tokens ?? [];
          if (c.y === 3) done.push({ tokens, norm: c.score / penalty(tokens.length + 1) });
          else next.push({ tokens: [...tokens, c.y], score: c.score });
        }
        const bestDone = Math.max(...done.map((d) => d.norm));
        const bestLive = Math.max(...next.map((h) => h.score / penalty(maxLength)));
        if (next.length === 0 || (earlyStop && bestDone >= bestLive)) break;
        alive = next;
        if (step === maxLength - 1) {
          for (const h of alive) done.push({ tokens: h.tokens, norm: h.score / penalty(h.tokens.length) });
        }
      }
      return { tokens: done.reduce((a, b) => (b.norm > a.norm ? b : a)).tokens, steps };
    };
    let differs = 0;
    let stoppedEarly = 0;
    for (const source of [
      [4, 3],
      [6, 5, 3],
      [11, 3],
      [8, 8, 3],
    ]) {
      for (const k of [2, 3, 5]) {
        const { runtime, sessions, model } = await toy({ vocab: 10, eosBias: [-2, -2, -1, 0, 0] });
        const expected = byHand(model, source, k, 6, true);
        // stopping early never changes the result, only saves steps
        expect(byHand(model, source, k, 6, false).tokens).toEqual(expected.tokens);
        const got = await decodeTokensBeam(sessions, source, { decoding, beamSize: k, maxLength: 6 });
        expect(got).toEqual(expected.tokens);
        expect(runtime.runsOf('text2gloss-decoder-step')).toHaveLength(expected.steps);
        if (expected.tokens.join() !== greedyByHand(model, source, 6).join()) differs++;
        if (expected.steps < 6) stoppedEarly++;
      }
    }
    expect(differs).toBeGreaterThan(0);
    expect(stoppedEarly).toBeGreaterThan(0);
  });

  it('runs the live hypotheses as a batch with batch-1 cross tensors and reordered caches', async () => {
    const { runtime, sessions } = await toy({ vocab: 9, eosBias: -3 });
    await decodeTokensBeam(sessions, [5, 6, 3], { decoding, beamSize: 4, maxLength: 5 });
    const runs = runtime.runsOf('text2gloss-decoder-step');
    expect(runs.length).toBeGreaterThan(1);
    expect(runs[0]?.dims.tokens).toEqual([1, 1]);
    runs.forEach((run, s) => {
      const n = run.dims.tokens?.[0] ?? 0;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
      expect(run.dims.past_key_0).toEqual([n, 2, s, 3]);
      expect(run.dims.cross_value_1).toEqual([1, 2, 3, 3]);
      expect(run.dims.source_mask).toEqual([1, 3]);
    });
  });

  it('refuses bad options', async () => {
    const { runtime, sessions } = await toy();
    const cases: Array<[object, RegExp]> = [
      [{ beamSize: 0 }, /beamSize.*\[1, 256\].*0/],
      [{ beamSize: 257 }, /257/],
      [{ beamSize: 1.5 }, /1\.5/],
      [{ beamSize: 2, lengthPenalty: -1 }, /lengthPenalty/],
      [{ beamSize: 2, lengthPenalty: Number.NaN }, /lengthPenalty/],
      [{ beamSize: 2, maxLength: 0 }, /maxLength/],
      [{ beamSize: 2, maxLength: 11 }, /maxLength.*\[1, 10\]/],
    ];
    for (const [o, text] of cases) {
      const e = await thrownAsync(() => decodeTokensBeam(sessions, [4, 3], { decoding, beamSize: 1, ...o }));
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(text);
    }
    expect((await thrownAsync(() => decodeTokensGreedy(sessions, [], { decoding }))).code).toBe(
      'input_empty',
    );
    expect(
      (await thrownAsync(() => decodeTokensGreedy(sessions, new Array(17).fill(4), { decoding }))).code,
    ).toBe('input_too_long');
    expect((await thrownAsync(() => decodeTokensGreedy(sessions, [3], {} as never))).code).toBe(
      'invalid_argument',
    );
    expect((await thrownAsync(() => decodeTokensBeam(sessions, [3], undefined as never))).code).toBe(
      'invalid_argument',
    );
    expect(runtime.runs).toHaveLength(0);
  });

  it('stops with aborted and reports runtime failures as inference_failed', async () => {
    const controller = new AbortController();
    controller.abort();
    const { sessions } = await toy();
    for (const run of [
      () => decodeTokensGreedy(sessions, [4, 3], { decoding, signal: controller.signal }),
      () => decodeTokensBeam(sessions, [4, 3], { decoding, beamSize: 3, signal: controller.signal }),
    ]) {
      expect((await thrownAsync(run)).code).toBe('aborted');
    }
    const { sessions: failing } = await toy({ failOnRun: 2, table: { '2': { '5': 3 } } });
    const e = await thrownAsync(() => decodeTokensBeam(failing, [4, 3], { decoding, beamSize: 3 }));
    expect(e.code).toBe('inference_failed');
    const { sessions: tiny } = await toy({ vocab: 3 });
    expect((await thrownAsync(() => decodeTokensGreedy(tiny, [4, 3], { decoding }))).message).toMatch(
      /logits over 3/,
    );
  });
});
