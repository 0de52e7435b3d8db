/**
 * What `TranslationService` needs besides its own state: the answer-length check, the summary of a
 * generation, where a language's training data came from, and the warm-up generation.
 */
import {
  API_LIMITS,
  ERROR_CODES,
  type GenerationSummary,
  resampledFrameCount,
  type ServedLanguage,
  SignLLMError,
} from '@signllm/core';
import type { PoseGenerator, TranslationSummary } from './translation-service.ts';

/**
 * Checks that `maxFrames` model frames at `fps` fit in an answer (`API_LIMITS.maxFrames`): a high fps
 * multiplies the frames of an answer.
 *
 * @throws SignLLMError `invalid_argument` naming both numbers.
 * @example
 * ```ts
 * checkAnswerFrames(1000, 12, 240); // throws: 19,981 frames
 * ```
 */
export function checkAnswerFrames(maxFrames: number, modelFps: number, fps: number): void {
  const answerFrames = resampledFrameCount(maxFrames, modelFps, fps);
  if (answerFrames > API_LIMITS.maxFrames) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `fps ${fps} would turn ${maxFrames} frames at the model's ${modelFps} fps into ${answerFrames}, more than the ${API_LIMITS.maxFrames} an answer may hold; lower fps or maxFrames`,
      { details: { fps, maxFrames, limit: API_LIMITS.maxFrames } },
    );
  }
}

/** The frame rate of an answer: the request's, else the model's. */
export function answerFps(requested: number | undefined, modelFps: number): number {
  return requested ?? modelFps;
}

/** A generation's summary as the service reports it. */
export function summarise(
  summary: GenerationSummary,
  frames: number,
  generationMs: number,
  firstFrameMs: number | undefined,
): TranslationSummary {
  return {
    frames,
    stoppedBy: summary.stoppedBy,
    ...(summary.langGloss === undefined ? {} : { langGloss: splitTokens(summary.langGloss) }),
    generationMs,
    ...(firstFrameMs === undefined ? {} : { firstFrameMs }),
  };
}

function splitTokens(langGloss: string): string[] {
  return langGloss.split(/\s+/).filter((t) => t !== '');
}

/**
 * Where a language's training data came from, from the model card: `real` if any dataset that lists
 * the language (or lists none) is real, `synthetic` if all are synthetic; undefined when not recorded.
 */
export function languageProvenance(bundle: PoseGenerator, code: string): ServedLanguage['provenance'] {
  const data = bundle.manifest.modelCard.trainingData.filter(
    (d) => d.languages === undefined || d.languages.includes(code),
  );
  if (data.length === 0 || data.some((d) => d.kind === undefined)) return undefined;
  return data.some((d) => d.kind === 'real') ? 'real' : 'synthetic';
}

/**
 * A short generation per input kind, for every language of an MLSF bundle (each has its own graphs)
 * or the first language of a Prompt2LangGloss bundle (its graphs are shared): the first run of a graph
 * is much slower than the next ones, and it should not be a user's request.
 */
export async function warmUp(bundle: PoseGenerator): Promise<void> {
  const languages = bundle.manifest.mode === 'mlsf' ? bundle.languages : bundle.languages.slice(0, 1);
  for (const language of languages) {
    for (const inputType of bundle.accepts(language)) {
      const input = inputType === 'gloss' ? 'HELLO' : 'hello';
      try {
        for await (const _ of bundle.generate({ input, inputType, language, maxFrames: 2 })) {
          // the frames themselves do not matter
        }
      } catch (error) {
        // An input the vocabulary cannot read is not a broken model; anything else is.
        if (!SignLLMError.isInstance(error) || error.code === ERROR_CODES.inferenceFailed) throw error;
      }
    }
  }
}
