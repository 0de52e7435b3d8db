/**
 * `SignModel`: what a run trains and a checkpoint holds. MLSF: one `PoseTransformer` group per
 * language, each with its own source tokenizer, routed by the language code (groups are independent:
 * adding one leaves the others' weights untouched). Prompt2LangGloss stage 2: one shared group (`*`)
 * over LangGloss tokens. Stage 1: a `TokenTransformer` (prompt → LangGloss) with two tokenizers.
 */
import {
  defaultModelInput,
  ERROR_CODES,
  formatOptions,
  loadTokenizer,
  type ModelConfig,
  type ModelInput,
  SignLLMError,
  type Tokenizer,
  type TokenizerJson,
} from '@signllm/core';
import { hashString } from '@signllm/data';
import { JOINT_VALUES } from '../model/batch-types.ts';
import { PoseTransformer } from '../model/pose-transformer.ts';
import { TokenTransformer } from '../model/token-transformer.ts';
import type { NamedTensor } from '../run/index.ts';

/** Key of the single group of a shared (Prompt2LangGloss stage 2) model. */
export const SHARED_GROUP = '*';

/** One pose group: a tokenizer and its encoder–decoder. */
export interface PoseGroup {
  /** Language code (MLSF) or `*` (shared). */
  key: string;
  tokenizer: Tokenizer;
  net: PoseTransformer;
}

/** Stage 1 of Prompt2LangGloss: prompt tokens → LangGloss tokens. */
export interface TokenModel {
  source: Tokenizer;
  target: Tokenizer;
  net: TokenTransformer;
}

/** The JSON part of a model (config + tokenizers); weights travel separately. */
export interface SignModelState {
  config: ModelConfig;
  /** Tokenizers by group key (pose modes) or `source` / `target` (stage 1). */
  tokenizers: Record<string, TokenizerJson>;
}

/** Values per output frame: joints × future frames + 1 counter. */
export function outputWidthOf(config: ModelConfig): number {
  return JOINT_VALUES * Math.max(1, config.augmentations.futurePrediction) + 1;
}

function groupSeed(seed: number, key: string): number {
  return hashString(`${seed}:group:${key}`);
}

/** A trainable SignLLM model. */
export class SignModel {
  readonly config: ModelConfig;
  readonly input: ModelInput;
  readonly groups: Map<string, PoseGroup> = new Map();
  tokenModel: TokenModel | undefined;

  private constructor(config: ModelConfig) {
    this.config = config;
    this.input = config.input ?? defaultModelInput(config.mode);
  }

  /**
   * A fresh model. `tokenizers` maps each group key (language code for MLSF, `*` for stage 2) to its
   * tokenizer, or holds `source` and `target` for stage 1. Each group is initialised from
   * hash(seed, key), so the same language gets the same initial weights whatever else is in the model.
   *
   * @example
   * ```ts
   * const model = SignModel.create(config, { ase: tokenizer }, 27);
   * ```
   */
  static create(config: ModelConfig, tokenizers: Record<string, Tokenizer>, seed: number): SignModel {
    const model = new SignModel(config);
    if (config.mode === 'p2lg-stage1') {
      const source = tokenizers.source;
      const target = tokenizers.target;
      if (!source || !target) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          'Stage 1 needs a "source" and a "target" tokenizer',
        );
      }
      model.tokenModel = {
        source,
        target,
        net: new TokenTransformer({
          prefix: 'stage1',
          architecture: config.architecture,
          sourceVocabSize: source.vocabSize,
          targetVocabSize: target.vocabSize,
          seed: groupSeed(seed, 'stage1'),
        }),
      };
      return model;
    }
    for (const [key, tokenizer] of Object.entries(tokenizers)) model.addGroup(key, tokenizer, seed);
    return model;
  }

  /** Rebuilds a model from its JSON state (weights are loaded with `loadWeights`). */
  static fromState(state: SignModelState, seed = 0): SignModel {
    const tokenizers: Record<string, Tokenizer> = {};
    for (const [key, json] of Object.entries(state.tokenizers)) tokenizers[key] = loadTokenizer(json);
    return SignModel.create(state.config, tokenizers, seed);
  }

  /**
   * Adds a pose group (a new MLSF language). Existing groups are not touched.
   *
   * @example
   * ```ts
   * model.addGroup('gsg', germanTokenizer, 27);
   * ```
   */
  addGroup(key: string, tokenizer: Tokenizer, seed: number): PoseGroup {
    if (this.config.mode === 'p2lg-stage1') {
      throw new SignLLMError(ERROR_CODES.invalidArgument, 'A stage 1 model has no pose groups');
    }
    if (this.groups.has(key)) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `The model already has a group "${key}"`);
    }
    const group: PoseGroup = {
      key,
      tokenizer,
      net: new PoseTransformer({
        prefix: key === SHARED_GROUP ? 'shared' : key,
        architecture: this.config.architecture,
        sourceVocabSize: tokenizer.vocabSize,
        outputWidth: outputWidthOf(this.config),
        justCounter: this.config.augmentations.justCounter,
        seed: groupSeed(seed, key),
      }),
    };
    this.groups.set(key, group);
    return group;
  }

  /**
   * The same groups under another config (e.g. more MLSF languages). The transformer sizes and the
   * augmentations that shape the weights must not change.
   */
  withConfig(config: ModelConfig): SignModel {
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (
      config.mode !== this.config.mode ||
      !same(config.architecture, this.config.architecture) ||
      outputWidthOf(config) !== outputWidthOf(this.config) ||
      config.augmentations.justCounter !== this.config.augmentations.justCounter
    ) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        'The new model config changes the mode, the architecture or the output layout of the loaded model; only languages and training settings may change',
      );
    }
    const model = new SignModel(config);
    for (const [key, group] of this.groups) model.groups.set(key, group);
    model.tokenModel = this.tokenModel;
    return model;
  }

  /** The group that serves `language` (MLSF routing; stage 2 always the shared group). */
  groupFor(language: string): PoseGroup {
    const shared = this.groups.get(SHARED_GROUP);
    if (shared) return shared;
    const group = this.groups.get(language);
    if (!group) {
      const keys = [...this.groups.keys()];
      throw new SignLLMError(
        ERROR_CODES.unknownLanguage,
        `The model has no group for language "${language}"; it serves ${formatOptions(keys)}`,
        { details: { value: language, options: keys } },
      );
    }
    return group;
  }

  /** JSON state: config and tokenizers. */
  state(): SignModelState {
    const tokenizers: Record<string, TokenizerJson> = {};
    if (this.tokenModel) {
      tokenizers.source = this.tokenModel.source.toJSON();
      tokenizers.target = this.tokenModel.target.toJSON();
    }
    for (const [key, group] of this.groups) tokenizers[key] = group.tokenizer.toJSON();
    return { config: this.config, tokenizers };
  }

  /** All weights, named `<group>/...`. */
  toWeights(): NamedTensor[] {
    const out: NamedTensor[] = [];
    if (this.tokenModel) out.push(...this.tokenModel.net.params.toWeights());
    for (const group of this.groups.values()) out.push(...group.net.params.toWeights());
    return out;
  }

  /** Loads weights written by `toWeights` (missing or mis-shaped weights are errors). */
  loadWeights(weights: readonly NamedTensor[]): void {
    const nets = [
      ...(this.tokenModel ? [this.tokenModel.net] : []),
      ...[...this.groups.values()].map((g) => g.net),
    ];
    for (const net of nets) {
      const names = new Set(net.params.names());
      net.params.loadWeights(weights.filter((w) => names.has(w.name)));
    }
  }

  /** Parameters in total. */
  parameterCount(): number {
    let n = this.tokenModel ? this.tokenModel.net.params.count() : 0;
    for (const group of this.groups.values()) n += group.net.params.count();
    return n;
  }

  /** Frees every variable. */
  dispose(): void {
    this.tokenModel?.net.params.dispose();
    for (const group of this.groups.values()) group.net.params.dispose();
  }
}
