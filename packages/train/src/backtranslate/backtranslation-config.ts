/**
 * The configuration of a back-translation run (`signllm-train backtranslate train`): a pose → text (or
 * gloss) model in the Progressive-Transformers lineage (PT's back-translation model is an SLT
 * transformer trained on ground-truth poses). Schema first: the zod schema below is the one source of
 * the fields, their defaults and their meaning; the TypeScript types are inferred from it. Optimiser,
 * data-loading and backend settings have the names and defaults of the training config's.
 */
import { readFile } from 'node:fs/promises';
import { ERROR_CODES, parseWith, SignLLMError, TOKENIZER_KINDS, TRAIN_BACKENDS } from '@signllm/core';
import { z } from 'zod';

/**
 * The dataset column a back-translation model learns to write.
 *
 * @example
 * ```ts
 * BACKTRANSLATION_TARGETS; // ['text', 'gloss']
 * ```
 */
export const BACKTRANSLATION_TARGETS = ['text', 'gloss'] as const;

/** One of `BACKTRANSLATION_TARGETS`. */
export type BacktranslationTarget = (typeof BACKTRANSLATION_TARGETS)[number];

const count = (max: number) => z.number().int().positive().max(max);

/** Sizes of the pose-encoder / token-decoder transformer. */
const BacktranslationArchitectureSchema = z
  .strictObject({
    /** Encoder layers over the pose frames. */
    encoderLayers: count(64).default(2).describe('Encoder layers over the pose frames'),
    /** Decoder layers over the output tokens. */
    decoderLayers: count(64).default(2).describe('Decoder layers over the output tokens'),
    /** Width of every hidden state. */
    dModel: count(8192).default(256).describe('Width of the hidden states'),
    /** Attention heads; must divide dModel. */
    heads: count(256).default(4).describe('Attention heads per layer; must divide dModel'),
    /** Hidden size of the feed-forward blocks. */
    ffnSize: count(65_536).default(1024).describe('Hidden size of the feed-forward blocks'),
    /** Dropout rate while training. */
    dropout: z.number().min(0).lt(1).default(0.1).describe('Dropout rate in [0, 1)'),
    /** Longest sentence in tokens (`</s>` included): training targets are cut there, decoding stops there. */
    maxTokens: count(4096)
      .default(64)
      .describe('Longest output in tokens, </s> included: longer targets are cut, decoding stops there'),
  })
  .refine((a) => a.dModel % a.heads === 0, {
    error: 'dModel must be divisible by heads',
    path: ['heads'],
  });

/** How pose frames are fed to the encoder. */
const BacktranslationFramesSchema = z.strictObject({
  /** Read every n-th frame (1 = all); shortens long sequences (attention is quadratic in frames). */
  stride: count(64).default(1).describe('Read every n-th frame (1 = every frame)'),
  /** Feed the progress counter with the 150 joint values (151 values a frame), or the joints only. */
  counter: z
    .boolean()
    .default(true)
    .describe('Feed the progress counter with the 150 joint values (151 per frame); false = joints only'),
});

/** The output tokenizer, trained per language from the training split when a run starts. */
const BacktranslationTokenizerSchema = z.strictObject({
  /**
   * `subword` (BPE; punctuation is split off words, so "Hund," and "Hund" share their tokens) or `word`
   * (whitespace words, punctuation attached). On the synthetic benchmark, word-level outputs lost
   * points to punctuation variants of one word, hence the default.
   */
  kind: z
    .enum(TOKENIZER_KINDS)
    .default('subword')
    .describe('"subword" (BPE, punctuation split off) or "word" (whitespace words)'),
  /** Vocabulary size, the four specials included. */
  vocabSize: count(1_000_000).default(4000).describe('Vocabulary size, special tokens included'),
  /** Lowercase before tokenizing; BLEU is case-sensitive, so the default keeps case. */
  lowercase: z
    .boolean()
    .default(false)
    .describe('Lowercase before tokenizing (BLEU is case-sensitive, so the default keeps case)'),
});

/** Adam settings (as the training config's `optimiser`). */
const BacktranslationOptimiserSchema = z.strictObject({
  /** Adam beta1 and beta2. */
  betas: z
    .tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)])
    .default((): [number, number] => [0.9, 0.999])
    .describe('Adam beta1 and beta2, each in [0, 1)'),
  /** Adam epsilon. */
  epsilon: z.number().positive().max(1).default(1e-8).describe('Adam epsilon'),
  /** Decoupled weight decay (AdamW). */
  weightDecay: z.number().min(0).max(1).default(0).describe('Decoupled weight decay (AdamW); 0 = off'),
});

/** How training data is streamed (as the training config's `loading`). */
const BacktranslationLoadingSchema = z.strictObject({
  /** Shards shuffled together; batches are length-bucketed within a pool. */
  poolShards: count(1_000_000).default(8).describe('Shards shuffled together (length-bucketing window)'),
  /** Decoded shards kept in memory at once. */
  maxCachedShards: count(1_000_000).default(16).describe('Decoded shards kept in memory at once'),
  /** Training sequences longer than this many frames are skipped. */
  maxFrames: count(100_000)
    .default(400)
    .describe('Training sequences longer than this many frames are skipped'),
});

/** Validation during training: greedy back-translation BLEU-4 on ground-truth poses. */
const BacktranslationValidationSchema = z.strictObject({
  /** Split validated on (skipped when the dataset lacks it). */
  split: z.string().min(1).default('dev').describe('Dataset split validated on'),
  /** Validate on the first this many clean rows of the split. */
  maxSequences: count(1_000_000).default(20).describe('Validate on the first this many rows of the split'),
});

/**
 * A back-translation run: the dataset and run folder, the target column, the model, its tokenizer, how
 * frames are read and the optimisation. Strict: unknown keys are errors.
 *
 * @example
 * ```ts
 * const config = parseWith(BacktranslationConfigSchema, { data: 'd', outDir: 'runs/bt', steps: 500 }, 'config');
 * config.target; // 'text'
 * ```
 */
export const BacktranslationConfigSchema = z.strictObject({
  /** Dataset folder written by `signllm-data build` / `synth`. */
  data: z.string().min(1).describe('Dataset folder (with manifest.json)'),
  /** Run folder: checkpoints, metrics.jsonl, metrics.svg, config.json. */
  outDir: z.string().min(1).describe('Run folder for checkpoints and logs'),
  /** Column the model writes: the sentence (`text`, the paper's setting) or the gloss. */
  target: z
    .enum(BACKTRANSLATION_TARGETS)
    .default('text')
    .describe('Column the model writes: "text" (the paper\'s back-translation) or "gloss"'),
  /** Languages to train, one encoder–decoder group each; default every language of the train split. */
  languages: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Languages to train (one group each); default: every language of the train split'),
  architecture: BacktranslationArchitectureSchema.prefault({}).describe('Transformer sizes'),
  tokenizer: BacktranslationTokenizerSchema.prefault({}).describe('Output tokenizer (one per language)'),
  frames: BacktranslationFramesSchema.prefault({}).describe('How pose frames are fed to the encoder'),
  /** Optimiser steps. */
  steps: count(100_000_000).default(3000).describe('Optimiser steps'),
  /** Sequences per batch (one language per batch). */
  batchSize: count(65_536).default(32).describe('Sequences per batch (one language per batch)'),
  /** Adam's learning rate (constant). */
  learningRate: z.number().positive().max(10).default(1e-3).describe('Learning rate (constant)'),
  optimiser: BacktranslationOptimiserSchema.prefault({}).describe('Adam settings'),
  /** Clip the global gradient norm to this; 0 = off. */
  gradClip: z.number().min(0).max(1e6).default(5).describe('Clip the global gradient norm; 0 = off'),
  /** Seed of initialisation, shuffling and dropout. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(27)
    .describe('Seed of initialisation, shuffling and dropout'),
  /** Log the mean loss every this many steps. */
  logEvery: count(1_000_000_000).default(10).describe('Log the mean loss every this many steps'),
  /** Write a checkpoint every this many steps (and at the end). */
  checkpointEvery: count(1_000_000_000).default(500).describe('Write a checkpoint every this many steps'),
  /** Checkpoints kept (the newest). */
  keepCheckpoints: count(1000).default(2).describe('Checkpoints kept (the newest)'),
  /** Validate (greedy BLEU-4 on ground-truth poses) every this many steps; 0 = never. */
  validateEvery: z
    .number()
    .int()
    .min(0)
    .default(500)
    .describe('Validate (greedy BLEU-4 on ground-truth poses) every this many steps; 0 = never'),
  validation: BacktranslationValidationSchema.prefault({}).describe('Validation during training'),
  /** Also train on rows flagged noisy by the data pipeline (their poses are corrupted). */
  includeNoisy: z
    .boolean()
    .default(false)
    .describe('Also train on rows flagged noisy (their poses are corrupted); default false'),
  loading: BacktranslationLoadingSchema.prefault({}).describe('Data streaming and length bucketing'),
  /** TensorFlow.js backend; `auto` tries tfjs-node-gpu, tfjs-node, wasm, cpu. */
  backend: z.enum(TRAIN_BACKENDS).default('auto').describe('TensorFlow.js backend ("auto": best available)'),
});

/** A validated back-translation config (defaults filled). */
export type BacktranslationConfig = z.infer<typeof BacktranslationConfigSchema>;

/** A back-translation config as written (fields with defaults may be left out). */
export type BacktranslationConfigInput = z.input<typeof BacktranslationConfigSchema>;

/** Command-line flags that override the config file. */
export interface BacktranslationOverrides {
  data?: string | undefined;
  outDir?: string | undefined;
  target?: BacktranslationTarget | undefined;
  steps?: number | undefined;
  seed?: number | undefined;
  backend?: string | undefined;
}

const MAX_CONFIG_BYTES = 1 << 20;

/**
 * Reads an optional JSON config file, applies the flag overrides (flags win) and validates the result.
 *
 * @throws SignLLMError `invalid_argument` (unreadable file), `format_invalid` (not JSON), `schema_invalid`.
 * @example
 * ```ts
 * const config = await loadBacktranslationConfig('bt.json', { data: 'datasets/synth', outDir: 'runs/bt' });
 * ```
 */
export async function loadBacktranslationConfig(
  path: string | undefined,
  overrides: BacktranslationOverrides = {},
): Promise<BacktranslationConfig> {
  let raw: unknown = {};
  if (path !== undefined) {
    let text: string;
    try {
      const bytes = await readFile(path);
      if (bytes.length > MAX_CONFIG_BYTES) {
        throw new SignLLMError(ERROR_CODES.tooLarge, `config ${path} is over ${MAX_CONFIG_BYTES} bytes`);
      }
      text = bytes.toString('utf8');
    } catch (error) {
      if (SignLLMError.isInstance(error)) throw error;
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `config ${path} cannot be read: ${(error as Error).message}`,
        { cause: error },
      );
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `config ${path} is not valid JSON: ${(error as Error).message}`,
        { cause: error },
      );
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      throw new SignLLMError(ERROR_CODES.schemaInvalid, `config ${path}: expected a JSON object`);
    }
  }
  const merged: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) merged[key] = value;
  return parseWith(BacktranslationConfigSchema, merged, 'back-translation config');
}
