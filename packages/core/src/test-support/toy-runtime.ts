/**
 * Test support only (not exported from the package): a pure-JS `InferenceRuntime` whose "models" are
 * JSON descriptions of toy graphs with the bundle contract's inputs and outputs. The toy encoder derives
 * its cross tensors from the ids; the toy pose step predicts a frame from the input frame, its position
 * and everything in the self-attention cache; the toy token step gives logits that depend on the whole
 * token prefix (read back from the cache) and the source — so a wrong cache shows up as wrong numbers.
 * Every run checks the shapes of its feeds and is logged, so tests can inspect the plumbing.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { requiredModelNames } from '../inference/model-contract.ts';
import type { InferenceRuntime, InferenceSession, RuntimeTensor } from '../inference/runtime.ts';

/** A toy graph, as the JSON the model bytes hold. */
export interface ToyModel {
  role: 'encoder' | 'decoder-step' | 'text2gloss-encoder' | 'text2gloss-decoder-step';
  layers: number;
  heads: number;
  headSize: number;
  /** Pose step: values per frame (151). */
  width?: number;
  /** Pose step: predicted counter = fed counter + this. */
  counterStep?: number;
  /** Token step: vocabulary size of the logits. */
  vocab?: number;
  /** Token step: logits by prefix ("2 5 7"): token id → logit (others 0). Absent prefixes: hashed logits. */
  table?: Record<string, Record<string, number>>;
  /** Token step: added to the hashed logit of `</s>` (negative: longer outputs); a list gives one per position. */
  eosBias?: number | number[];
  /** Names left out of the session's inputs / outputs (to test the contract check). */
  omitInputs?: string[];
  omitOutputs?: string[];
  /** Throw a plain Error on this run of the session (1-based). */
  failOnRun?: number;
}

/** One logged run: the session label, its role, the dims of every feed and the int64 values. */
export interface ToyRun {
  label: string;
  role: ToyModel['role'];
  dims: Record<string, readonly number[]>;
  /** The values of the int64 feeds (ids, tokens). */
  ids: Record<string, number[]>;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Model bytes of a toy graph. */
export function toyModelBytes(model: ToyModel): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(model));
}

/** A cache row value of the toy pose step: layer `i`, kind 0 (key) / 1 (value), head `hh`, `d`. */
export function toyPoseCacheValue(
  frame: ArrayLike<number>,
  width: number,
  i: number,
  kind: number,
  hh: number,
  d: number,
  k: number,
): number {
  return (
    (frame[width - 1] ?? 0) * (1 + i + 2 * kind) +
    (frame[(hh * k + d) % (width - 1)] ?? 0) * 0.5 +
    0.01 * (hh + d)
  );
}

/** The weight of each cache value in the toy pose step's attention-like sum. */
export function toyPoseWeight(i: number, kind: number, hh: number, d: number): number {
  return 1 / (1 + i + 2 * kind + hh + d);
}

/** Cross key (kind 0) or value (kind 1) of the toy encoder for source id `id`. */
export function toyCross(id: number, i: number, kind: number, hh: number, d: number): number {
  return hh === 0 && d === 0 && kind === 0 ? id : id * 0.5 + 0.1 * i - 0.2 * kind + 0.01 * hh + 0.001 * d;
}

/** A deterministic pseudo-random logit in [-2, 2) for (source, prefix, token). */
export function toyHashLogit(source: string, prefix: string, token: number): number {
  let h = 0x811c9dc5;
  const text = `${source}|${prefix}|${token}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h / 2 ** 32) * 4 - 2;
}

/** The logits of the toy token step after `prefix` (token ids from `<s>`) for source ids `source`. */
export function toyLogits(
  model: ToyModel,
  source: readonly number[],
  prefix: readonly number[],
): Float32Array {
  const v = model.vocab ?? 0;
  const key = prefix.join(' ');
  const row = model.table?.[key];
  const out = new Float32Array(v);
  const bias = model.eosBias ?? 0;
  const eosBias = typeof bias === 'number' ? bias : (bias[prefix.length - 1] ?? 0);
  for (let j = 0; j < v; j++) {
    out[j] =
      row !== undefined
        ? (row[String(j)] ?? 0)
        : toyHashLogit(source.join(','), key, j) + (j === 3 ? eosBias : 0);
  }
  return out;
}

function fail(message: string): never {
  throw new Error(`toy graph: ${message}`);
}

function tensor(feeds: Readonly<Record<string, RuntimeTensor>>, name: string, rank: number): RuntimeTensor {
  const t = feeds[name];
  if (t === undefined) fail(`missing input ${name}`);
  let n = 1;
  for (const d of t.dims) n *= d;
  if (t.dims.length !== rank || n !== t.data.length)
    fail(`${name} has dims [${t.dims.join(', ')}] and ${t.data.length} values`);
  return t;
}

function floats(t: RuntimeTensor, name: string): Float32Array {
  if (t.type !== 'float32') fail(`${name} is not float32`);
  return t.data;
}

function ids(t: RuntimeTensor, name: string): number[] {
  if (t.type !== 'int64') fail(`${name} is not int64`);
  return Array.from(t.data, Number);
}

function runEncoder(
  m: ToyModel,
  feeds: Readonly<Record<string, RuntimeTensor>>,
): Record<string, RuntimeTensor> {
  const idsT = tensor(feeds, 'source_ids', 2);
  const maskT = tensor(feeds, 'source_mask', 2);
  const [b = 0, u = 0] = idsT.dims;
  if (maskT.dims[0] !== b || maskT.dims[1] !== u) fail('source_mask does not match source_ids');
  const src = ids(idsT, 'source_ids');
  floats(maskT, 'source_mask');
  const out: Record<string, RuntimeTensor> = {};
  for (let i = 0; i < m.layers; i++) {
    for (const [kind, name] of [
      [0, 'key'],
      [1, 'value'],
    ] as const) {
      const data = new Float32Array(b * m.heads * u * m.headSize);
      let at = 0;
      for (let bb = 0; bb < b; bb++)
        for (let hh = 0; hh < m.heads; hh++)
          for (let uu = 0; uu < u; uu++)
            for (let d = 0; d < m.headSize; d++) data[at++] = toyCross(src[bb * u + uu] ?? 0, i, kind, hh, d);
      out[`cross_${name}_${i}`] = { type: 'float32', data, dims: [b, m.heads, u, m.headSize] };
    }
  }
  return out;
}

interface StepInputs {
  n: number;
  t: number;
  p: number;
  u: number;
  mask: Float32Array;
  past: Float32Array[][];
  cross: Float32Array[][];
  crossBatch: number;
}

/** Checks and reads the feeds every decoder step has: mask, past (same P everywhere), cross. */
function stepInputs(
  m: ToyModel,
  feeds: Readonly<Record<string, RuntimeTensor>>,
  n: number,
  t: number,
): StepInputs {
  const maskT = tensor(feeds, 'source_mask', 2);
  const u = maskT.dims[1] ?? 0;
  if (maskT.dims[0] !== 1 && maskT.dims[0] !== n) fail(`source_mask batch ${maskT.dims[0]} for ${n} rows`);
  let p = -1;
  let crossBatch = -1;
  const past: Float32Array[][] = [];
  const cross: Float32Array[][] = [];
  for (let i = 0; i < m.layers; i++) {
    past.push([]);
    cross.push([]);
    for (const kind of ['key', 'value']) {
      const pt = tensor(feeds, `past_${kind}_${i}`, 4);
      const [pb, ph, pp = 0, pk] = pt.dims;
      if (pb !== n || ph !== m.heads || pk !== m.headSize)
        fail(`past_${kind}_${i} has dims [${pt.dims.join(', ')}]`);
      if (p === -1) p = pp;
      if (pp !== p) fail(`past_${kind}_${i} has ${pp} positions, past_key_0 has ${p}`);
      past[i]?.push(floats(pt, `past_${kind}_${i}`));
      const ct = tensor(feeds, `cross_${kind}_${i}`, 4);
      const [cb = 0, ch, cu, ck] = ct.dims;
      if ((cb !== 1 && cb !== n) || ch !== m.heads || cu !== u || ck !== m.headSize)
        fail(`cross_${kind}_${i} has dims [${ct.dims.join(', ')}]`);
      crossBatch = cb;
      cross[i]?.push(floats(ct, `cross_${kind}_${i}`));
    }
  }
  return { n, t, p, u, mask: floats(maskT, 'source_mask'), past, cross, crossBatch };
}

/** present = concat(past, new rows) along the position axis; `row(b, t, i, kind, hh, d)` gives the new values. */
function presents(
  m: ToyModel,
  s: StepInputs,
  row: (b: number, t: number, i: number, kind: number, hh: number, d: number) => number,
): Float32Array[][] {
  const { n, t, p } = s;
  const k = m.headSize;
  const len = p + t;
  return s.past.map((kinds, i) =>
    kinds.map((old, kind) => {
      const data = new Float32Array(n * m.heads * len * k);
      for (let b = 0; b < n; b++)
        for (let hh = 0; hh < m.heads; hh++)
          for (let q = 0; q < len; q++)
            for (let d = 0; d < k; d++) {
              const at = ((b * m.heads + hh) * len + q) * k + d;
              data[at] =
                q < p ? (old[((b * m.heads + hh) * p + q) * k + d] ?? 0) : row(b, q - p, i, kind, hh, d);
            }
      return data;
    }),
  );
}

function presentOutputs(
  m: ToyModel,
  s: StepInputs,
  present: Float32Array[][],
): Record<string, RuntimeTensor> {
  const out: Record<string, RuntimeTensor> = {};
  present.forEach((kinds, i) => {
    kinds.forEach((data, kind) => {
      out[`present_${kind === 0 ? 'key' : 'value'}_${i}`] = {
        type: 'float32',
        data,
        dims: [s.n, m.heads, s.p + s.t, m.headSize],
      };
    });
  });
  return out;
}

function runPoseStep(
  m: ToyModel,
  feeds: Readonly<Record<string, RuntimeTensor>>,
): Record<string, RuntimeTensor> {
  const w = m.width ?? 151;
  const framesT = tensor(feeds, 'frames', 3);
  const [n = 0, t = 0, fw] = framesT.dims;
  if (fw !== w) fail(`frames width ${fw}, expected ${w}`);
  const frames = floats(framesT, 'frames');
  const s = stepInputs(m, feeds, n, t);
  const k = m.headSize;
  const frame = (b: number, tt: number): Float32Array =>
    frames.subarray((b * t + tt) * w, (b * t + tt + 1) * w);
  const present = presents(m, s, (b, tt, i, kind, hh, d) =>
    toyPoseCacheValue(frame(b, tt), w, i, kind, hh, d, k),
  );
  const next = new Float32Array(n * t * w);
  for (let b = 0; b < n; b++) {
    const cb = s.crossBatch === 1 ? 0 : b;
    let c = 0;
    for (let i = 0; i < m.layers; i++)
      for (let kind = 0; kind < 2; kind++)
        for (let uu = 0; uu < s.u; uu++)
          c +=
            (s.mask[(s.mask.length === s.u ? 0 : b) * s.u + uu] ?? 0) *
            (s.cross[i]?.[kind]?.[(cb * m.heads * s.u + uu) * k] ?? 0);
    for (let tt = 0; tt < t; tt++) {
      const pos = s.p + tt;
      let a = 0;
      for (let i = 0; i < m.layers; i++)
        for (let kind = 0; kind < 2; kind++)
          for (let hh = 0; hh < m.heads; hh++)
            for (let q = 0; q <= pos; q++)
              for (let d = 0; d < k; d++)
                a +=
                  toyPoseWeight(i, kind, hh, d) *
                  (present[i]?.[kind]?.[((b * m.heads + hh) * (s.p + t) + q) * k + d] ?? 0);
      a /= pos + 1;
      const x = frame(b, tt);
      const o = (b * t + tt) * w;
      for (let j = 0; j < w - 1; j++)
        next[o + j] = 0.5 * (x[j] ?? 0) + 0.01 * a + 0.001 * c + 0.0001 * (j + 1) * (pos + 1);
      next[o + w - 1] = (x[w - 1] ?? 0) + (m.counterStep ?? 0.25);
    }
  }
  return { next_frames: { type: 'float32', data: next, dims: [n, t, w] }, ...presentOutputs(m, s, present) };
}

function runTokenStep(
  m: ToyModel,
  feeds: Readonly<Record<string, RuntimeTensor>>,
): Record<string, RuntimeTensor> {
  const tokT = tensor(feeds, 'tokens', 2);
  const [n = 0, t = 0] = tokT.dims;
  const tokens = ids(tokT, 'tokens');
  const s = stepInputs(m, feeds, n, t);
  const v = m.vocab ?? 0;
  // Keys hold the token id itself, values a mix of token, layer and head: the prefix is read back from key 0.
  const present = presents(m, s, (b, tt, i, kind, hh, d) => {
    const y = tokens[b * t + tt] ?? 0;
    return kind === 0 ? y : y * 0.25 + i + 0.1 * hh + 0.01 * d;
  });
  const k = m.headSize;
  const len = s.p + t;
  const logits = new Float32Array(n * t * v);
  for (let b = 0; b < n; b++) {
    const cb = s.crossBatch === 1 ? 0 : b;
    const source: number[] = [];
    for (let uu = 0; uu < s.u; uu++)
      source.push(Math.round(s.cross[0]?.[0]?.[(cb * m.heads * s.u + uu) * k] ?? 0));
    for (let tt = 0; tt < t; tt++) {
      const prefix: number[] = [];
      for (let q = 0; q <= s.p + tt; q++)
        prefix.push(Math.round(present[0]?.[0]?.[(b * m.heads * len + q) * k] ?? 0));
      logits.set(toyLogits(m, source, prefix), (b * t + tt) * v);
    }
  }
  return { logits: { type: 'float32', data: logits, dims: [n, t, v] }, ...presentOutputs(m, s, present) };
}

function parseModel(bytes: Uint8Array, label: string): ToyModel {
  let m: ToyModel;
  try {
    m = JSON.parse(UTF8.decode(bytes)) as ToyModel;
  } catch (cause) {
    throw new SignLLMError(ERROR_CODES.modelInvalid, `${label}: not a toy model`, { cause });
  }
  const roles = ['encoder', 'decoder-step', 'text2gloss-encoder', 'text2gloss-decoder-step'];
  const ok =
    typeof m === 'object' &&
    m !== null &&
    roles.includes(m.role) &&
    [m.layers, m.heads, m.headSize].every((x) => Number.isInteger(x) && x > 0);
  if (!ok) throw new SignLLMError(ERROR_CODES.modelInvalid, `${label}: not a toy model`);
  return m;
}

/** The toy runtime: creates toy sessions and records what they do. */
export class ToyRuntime implements InferenceRuntime {
  readonly name = 'toy-runtime 1.0 (pure JS)';
  /** Every run of every session, in order. */
  readonly runs: ToyRun[] = [];
  /** Sessions created and not yet released, by label. */
  readonly live: Map<string, number> = new Map();
  /** Labels of every session ever created, in order. */
  readonly created: string[] = [];
  /** Labels of released sessions, in order. */
  readonly released: string[] = [];

  /** Runs of sessions with `role`. */
  runsOf(role: ToyModel['role']): ToyRun[] {
    return this.runs.filter((r) => r.role === role);
  }

  async createSession(bytes: Uint8Array, label: string): Promise<InferenceSession> {
    const m = parseModel(bytes, label);
    const names = requiredModelNames(m.role, m.layers);
    const inputNames = names.inputs.filter((n) => !m.omitInputs?.includes(n));
    const outputNames = names.outputs.filter((n) => !m.omitOutputs?.includes(n));
    this.created.push(label);
    this.live.set(label, (this.live.get(label) ?? 0) + 1);
    let released = false;
    let count = 0;
    const runtime = this;
    return {
      inputNames,
      outputNames,
      async run(feeds) {
        if (released) fail(`${label} was released`);
        count++;
        const dims: Record<string, readonly number[]> = {};
        const ids: Record<string, number[]> = {};
        for (const [name, t] of Object.entries(feeds)) {
          dims[name] = [...t.dims];
          if (t.type === 'int64') ids[name] = Array.from(t.data, Number);
        }
        runtime.runs.push({ label, role: m.role, dims, ids });
        if (m.failOnRun === count) throw new Error(`toy failure on run ${count}`);
        await Promise.resolve();
        if (m.role === 'encoder' || m.role === 'text2gloss-encoder') return runEncoder(m, feeds);
        return m.role === 'decoder-step' ? runPoseStep(m, feeds) : runTokenStep(m, feeds);
      },
      async release() {
        if (released) return;
        released = true;
        runtime.released.push(label);
        const left = (runtime.live.get(label) ?? 1) - 1;
        if (left === 0) runtime.live.delete(label);
        else runtime.live.set(label, left);
      },
    };
  }
}
