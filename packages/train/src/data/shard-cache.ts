/**
 * `ShardCache`: decoded shards of an indexed split, least recently used first out, never more
 * than `maxShards` at once (a shard is evicted before the next one is decoded), so memory is bounded
 * by the cache size rather than the dataset. Counters expose what it did.
 */
import { join } from 'node:path';
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import { type DatasetRow, readShard } from '@signllm/data';
import { checkInteger } from './check-args.ts';
import type { ExampleIndex } from './example-index.ts';

/** Options of `ShardCache`. */
export interface ShardCacheOptions {
  /** Most decoded shards held at once (≥ 1; default 4). Use ≥ `poolShards` to decode each shard once per pool. */
  maxShards?: number;
  /** Called with the shard ordinal each time a shard is decoded (tests, progress). */
  onLoad?: (shard: number) => void;
}

/**
 * Decoded shards on demand.
 *
 * @example
 * ```ts
 * const cache = new ShardCache(index, { maxShards: 4 });
 * const rows = await cache.rows(0); // every row of shard 0, decoded
 * cache.loads; cache.peak;
 * ```
 */
export class ShardCache {
  /** Most decoded shards held at once. */
  readonly maxShards: number;
  readonly #index: Pick<ExampleIndex, 'dir' | 'shards' | 'skeleton'>;
  readonly #held = new Map<number, readonly DatasetRow[]>();
  readonly #onLoad: ((shard: number) => void) | undefined;
  #loads = 0;
  #peak = 0;
  #busy = false;

  constructor(index: Pick<ExampleIndex, 'dir' | 'shards' | 'skeleton'>, options: ShardCacheOptions = {}) {
    this.#index = index;
    this.maxShards = checkInteger('maxShards', options.maxShards ?? 4, 1);
    this.#onLoad = options.onLoad;
  }

  /** Shards decoded so far (reloads after eviction count again). */
  get loads(): number {
    return this.#loads;
  }

  /** Most shards ever held at once (never above `maxShards`). */
  get peak(): number {
    return this.#peak;
  }

  /** Shards held now. */
  get size(): number {
    return this.#held.size;
  }

  /** Whether shard `ordinal` is decoded and held. */
  has(ordinal: number): boolean {
    return this.#held.has(ordinal);
  }

  /** Drops every held shard. */
  clear(): void {
    this.#held.clear();
  }

  /**
   * Every row of shard `ordinal` (verified against the manifest's size and SHA-256 when decoded).
   * Calls must not overlap (await each); throws `invalid_argument` for a bad ordinal or an
   * overlapping call, `format_invalid` when the row count differs from the manifest, and whatever
   * `readShard` throws for a missing or corrupt file.
   */
  async rows(ordinal: number): Promise<readonly DatasetRow[]> {
    const shard = this.#index.shards[ordinal];
    if (!Number.isInteger(ordinal) || shard === undefined) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Shard ${String(ordinal)} is not in the index; it has shards 0..${this.#index.shards.length - 1}`,
      );
    }
    const held = this.#held.get(ordinal);
    if (held !== undefined) {
      this.#held.delete(ordinal);
      this.#held.set(ordinal, held);
      return held;
    }
    if (this.#busy) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        'ShardCache.rows() calls must not overlap; await each',
      );
    }
    this.#busy = true;
    try {
      while (this.#held.size >= this.maxShards) this.#held.delete(this.#held.keys().next().value as number);
      const rows: DatasetRow[] = [];
      for await (const row of readShard(join(this.#index.dir, shard.path), {
        sha256: shard.sha256,
        skeleton: this.#index.skeleton,
        source: shard.path,
        ...(shard.bytes === undefined ? {} : { bytes: shard.bytes }),
      })) {
        rows.push(row);
      }
      if (rows.length !== shard.rows) {
        throw new SignLLMError(
          ERROR_CODES.badFormat,
          `${shard.path} holds ${rows.length} rows but the manifest says ${shard.rows}`,
          { position: { source: shard.path } },
        );
      }
      this.#loads++;
      this.#held.set(ordinal, rows);
      this.#peak = Math.max(this.#peak, this.#held.size);
      this.#onLoad?.(ordinal);
      return rows;
    } finally {
      this.#busy = false;
    }
  }
}
