/**
 * Batch streams: a plan (from `planEpoch`) turned into `PoseBatch`es, loading through a bounded
 * `ShardCache` only the shards each batch needs, or into `TokenBatch`es straight from the index's
 * strings (no shard is read). Both can start at any batch of the plan, so a resumed run continues
 * exactly where it stopped without decoding the pools before it.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import type { PoseBatch, TokenBatch } from '../model/batch-types.ts';
import { checkInteger } from './check-args.ts';
import type { Example, ExampleIndex } from './example-index.ts';
import { makePoseBatch, type PoseBatchOptions, type PoseExampleRow } from './make-pose-batch.ts';
import { makeTokenBatch, type TokenBatchOptions } from './make-token-batch.ts';
import { ShardCache } from './shard-cache.ts';

/** Options shared by both streams. */
export interface StreamOptions {
  index: ExampleIndex;
  /** Batches of global example indices (`planEpoch`). */
  plan: readonly (readonly number[])[];
  /** First batch to produce (resume); default 0. */
  startBatch?: number;
}

/** Options of `streamPoseBatches`. */
export interface PoseStreamOptions extends StreamOptions, PoseBatchOptions {
  /** Cache to load through (share one across epochs, read its counters); default a new one. */
  cache?: ShardCache;
  /** Most decoded shards held at once when no `cache` is given (default 4). */
  maxCachedShards?: number;
}

/** Options of `streamTokenBatches`. */
export interface TokenStreamOptions extends StreamOptions, TokenBatchOptions {}

function checkStart(options: StreamOptions): number {
  if (!Array.isArray(options.plan)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'plan must be an array of batches (planEpoch)');
  }
  return checkInteger('startBatch', options.startBatch ?? 0, 0, options.plan.length);
}

function batchExamples(index: ExampleIndex, batch: readonly number[], b: number): Example[] {
  if (!Array.isArray(batch) || batch.length === 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `Batch ${b} of the plan is empty or not an array`);
  }
  return batch.map((i) => {
    const e = Number.isInteger(i) ? index.examples[i] : undefined;
    if (e === undefined) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Batch ${b} names example ${String(i)}; the index has examples 0..${index.examples.length - 1}`,
      );
    }
    return e;
  });
}

/**
 * Pose batches in plan order from `startBatch` on. Each batch decodes only its own shards (those
 * already held first); with `maxCachedShards ≥ poolShards` every shard is decoded once per pool.
 * Throws `SignLLMError` for a bad plan, a missing or corrupt shard, a row whose id no longer matches
 * the index (the dataset changed), and whatever `makePoseBatch` rejects.
 *
 * @example
 * ```ts
 * for await (const batch of streamPoseBatches({ index, plan, encoder, maxSourceLength: 64, futurePrediction: 3, startBatch: 120 })) {
 *   await trainStep(batch);
 * }
 * ```
 */
export async function* streamPoseBatches(
  options: PoseStreamOptions,
): AsyncGenerator<PoseBatch, void, undefined> {
  const { index, plan } = options;
  const start = checkStart(options);
  const cache = options.cache ?? new ShardCache(index, { maxShards: options.maxCachedShards ?? 4 });
  const batchOptions: PoseBatchOptions = {
    encoder: options.encoder,
    maxSourceLength: options.maxSourceLength,
    futurePrediction: options.futurePrediction,
    ...(options.language === undefined ? {} : { language: options.language }),
  };
  for (let b = start; b < plan.length; b++) {
    const examples = batchExamples(index, plan[b]!, b);
    const byShard = new Map<number, number[]>();
    for (const [k, e] of examples.entries()) {
      const list = byShard.get(e.shard);
      if (list === undefined) byShard.set(e.shard, [k]);
      else list.push(k);
    }
    const shards = [...byShard.keys()].sort((x, y) => Number(cache.has(y)) - Number(cache.has(x)) || x - y);
    const rows: PoseExampleRow[] = new Array(examples.length);
    for (const s of shards) {
      const decoded = await cache.rows(s);
      for (const k of byShard.get(s)!) {
        const e = examples[k]!;
        const row = decoded[e.row];
        if (row === undefined || row.id !== e.id) {
          throw new SignLLMError(
            ERROR_CODES.badFormat,
            `${index.shards[s]!.path} row ${e.row} is "${row?.id ?? '(none)'}", but the index says "${e.id}"; the dataset changed since the index was built`,
          );
        }
        rows[k] = { example: plan[b]![k]!, language: e.language, source: e.source, sequence: row.sequence };
      }
    }
    yield makePoseBatch(rows, batchOptions);
  }
}

/**
 * Token batches (source → LangGloss) in plan order from `startBatch` on, built from the index's
 * strings without reading any shard.
 *
 * @example
 * ```ts
 * for (const batch of streamTokenBatches({ index, plan, sourceEncoder, targetEncoder, maxSourceLength: 64, maxTargetLength: 64 })) {
 *   trainStep(batch);
 * }
 * ```
 */
export function* streamTokenBatches(options: TokenStreamOptions): Generator<TokenBatch, void, undefined> {
  const { index, plan } = options;
  const start = checkStart(options);
  if (index.target !== 'langGloss') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Token batches need an index built with target "langGloss", not "${index.target}"`,
    );
  }
  for (let b = start; b < plan.length; b++) {
    const examples = batchExamples(index, plan[b]!, b);
    yield makeTokenBatch(
      examples.map((e, k) => ({ example: plan[b]![k]!, source: e.source, target: e.target })),
      options,
    );
  }
}
