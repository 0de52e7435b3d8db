import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/signllm-error.ts';
import { expectError, thrown } from '../test-support/errors.ts';
import { schemaExample } from '../test-support/schema-example.ts';
import { describeWithData, readDataText } from '../test-support/shared-data.ts';
import {
  checkDatasetFormatVersion,
  DATASET_FORMAT_VERSION,
  type DatasetManifestInput,
  parseDatasetManifest,
} from './dataset-manifest.ts';

const example = (): DatasetManifestInput => schemaExample('dataset-manifest');

const invalid = (value: unknown): string =>
  expectError(() => parseDatasetManifest(value), ERROR_CODES.schemaInvalid).message;

describe('DatasetManifestSchema', () => {
  it('parses the example manifest', () => {
    const m = parseDatasetManifest(example());
    expect(m.formatVersion).toBe(DATASET_FORMAT_VERSION);
    expect(Object.keys(m.splits)).toEqual(['train', 'dev']);
    expect(m.splits.train?.shards[0]?.path).toBe('train/shard-00000.parquet');
    expect(m.sources[0]?.kind).toBe('real');
  });

  it('fills defaults: promptTemplates, normalisation parameters, source kind', () => {
    const { promptTemplates: _, ...rest } = example();
    const input = {
      ...rest,
      normalisation: { method: 'none' },
      sources: [{ name: 's', licence: 'MIT', provenance: 'p' }],
    };
    const m = parseDatasetManifest(input);
    expect(m.promptTemplates).toEqual([]);
    expect(m.normalisation).toEqual({ method: 'none', parameters: {} });
    expect(m.sources[0]?.kind).toBe('real');
  });

  it('drops unknown keys (strip mode), so newer 1.x manifests stay readable', () => {
    const m = parseDatasetManifest({ ...example(), formatVersion: '1.4.0', futureField: { a: 1 } });
    expect(m).not.toHaveProperty('futureField');
    expect(m.formatVersion).toBe('1.4.0');
  });

  it('names the bad field', () => {
    expect(invalid({ ...example(), dims: 4 })).toBe('dataset manifest: dims: expected 2 or 3, got 4');
    expect(invalid({ ...example(), fps: 0 })).toBe(
      'dataset manifest: fps: expected a positive number, got 0',
    );
    expect(invalid({ ...example(), created: 'yesterday' })).toContain(
      'created: expected an ISO 8601 date-time',
    );
    expect(invalid({ ...example(), skeleton: 'Prompt2Sign 50' })).toContain(
      'skeleton: expected a skeleton name',
    );
    const badShard = example();
    const shard = badShard.splits.train?.shards[0];
    if (shard) shard.sha256 = 'ABC';
    expect(invalid(badShard)).toBe(
      'dataset manifest: splits.train.shards[0].sha256: expected a sha256 digest of 64 lowercase hex digits, got "ABC"',
    );
  });

  it('refuses shard paths that leave the dataset folder or are not Parquet', () => {
    for (const [path, why] of [
      ['../secrets.parquet', 'no ".." segments'],
      ['/etc/shard.parquet', 'not an absolute one'],
      ['C:/shard.parquet', 'not a drive path'],
      ['train\\shard.parquet', 'as the path separator'],
      ['train//shard.parquet', 'without empty or "." segments'],
      ['train/shard.csv', 'ending in ".parquet"'],
    ] as const) {
      const m = example();
      const shard = m.splits.dev?.shards[0];
      if (shard) shard.path = path;
      expect(invalid(m)).toContain(why);
    }
  });

  it('checks that counts add up and that codes and shards are unique', () => {
    const counts = example();
    const language = counts.languages[0];
    if (language) language.frames = 1000;
    expect(invalid(counts)).toBe(
      'dataset manifest: languages: frames per language add up to 1000 but frames per split add up to 1172',
    );
    const twice = example();
    twice.languages.push({ code: 'gsg', sequences: 0, frames: 0 });
    expect(invalid(twice)).toContain('language "gsg" is listed twice');
    const sameShard = example();
    const dev = sameShard.splits.dev?.shards[0];
    if (dev) dev.path = 'train/shard-00000.parquet';
    expect(invalid(sameShard)).toContain('shard "train/shard-00000.parquet" is listed twice');
  });

  it('rejects bad split names and empty split sets', () => {
    const m = example();
    expect(invalid({ ...m, splits: { Train: m.splits.train } })).toContain(
      'splits.Train: invalid key: expected a split name',
    );
    expect(invalid({ ...m, splits: {} })).toContain('splits: expected at least one split');
  });

  it('accepts huge strings within the limits and rejects them beyond', () => {
    const atLimit = { ...example(), name: 'n'.repeat(200) };
    expect(parseDatasetManifest(atLimit).name).toHaveLength(200);
    expect(invalid({ ...example(), name: 'n'.repeat(5_000_000) })).toBe(
      'dataset manifest: name: expected at most 200 characters, got 5000000 characters',
    );
  });
});

describe('dataset format version', () => {
  it('reads every 1.x and refuses other majors before looking at fields', () => {
    expect(checkDatasetFormatVersion('1.9.3')).toEqual({
      major: 1,
      minor: 9,
      patch: 3,
      prerelease: undefined,
    });
    const future = thrown(() => parseDatasetManifest({ formatVersion: '2.0.0', shards: 'elsewhere' }));
    expect(future.code).toBe(ERROR_CODES.unsupportedVersion);
    expect(future.message).toContain('dataset manifest has format version "2.0.0", which is newer');
    expect(thrown(() => parseDatasetManifest({ ...example(), formatVersion: 'one' })).message).toContain(
      'formatVersion: expected a semantic version like "1.0.0", got "one"',
    );
  });
});

describeWithData('example manifest against the real PHOENIX sample', () => {
  it('has the sequence and frame counts of the .skels files (151 values a frame)', () => {
    const m = parseDatasetManifest(example());
    for (const split of ['train', 'dev']) {
      const lines = readDataText('phoenix14t-sample', `${split}.skels`).trim().split('\n');
      const frames = lines.map((line) => line.trim().split(/\s+/).length / 151);
      for (const f of frames) expect(Number.isInteger(f)).toBe(true);
      expect(m.splits[split]?.sequences).toBe(lines.length);
      expect(m.splits[split]?.frames).toBe(frames.reduce((a, b) => a + b, 0));
    }
  });
});
