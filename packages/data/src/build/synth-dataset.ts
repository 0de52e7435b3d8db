/**
 * `synthDataset`: writes a seeded synthetic multilingual corpus (see `synth/`) as a dataset folder,
 * streaming sample by sample, so any size fits in memory bounded by one shard per split.
 */
import { basename } from 'node:path';
import type { DatasetManifest } from '@signllm/core';
import { DatasetWriter } from '../dataset/index.ts';
import { type Progress, silentProgress } from '../progress/index.ts';
import { PROMPT_TEMPLATES } from '../prompts/index.ts';
import { createSynthCorpus, type SynthOptions } from '../synth/index.ts';
import { DEFAULT_SPLITS, type SplitRatios } from './assign-split.ts';
import { finishRow } from './finish-row.ts';
import { TOOL_VERSION } from './tool-version.ts';

/** Samples per journal input key. */
const SYNTH_BLOCK = 64;

/** Options of `synthDataset`: the generator's plus where and how to write. */
export interface SynthDatasetOptions extends SynthOptions {
  /** Dataset folder. */
  out: string;
  /** Split shares (default train 0.8 / dev 0.1 / test 0.1). */
  splits?: SplitRatios;
  /** Rows per shard (default 128). */
  shardRows?: number;
  /** Replace a dataset already in `out`. */
  overwrite?: boolean;
  /** Continue an unfinished run in `out` (default true). */
  resume?: boolean;
  /** Dataset name (default: the folder name). */
  name?: string;
  /** The command line, recorded in the manifest. */
  command?: string;
  /** Progress sink (default silent). */
  progress?: Progress;
}

/**
 * Generates and writes a synthetic dataset.
 *
 * @example
 * ```ts
 * const manifest = await synthDataset({ out: 'datasets/synth', languages: ['ase', 'gsg'], sequences: 1000, seed: 1 });
 * manifest.splits.train?.sequences; // about 800
 * ```
 */
export async function synthDataset(options: SynthDatasetOptions): Promise<DatasetManifest> {
  const progress = options.progress ?? silentProgress;
  const corpus = createSynthCorpus(options);
  const resolved = corpus.options;
  const writer = await DatasetWriter.open(options.out, {
    name: options.name ?? basename(options.out),
    skeleton: 'prompt2sign-50',
    dims: 3,
    fps: resolved.fps,
    normalisation: { method: 'signllm', parameters: {} },
    sources: [
      {
        name: 'signllm-synth',
        kind: 'synthetic',
        licence: 'CC0-1.0',
        provenance: `signllm-data synth: languages ${resolved.languages.join(',')}, ${resolved.sequences} sequences, seed ${resolved.seed}, noisy ${resolved.noisy}`,
        languages: [...resolved.languages].sort(),
        sequences: resolved.sequences,
      },
    ],
    promptTemplates: [...resolved.languages]
      .sort()
      .map((language) => ({ language, templates: [...(PROMPT_TEMPLATES[language] ?? [])] })),
    generator: { tool: 'signllm-data', version: TOOL_VERSION, seed: resolved.seed, command: options.command },
    shardRows: options.shardRows,
    resume: options.resume ?? true,
    overwrite: options.overwrite,
  });
  const splits = options.splits ?? DEFAULT_SPLITS;
  progress.setTotal(resolved.sequences);
  for (let i = 0; i < resolved.sequences; i++) {
    // Samples are journaled in blocks (one input key per block keeps the journal small); a resumed
    // run skips finished blocks without generating them, and the writer skips rows already stored.
    const block = `synth-block-${Math.floor(i / SYNTH_BLOCK)}`;
    if (writer.completedInputKeys.has(block)) {
      progress.tick();
      continue;
    }
    const { sample } = corpus.sample(i);
    await writer.add(finishRow(sample, { seed: resolved.seed, splits }), block);
    progress.tick();
  }
  const manifest = await writer.close();
  progress.done({ sequences: resolved.sequences });
  return manifest;
}
