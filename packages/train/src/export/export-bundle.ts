/**
 * `signllm-train export`: a trained run (or checkpoint) → a model bundle folder (bundle.json, tokenizer
 * JSON, ONNX encoder and decoder-step graphs; docs/architecture/model-bundle.md). MLSF runs give one
 * graph pair per language; a Prompt2LangGloss stage 2 run gives the shared LangGloss → pose pair, and
 * with its stage 1 run also the text → LangGloss pair. The folder is written next to its destination
 * and renamed into place, so a failed export leaves nothing half-written.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  BUNDLE_FORMAT_VERSION,
  type BundleManifest,
  type BundleManifestInput,
  type DatasetManifest,
  ERROR_CODES,
  parseBundleManifest,
  SignLLMError,
  type Tokenizer,
} from '@signllm/core';
import { openDataset } from '@signllm/data';
import type { NamedTensor } from '../run/index.ts';
import { loadRunCheckpoint } from '../train/load-model.ts';
import { outputWidthOf, SHARED_GROUP, type SignModel } from '../train/sign-model.ts';
import type { TrainerState } from '../train/trainer-state.ts';
import { modelCardFor } from './model-card.ts';
import {
  buildEncoderGraph,
  buildPoseDecoderStepGraph,
  buildTokenDecoderStepGraph,
  type GraphSpec,
} from './model-graphs.ts';
import { ONNX_IR_VERSION, ONNX_OPSET } from './onnx-builder.ts';
import type { WeightFormat } from './transformer-graph.ts';

/** Options of `exportBundle`. */
export interface ExportBundleOptions {
  /** Run folder or checkpoint folder of an MLSF or Prompt2LangGloss stage 2 run. */
  checkpoint: string;
  /** Bundle folder to write. */
  out: string;
  /** Stage 1 (prompt → LangGloss) run to include in a Prompt2LangGloss bundle. */
  text2gloss?: string;
  /** Dataset the run was trained on (default: the run's config `data`), for fps, normalisation, licences. */
  data?: string;
  /** Model name for the card (default: the run folder's name). */
  name?: string;
  /** Licence of the weights (default: the training data's licences). */
  licence?: string;
  /** Replace an existing bundle folder. */
  overwrite?: boolean;
  /** Weight format of the matrix products (default float32: frames equal to TensorFlow.js's). */
  weights?: 'float32' | 'int8';
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What `exportBundle` wrote. */
export interface ExportBundleResult {
  out: string;
  manifest: BundleManifest;
  /** Bytes of all files. */
  bytes: number;
}

function fail(message: string): SignLLMError {
  return new SignLLMError(ERROR_CODES.invalidArgument, message);
}

function weightMap(weights: readonly NamedTensor[]): Map<string, NamedTensor> {
  return new Map(weights.map((w) => [w.name, w]));
}

function specOf(model: SignModel, prefix: string, decoderRows: number, format: WeightFormat): GraphSpec {
  const a = model.config.architecture;
  return {
    prefix,
    format,
    dModel: a.dModel,
    heads: a.heads,
    encoderLayers: a.encoderLayers,
    decoderLayers: a.decoderLayers,
    maxSourceLength: a.maxSourceLength,
    maxTargetLength: decoderRows,
  };
}

class BundleWriter {
  readonly files: Array<{ path: string; sha256: string; bytes: number }> = [];
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async write(path: string, bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }> {
    const full = join(this.dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.files.push({ path, sha256, bytes: bytes.byteLength });
    return { sha256, sizeBytes: bytes.byteLength };
  }

  async tokenizer(
    path: string,
    tokenizer: Tokenizer,
  ): Promise<{ sha256: string; kind: Tokenizer['kind']; vocabSize: number }> {
    const written = await this.write(
      path,
      new TextEncoder().encode(`${JSON.stringify(tokenizer.toJSON())}\n`),
    );
    return { sha256: written.sha256, kind: tokenizer.kind, vocabSize: tokenizer.vocabSize };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function readDatasetManifest(path: string | undefined, run: string): Promise<DatasetManifest> {
  if (path === undefined) {
    throw fail(`The run in ${run} does not name its dataset; pass --data <dataset>`);
  }
  try {
    return (await openDataset(path)).manifest;
  } catch (error) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Cannot read the dataset ${path} the run was trained on (${(error as Error).message}); pass --data <dataset> with its manifest.json`,
      { cause: error },
    );
  }
}

/**
 * Exports a trained run as a model bundle.
 *
 * @example
 * ```ts
 * const { manifest } = await exportBundle({ checkpoint: 'runs/tiny-mlsf', out: 'bundles/tiny-mlsf' });
 * ```
 */
export async function exportBundle(options: ExportBundleOptions): Promise<ExportBundleResult> {
  const log = options.log ?? (() => {});
  const out = resolve(options.out);
  if ((await exists(out)) && !options.overwrite) {
    throw fail(`${options.out} already exists; pass --overwrite to replace it`);
  }
  const { model, checkpoint } = await loadRunCheckpoint(options.checkpoint);
  const stage1 = options.text2gloss === undefined ? undefined : await loadRunCheckpoint(options.text2gloss);
  try {
    const mode = model.config.mode;
    if (mode === 'p2lg-stage1') {
      throw fail(
        `${options.checkpoint} is a Prompt2LangGloss stage 1 run (prompt → LangGloss); export its stage 2 run and pass this one as --text2gloss`,
      );
    }
    if (stage1 && (mode !== 'p2lg-stage2' || !stage1.model.tokenModel)) {
      throw fail(
        mode !== 'p2lg-stage2'
          ? '--text2gloss goes with a Prompt2LangGloss stage 2 run, not an MLSF run'
          : `${options.text2gloss} is not a stage 1 (prompt → LangGloss) run`,
      );
    }
    const state = checkpoint.state as Partial<TrainerState>;
    const dataset = await readDatasetManifest(options.data ?? state.config?.data, options.checkpoint);
    const staging = `${out}.partial-${process.pid}`;
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    try {
      const writer = new BundleWriter(staging);
      const manifest = await writeContents(writer, model, stage1?.model, { dataset, state, options, log });
      await writeFile(join(staging, 'bundle.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      if (await exists(out)) await rm(out, { recursive: true, force: true });
      await rename(staging, out);
      const bytes = writer.files.reduce((n, f) => n + f.bytes, 0);
      log(
        `signllm-train export: wrote ${options.out} (${writer.files.length} files, ${(bytes / 1e6).toFixed(2)} MB)`,
      );
      return { out, manifest, bytes };
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  } finally {
    model.dispose();
    stage1?.model.dispose();
  }
}

interface ExportContext {
  dataset: DatasetManifest;
  state: Partial<TrainerState>;
  options: ExportBundleOptions;
  log: (line: string) => void;
}

async function writeContents(
  writer: BundleWriter,
  model: SignModel,
  stage1: SignModel | undefined,
  ctx: ExportContext,
): Promise<BundleManifest> {
  const config = model.config;
  const a = config.architecture;
  const format = ctx.options.weights ?? 'float32';
  const tokenizers: BundleManifestInput['tokenizers'] = [];
  const models: BundleManifestInput['models'] = [];
  const shared = model.groups.get(SHARED_GROUP);
  const languages = shared ? [...config.languages] : [...model.groups.keys()];
  for (const group of model.groups.values()) {
    const language = group.key === SHARED_GROUP ? undefined : group.key;
    const folder = language ?? 'pose';
    ctx.log(`signllm-train export: graphs of ${language ?? 'the shared LangGloss → pose model'}`);
    const weights = weightMap(group.net.params.toWeights());
    const spec = specOf(model, group.net.prefix, a.maxTargetLength, format);
    const encoder = await writer.write(`${folder}/encoder.onnx`, buildEncoderGraph(weights, spec));
    models.push({
      path: `${folder}/encoder.onnx`,
      role: 'encoder',
      ...encoder,
      ...(language ? { language } : {}),
    });
    const step = buildPoseDecoderStepGraph(weights, {
      ...spec,
      justCounter: config.augmentations.justCounter,
      outputWidth: outputWidthOf(config),
    });
    const stepFile = await writer.write(`${folder}/decoder-step.onnx`, step);
    models.push({
      path: `${folder}/decoder-step.onnx`,
      role: 'decoder-step',
      ...stepFile,
      ...(language ? { language } : {}),
    });
    const path = `tokenizers/${language ?? 'langgloss'}.json`;
    const t = await writer.tokenizer(path, group.tokenizer);
    tokenizers.push({
      path,
      role: language ? 'source' : 'langgloss',
      ...t,
      ...(language ? { language } : {}),
    });
  }
  let text2gloss: BundleManifestInput['decoding']['text2gloss'];
  const tm = stage1?.tokenModel;
  if (stage1 && tm) {
    ctx.log('signllm-train export: graphs of the text → LangGloss model');
    const s = stage1.config.architecture;
    const rows = Math.max(s.maxSourceLength, s.maxTargetLength);
    const weights = weightMap(tm.net.params.toWeights());
    const spec = specOf(stage1, tm.net.prefix, rows, format);
    const enc = await writer.write('text2gloss/encoder.onnx', buildEncoderGraph(weights, spec));
    models.push({ path: 'text2gloss/encoder.onnx', role: 'text2gloss-encoder', ...enc });
    const dec = await writer.write('text2gloss/decoder-step.onnx', buildTokenDecoderStepGraph(weights, spec));
    models.push({ path: 'text2gloss/decoder-step.onnx', role: 'text2gloss-decoder-step', ...dec });
    tokenizers.push({
      path: 'tokenizers/text.json',
      role: 'source',
      ...(await writer.tokenizer('tokenizers/text.json', tm.source)),
    });
    const poseVocabulary = shared?.tokenizer.toJSON();
    if (JSON.stringify(tm.target.toJSON()) !== JSON.stringify(poseVocabulary)) {
      const target = await writer.tokenizer('tokenizers/text2gloss-target.json', tm.target);
      tokenizers.push({ path: 'tokenizers/text2gloss-target.json', role: 'text2gloss-target', ...target });
    }
    text2gloss = {
      input: stage1.input,
      dModel: s.dModel,
      heads: s.heads,
      decoderLayers: s.decoderLayers,
      maxSourceLength: s.maxSourceLength,
      maxLength: s.maxSourceLength,
    };
  }
  const templates = ctx.dataset.promptTemplates.filter((t) => languages.includes(t.language));
  return parseBundleManifest({
    formatVersion: BUNDLE_FORMAT_VERSION,
    mode: shared ? 'p2lg' : 'mlsf',
    languages,
    skeleton: ctx.dataset.skeleton,
    fps: ctx.dataset.fps,
    normalisation: ctx.dataset.normalisation,
    tokenizers,
    models,
    onnx: { opset: ONNX_OPSET, irVersion: ONNX_IR_VERSION, weights: format },
    decoding: {
      pose: {
        input: model.input,
        dModel: a.dModel,
        heads: a.heads,
        decoderLayers: a.decoderLayers,
        maxSourceLength: a.maxSourceLength,
        maxTargetLength: a.maxTargetLength,
        frameWidth: 151,
        stopCounter: config.stopCounter,
      },
      ...(text2gloss ? { text2gloss } : {}),
    },
    ...(templates.length > 0
      ? { promptTemplates: Object.fromEntries(templates.map((t) => [t.language, t.templates])) }
      : {}),
    modelCard: modelCardFor({
      name: ctx.options.name ?? basename(resolve(ctx.options.checkpoint)),
      licence: ctx.options.licence,
      dataset: ctx.dataset,
      state: ctx.state,
      stage1: stage1 !== undefined,
      parameters: model.parameterCount() + (stage1?.parameterCount() ?? 0),
    }),
    created: new Date().toISOString(),
  });
}
