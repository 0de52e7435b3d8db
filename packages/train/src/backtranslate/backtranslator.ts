/**
 * `Backtranslator`: what a back-translation run trains and its checkpoints hold. One
 * `PoseTextTransformer` group per sign language, each with its own output tokenizer (trained from that
 * language's sentences, as the MLSF groups of the pose model), routed by the language code: the paper's
 * back-translation is a separate SLT model per language. Also the frame preparation shared by training
 * and evaluation (stride, counter column) and the conversion of the data pipeline's pose batches.
 */
import {
  BOS_ID,
  ERROR_CODES,
  formatOptions,
  loadTokenizer,
  SignLLMError,
  type Tokenizer,
  type TokenizerJson,
} from '@signllm/core';
import { hashString } from '@signllm/data';
import { FRAME_WIDTH, JOINT_VALUES, type PoseBatch } from '../model/batch-types.ts';
import type { NamedTensor } from '../run/index.ts';
import type { BacktranslationConfig } from './backtranslation-config.ts';
import { type PoseTextBatch, PoseTextTransformer } from './pose-text-transformer.ts';

/** One language group: its output tokenizer and network. */
export interface BacktranslationGroup {
  language: string;
  tokenizer: Tokenizer;
  net: PoseTextTransformer;
}

/** Options of `Backtranslator.translate`. */
export interface TranslateOptions {
  /** 1 (default) = greedy decoding. */
  beamSize?: number;
}

/** Encoder frames of one sequence after the stride and counter settings. */
export interface EncoderFrames {
  frames: number;
  data: Float32Array;
}

/**
 * Frames as the encoder reads them: every `stride`-th frame of a `T × 151` sequence (joints +
 * counter), the counter kept or dropped.
 *
 * @example
 * ```ts
 * encoderFrames(targetFrames(row), { stride: 2, counter: true }).frames; // ceil(T / 2)
 * ```
 */
export function encoderFrames(
  frames151: Float32Array,
  settings: BacktranslationConfig['frames'],
  length = frames151.length / FRAME_WIDTH,
): EncoderFrames {
  const width = settings.counter ? FRAME_WIDTH : JOINT_VALUES;
  const n = Math.ceil(length / settings.stride);
  const data = new Float32Array(n * width);
  for (let i = 0; i < n; i++) {
    const from = i * settings.stride * FRAME_WIDTH;
    data.set(frames151.subarray(from, from + width), i * width);
  }
  return { frames: n, data };
}

/**
 * A `PoseTextBatch` from the data pipeline's `PoseBatch` (built with the group's tokenizer as its
 * "source" encoder and `futurePrediction` 0): the batch's target frames (joints + counter (t+1)/T) are
 * the encoder input; its source tokens (ending in `</s>`) are the decoder output, shifted right behind
 * `<s>` for the decoder input.
 *
 * @example
 * ```ts
 * const batch = toPoseTextBatch(poseBatch, config.frames);
 * ```
 */
export function toPoseTextBatch(batch: PoseBatch, settings: BacktranslationConfig['frames']): PoseTextBatch {
  if (batch.outputWidth !== FRAME_WIDTH) {
    throw new SignLLMError(
      ERROR_CODES.shapeMismatch,
      `pose batch has ${batch.outputWidth}-value targets; back-translation needs ${FRAME_WIDTH} (no future prediction)`,
    );
  }
  const { size, frames: t, sourceLength: l } = batch;
  const width = settings.counter ? FRAME_WIDTH : JOINT_VALUES;
  const lengths = Array.from(batch.lengths, (n) => Math.ceil(n / settings.stride));
  const frames = Math.max(...lengths);
  const poses = new Float32Array(size * frames * width);
  const frameMask = new Float32Array(size * frames);
  for (let b = 0; b < size; b++) {
    const one = encoderFrames(
      batch.target.subarray(b * t * FRAME_WIDTH, (b + 1) * t * FRAME_WIDTH),
      settings,
      batch.lengths[b]!,
    );
    poses.set(one.data, b * frames * width);
    frameMask.fill(1, b * frames, b * frames + one.frames);
  }
  const targetInput = new Int32Array(size * l);
  for (let b = 0; b < size; b++) {
    targetInput[b * l] = BOS_ID;
    targetInput.set(batch.sourceIds.subarray(b * l, (b + 1) * l - 1), b * l + 1);
  }
  return {
    size,
    frames,
    tokens: l,
    inputWidth: width,
    poses,
    frameMask,
    targetInput,
    targetOutput: batch.sourceIds,
    targetMask: batch.sourceMask,
  };
}

/** The JSON part of a back-translation model; weights travel separately. */
export interface BacktranslatorState {
  config: BacktranslationConfig;
  /** Output tokenizer per language. */
  tokenizers: Record<string, TokenizerJson>;
}

/**
 * A pose → text back-translation model (one group per language).
 *
 * @example
 * ```ts
 * const bt = Backtranslator.create(config, { ase: tokenizer }, 27);
 * bt.translate('ase', targetFrames(row)); // 'The mother and love.'
 * ```
 */
export class Backtranslator {
  readonly config: BacktranslationConfig;
  readonly groups: Map<string, BacktranslationGroup> = new Map();

  private constructor(config: BacktranslationConfig) {
    this.config = config;
  }

  /** A fresh model with one group per tokenizer key (language code); group seeds are hash(seed, language). */
  static create(
    config: BacktranslationConfig,
    tokenizers: Record<string, Tokenizer>,
    seed: number,
  ): Backtranslator {
    const model = new Backtranslator(config);
    const inputWidth = config.frames.counter ? FRAME_WIDTH : JOINT_VALUES;
    for (const language of Object.keys(tokenizers).sort()) {
      const tokenizer = tokenizers[language]!;
      model.groups.set(language, {
        language,
        tokenizer,
        net: new PoseTextTransformer({
          prefix: `bt-${language}`,
          sizes: config.architecture,
          inputWidth,
          targetVocabSize: tokenizer.vocabSize,
          seed: hashString(`${seed}:backtranslation:${language}`),
        }),
      });
    }
    return model;
  }

  /** Rebuilds a model from its JSON state (then `loadWeights`). */
  static fromState(state: BacktranslatorState): Backtranslator {
    const tokenizers: Record<string, Tokenizer> = {};
    for (const [language, json] of Object.entries(state.tokenizers))
      tokenizers[language] = loadTokenizer(json);
    return Backtranslator.create(state.config, tokenizers, 0);
  }

  /** Languages served, sorted. */
  get languages(): string[] {
    return [...this.groups.keys()];
  }

  /** The group of `language`; `unknown_language` naming the served ones otherwise. */
  groupFor(language: string): BacktranslationGroup {
    const group = this.groups.get(language);
    if (!group) {
      throw new SignLLMError(
        ERROR_CODES.unknownLanguage,
        `The back-translation model has no group for language "${language}"; it serves ${formatOptions(this.languages)}`,
        { details: { value: language, options: this.languages } },
      );
    }
    return group;
  }

  /**
   * Back-translates one pose sequence of `language` (`T × 151` values: 150 joint values and the
   * progress counter per frame, as `targetFrames` and pose generation give them).
   */
  translate(language: string, frames151: Float32Array, options: TranslateOptions = {}): string {
    const group = this.groupFor(language);
    const input = encoderFrames(frames151, this.config.frames);
    const ids = group.net.decode(input.data, {
      maxLength: this.config.architecture.maxTokens,
      beamSize: options.beamSize ?? 1,
    });
    return group.tokenizer.decode(ids);
  }

  /** JSON state: config and tokenizers. */
  state(): BacktranslatorState {
    const tokenizers: Record<string, TokenizerJson> = {};
    for (const [language, group] of this.groups) tokenizers[language] = group.tokenizer.toJSON();
    return { config: this.config, tokenizers };
  }

  /** All weights, named `bt-<language>/...`. */
  toWeights(): NamedTensor[] {
    return [...this.groups.values()].flatMap((g) => g.net.params.toWeights());
  }

  /** Loads weights written by `toWeights`; a missing, extra or mis-shaped weight is a `shape_mismatch`. */
  loadWeights(weights: readonly NamedTensor[]): void {
    const known = new Set([...this.groups.values()].flatMap((g) => g.net.params.names()));
    const extra = weights.find((w) => !known.has(w.name));
    if (extra) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `weight "${extra.name}" is not a parameter of this model`,
      );
    }
    for (const group of this.groups.values()) {
      const names = new Set(group.net.params.names());
      group.net.params.loadWeights(weights.filter((w) => names.has(w.name)));
    }
  }

  /** Parameters in total. */
  parameterCount(): number {
    let n = 0;
    for (const group of this.groups.values()) n += group.net.count();
    return n;
  }

  /** Frees every variable. */
  dispose(): void {
    for (const group of this.groups.values()) group.net.dispose();
  }
}
