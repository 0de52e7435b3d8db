import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { type DatasetReader, openDataset, synthDataset } from '@signllm/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoseBatch } from '../model/batch-types.ts';
import { rejection } from '../test-support/rejection.ts';
import { planEpoch, planEpochDetailed } from './batch-plan.ts';
import { streamPoseBatches, streamTokenBatches } from './batch-stream.ts';
import { buildExampleIndex, type ExampleIndex } from './example-index.ts';
import { PriorityTable } from './plc.ts';
import { ShardCache } from './shard-cache.ts';
import type { TokenEncoder } from './token-encoder.ts';

/** Whitespace word encoder that grows its vocabulary up to a fixed size (unknown → 1 when full). */
function wordEncoder(size = 500): TokenEncoder {
  const ids = new Map<string, number>();
  return {
    vocabSize: size,
    encode: (text) =>
      text
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => {
          if (!ids.has(w) && ids.size + 4 < size) ids.set(w, ids.size + 4);
          return ids.get(w) ?? 1;
        }),
  };
}

async function collect(stream: AsyncIterable<PoseBatch>): Promise<PoseBatch[]> {
  const out: PoseBatch[] = [];
  for await (const b of stream) out.push(b);
  return out;
}

/** Batches compared field by field; typed arrays by their bytes (deep equality is slow on large arrays). */
function expectSameBatches(actual: PoseBatch[], expected: PoseBatch[]): void {
  expect(actual.length).toBe(expected.length);
  for (const [b, batch] of actual.entries()) {
    const other = expected[b]!;
    expect(Object.keys(batch).sort()).toEqual(Object.keys(other).sort());
    for (const [key, value] of Object.entries(batch)) {
      const theirs = (other as unknown as Record<string, unknown>)[key];
      if (ArrayBuffer.isView(value)) {
        const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
        expect(value.constructor).toBe((theirs as ArrayBufferView).constructor);
        expect(bytes(value).equals(bytes(theirs as ArrayBufferView)), `batch ${b} ${key}`).toBe(true);
      } else expect(value, `batch ${b} ${key}`).toEqual(theirs);
    }
  }
}

let tmp: string;
let reader: DatasetReader;
let index: ExampleIndex;
const encoder = wordEncoder();
const batchOptions = { encoder, maxSourceLength: 12, futurePrediction: 3 };
const planOptions = { epoch: 0, seed: 9, batchSize: 3, poolShards: 2, groupByLanguage: true };

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'signllm-stream-'));
  await synthDataset({
    out: join(tmp, 'synth'),
    languages: ['ase', 'gsg'],
    sequences: 40,
    seed: 5,
    shardRows: 8,
    noisy: 0.2,
  });
  reader = await openDataset(join(tmp, 'synth'));
  index = await buildExampleIndex(reader, { split: 'train', source: 'gloss', target: 'pose' });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('streamPoseBatches on a synthetic dataset', () => {
  it('produces the planned batches, single-language, with poses read from the shards', async () => {
    const plan = planEpoch({ index, ...planOptions });
    const cache = new ShardCache(index, { maxShards: 2 });
    const batches = await collect(streamPoseBatches({ index, plan, cache, ...batchOptions }));
    expect(batches.length).toBe(plan.length);
    const poses = new Map<string, Float32Array>();
    for await (const r of reader.rows({ split: 'train' })) poses.set(r.id, r.sequence.data);
    for (const [b, batch] of batches.entries()) {
      expect([...batch.rows]).toEqual(plan[b]);
      expect(new Set(plan[b]!.map((i) => index.examples[i]!.language))).toEqual(new Set([batch.language]));
      for (let k = 0; k < batch.size; k++) {
        const e = index.examples[batch.rows[k]!]!;
        const data = poses.get(e.id)!;
        const T = e.frames;
        expect(batch.lengths[k]).toBe(T);
        // Target row T−1: the last frame in all three future slots, counter exactly 1.
        const last = (k * batch.frames + T - 1) * batch.outputWidth;
        expect(batch.target.subarray(last, last + 150)).toEqual(data.subarray((T - 1) * 150, T * 150));
        expect(batch.target.subarray(last + 300, last + 450)).toEqual(data.subarray((T - 1) * 150, T * 150));
        expect(batch.target[last + 450]).toBe(1);
        // Decoder input row 1 is frame 0.
        const in1 = (k * batch.frames + 1) * 151;
        expect(batch.decoderInput.subarray(in1, in1 + 150)).toEqual(data.subarray(0, 150));
      }
    }
    // Each shard decoded once per epoch (cache ≥ poolShards), never more than 2 held.
    expect(cache.loads).toBe(index.shards.length);
    expect(cache.peak).toBeLessThanOrEqual(2);
  });

  it('keeps at most maxCachedShards decoded, even below poolShards, with the same batches', async () => {
    const plan = planEpoch({ index, ...planOptions, poolShards: 3 });
    const roomy = await collect(streamPoseBatches({ index, plan, ...batchOptions, maxCachedShards: 8 }));
    const cache = new ShardCache(index, { maxShards: 1 });
    const tight = await collect(streamPoseBatches({ index, plan, cache, ...batchOptions }));
    expect(cache.peak).toBe(1);
    expect(cache.size).toBe(1);
    expect(cache.loads).toBeGreaterThan(index.shards.length); // reloads instead of holding more
    expectSameBatches(tight, roomy);
  });

  it('resumes at batch b with the same batches, decoding only the shards from there on', async () => {
    const { batches: plan, pools } = planEpochDetailed({ index, ...planOptions, epoch: 2 });
    const full = await collect(streamPoseBatches({ index, plan, ...batchOptions }));
    const last = pools[pools.length - 1]!;
    for (const b of [1, last.firstBatch, plan.length - 1, plan.length]) {
      const loaded: number[] = [];
      const cache = new ShardCache(index, { maxShards: 2, onLoad: (s) => loaded.push(s) });
      const resumed = await collect(
        streamPoseBatches({ index, plan, cache, startBatch: b, ...batchOptions }),
      );
      expectSameBatches(resumed, full.slice(b));
      if (b >= last.firstBatch) expect(loaded.every((s) => last.shards.includes(s))).toBe(true);
    }
  });

  it('streams PLC-weighted plans (rows carry the drawn examples)', async () => {
    const table = new PriorityTable(index.examples.length);
    table.update(
      index.examples.map((_, i) => i),
      index.examples.map((e) => -e.frames / 100),
    );
    const weights = table.weights({ transform: 'exp', eta: 2 });
    const plan = planEpoch({ index, ...planOptions, weights });
    const batches = await collect(streamPoseBatches({ index, plan, ...batchOptions }));
    expect(batches.flatMap((b) => [...b.rows])).toEqual(plan.flat());
    expect(plan.flat().length).toBe(index.examples.length);
  });

  it('rejects a bad plan, a missing shard, a corrupt shard and a changed dataset with SignLLMError', async () => {
    const plan = planEpoch({ index, ...planOptions });
    const run = (options: Partial<Parameters<typeof streamPoseBatches>[0]>) =>
      collect(streamPoseBatches({ index, plan, ...batchOptions, ...options }));
    expect((await rejection(run({ startBatch: plan.length + 1 }))).code).toBe(ERROR_CODES.invalidArgument);
    expect((await rejection(run({ plan: [[0], [index.examples.length]] }))).code).toBe(
      ERROR_CODES.invalidArgument,
    );
    expect((await rejection(run({ plan: [[]] }))).code).toBe(ERROR_CODES.invalidArgument);
    expect((await rejection(run({ maxCachedShards: 0 }))).code).toBe(ERROR_CODES.invalidArgument);

    const copy = join(tmp, 'copy');
    cpSync(join(tmp, 'synth'), copy, { recursive: true });
    const moved = { ...index, dir: copy };
    const first = [[0]];
    const shardFile = join(copy, index.shards[0]!.path);
    const bytes = readFileSync(shardFile);
    rmSync(shardFile);
    const missing = await rejection(run({ index: moved, plan: first }));
    expect(missing.code).toBe(ERROR_CODES.invalidArgument);
    expect(missing.message).toContain(index.shards[0]!.path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0xff;
    writeFileSync(shardFile, bytes);
    const corrupt = await rejection(run({ index: moved, plan: first }));
    expect(corrupt.code).toBe(ERROR_CODES.badFormat);
    expect(corrupt.message).toContain('SHA-256');

    const renamed = {
      ...index,
      examples: index.examples.map((e, i) => (i === 0 ? { ...e, id: 'other' } : e)),
    };
    expect((await rejection(run({ index: renamed, plan: first }))).message).toContain('the dataset changed');
    const wrongShard = {
      ...index,
      examples: index.examples.map((e, i) => (i === 0 ? { ...e, shard: 99 } : e)),
    };
    expect((await rejection(run({ index: wrongShard, plan: first }))).code).toBe(ERROR_CODES.invalidArgument);
  });
});

describe('streamTokenBatches', () => {
  it('builds token batches from the index alone, resumable, without reading shards', async () => {
    const copy = join(tmp, 'tokens');
    cpSync(join(tmp, 'synth'), copy, { recursive: true });
    const tokenIndex = await buildExampleIndex(await openDataset(copy), {
      split: 'train',
      source: 'prompt',
      target: 'langGloss',
    });
    rmSync(join(copy, 'train'), { recursive: true });
    const plan = planEpoch({ index: tokenIndex, ...planOptions });
    const options = {
      index: tokenIndex,
      plan,
      sourceEncoder: encoder,
      targetEncoder: wordEncoder(),
      maxSourceLength: 40,
      maxTargetLength: 30,
    };
    const all = [...streamTokenBatches(options)];
    expect(all.length).toBe(plan.length);
    for (const [b, batch] of all.entries()) {
      expect([...batch.rows]).toEqual(plan[b]);
      for (let k = 0; k < batch.size; k++) {
        const words = tokenIndex.examples[batch.rows[k]!]!.target.split(' ').length;
        expect(batch.lengths[k]).toBe(words + 1);
        expect(batch.targetInput[k * batch.targetLength]).toBe(2);
        expect(batch.targetOutput[k * batch.targetLength + words]).toBe(3);
      }
    }
    expect([...streamTokenBatches({ ...options, startBatch: 2 })]).toEqual(all.slice(2));
    expect(() => [...streamTokenBatches({ ...options, index })]).toThrow(SignLLMError);
  });
});
