/**
 * Builds the dataset `manifest.json` from the manifest basics and the build journal: per-split and
 * per-language counts come only from finished shards, so a resumed build counts right.
 */
import {
  DATASET_FORMAT_VERSION,
  type DatasetManifest,
  type DatasetManifestInput,
  parseDatasetManifest,
} from '@signllm/core';
import type { BuildJournal, LanguageCount } from './build-journal.ts';

/** What the caller fixes in the manifest (everything but counts, shards and the format version). */
export interface ManifestBasics {
  name: string;
  skeleton: string;
  dims: 2 | 3;
  fps: number;
  normalisation: DatasetManifestInput['normalisation'];
  sources: DatasetManifestInput['sources'];
  promptTemplates?: DatasetManifestInput['promptTemplates'];
  generator: DatasetManifestInput['generator'];
}

const SPLIT_ORDER = ['train', 'dev', 'val', 'validation', 'test'];

/**
 * Orders split names: train, dev, val, validation, test first, then the rest alphabetically.
 *
 * @example
 * ```ts
 * orderSplits(['test', 'extra', 'train']); // ['train', 'test', 'extra']
 * ```
 */
export function orderSplits(names: Iterable<string>): string[] {
  const rank = (s: string): number => {
    const i = SPLIT_ORDER.indexOf(s);
    return i < 0 ? SPLIT_ORDER.length : i;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The manifest of a finished build, validated with core's `parseDatasetManifest` (throws
 * `schemaInvalid` naming the bad field).
 *
 * @example
 * ```ts
 * const manifest = manifestFromJournal(basics, journal, new Date().toISOString());
 * ```
 */
export function manifestFromJournal(
  basics: ManifestBasics,
  journal: BuildJournal,
  created: string,
): DatasetManifest {
  const languages = new Map<string, LanguageCount>();
  const splits = new Map<
    string,
    { sequences: number; frames: number; shards: DatasetManifest['splits'][string]['shards'] }
  >();
  for (const shard of journal.shards) {
    const split = splits.get(shard.split) ?? { sequences: 0, frames: 0, shards: [] };
    split.sequences += shard.rows;
    split.frames += shard.frames;
    split.shards.push({ path: shard.path, sha256: shard.sha256, rows: shard.rows, bytes: shard.bytes });
    splits.set(shard.split, split);
    for (const [code, count] of Object.entries(shard.languages)) {
      const total = languages.get(code) ?? { sequences: 0, frames: 0 };
      total.sequences += count.sequences;
      total.frames += count.frames;
      languages.set(code, total);
    }
  }
  const manifest: DatasetManifestInput = {
    formatVersion: DATASET_FORMAT_VERSION,
    name: basics.name,
    created,
    skeleton: basics.skeleton,
    dims: basics.dims,
    fps: basics.fps,
    normalisation: basics.normalisation,
    languages: [...languages.keys()].sort().map((code) => ({ code, ...languages.get(code)! })),
    splits: Object.fromEntries(orderSplits(splits.keys()).map((name) => [name, splits.get(name)!])),
    sources: basics.sources,
    promptTemplates: basics.promptTemplates ?? [],
    generator: basics.generator,
  };
  return parseDatasetManifest(manifest);
}
