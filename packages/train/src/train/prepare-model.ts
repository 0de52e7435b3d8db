/**
 * Builds the model a run starts from: tokenizers trained from the training index (per language for
 * MLSF; one LangGloss word tokenizer for stage 2 with every language tag reserved; a prompt and a
 * LangGloss tokenizer for stage 1), or an existing run's model (`initFrom`) with new MLSF groups for
 * languages it lacks — its own groups and tokenizers are loaded unchanged.
 */
import { ERROR_CODES, getLanguage, SignLLMError, type Tokenizer, trainTokenizer } from '@signllm/core';
import type { ExampleIndex } from '../data/index.ts';
import { loadModelFromRun } from './load-model.ts';
import type { EffectiveTrainConfig } from './load-train-config.ts';
import { SHARED_GROUP, SignModel } from './sign-model.ts';

/** `<ase>`-style tags of the given languages (reserved LangGloss tokens). */
export function languageTags(languages: readonly string[]): string[] {
  return languages.map((code) => `<${getLanguage(code).code}>`);
}

function tokenizerFor(
  config: EffectiveTrainConfig,
  texts: Iterable<string>,
  which: 'source' | 'target',
  reserved: readonly string[],
): Tokenizer {
  const settings = config.model.tokenizers[which];
  if (!settings) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `model.tokenizers.${which} is required for mode ${config.model.mode}`,
    );
  }
  return trainTokenizer(texts, {
    kind: settings.kind,
    vocabSize: settings.vocabSize,
    lowercase: settings.lowercase,
    reserved,
  });
}

/**
 * The starting model of a fresh run.
 *
 * @example
 * ```ts
 * const model = await prepareModel(config, index);
 * ```
 */
export async function prepareModel(config: EffectiveTrainConfig, index: ExampleIndex): Promise<SignModel> {
  const { model: modelConfig } = config;
  const tags = languageTags(modelConfig.languages);
  const sourceReserved = modelConfig.tokenizers.source.kind === 'word' ? tags : [];
  if (modelConfig.mode === 'p2lg-stage1') {
    return SignModel.create(
      modelConfig,
      {
        source: tokenizerFor(
          config,
          index.examples.map((e) => e.source),
          'source',
          [],
        ),
        target: tokenizerFor(
          config,
          index.examples.map((e) => e.target),
          'target',
          tags,
        ),
      },
      config.seed,
    );
  }
  if (modelConfig.mode === 'p2lg-stage2') {
    const tokenizer = tokenizerFor(
      config,
      index.examples.map((e) => e.source),
      'source',
      sourceReserved,
    );
    return SignModel.create(modelConfig, { [SHARED_GROUP]: tokenizer }, config.seed);
  }
  let model: SignModel;
  if (config.initFrom !== undefined) {
    model = await loadModelFromRun(config.initFrom);
    if (model.config.mode !== 'mlsf') {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `initFrom ${config.initFrom} is a ${model.config.mode} model; MLSF can only grow an MLSF model`,
      );
    }
    model = model.withConfig({
      ...modelConfig,
      languages: [...new Set([...model.config.languages, ...modelConfig.languages])],
    });
  } else {
    model = SignModel.create(modelConfig, {}, config.seed);
  }
  for (const language of modelConfig.languages) {
    if (model.groups.has(language)) continue;
    const texts = index.examples.filter((e) => e.language === language).map((e) => e.source);
    if (texts.length === 0) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `The training split has no example in language "${language}"; it has ${index.languages.join(', ') || 'none'}`,
      );
    }
    model.addGroup(language, tokenizerFor(config, texts, 'source', sourceReserved), config.seed);
  }
  return model;
}
