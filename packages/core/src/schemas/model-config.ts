/**
 * Model configuration: the Progressive-Transformers-style encoder–decoder (sizes, lengths), its mode
 * (MLSF per-language groups, or Prompt2LangGloss stage 1 / stage 2), languages, skeleton and target
 * size, tokenizers and PT's augmentations. Strict: unknown keys are errors, so a misspelt option is
 * reported instead of silently ignored. Defaults follow Progressive Transformers' `Base.yaml`.
 */
import { z } from 'zod';
import { LanguageCodeSchema } from '../languages/language-schema.ts';
import { getSkeleton, listSkeletons } from '../skeletons/registry.ts';
import {
  duplicates,
  type EnumOf,
  nonNegativeInt,
  nonNegativeNumber,
  positiveInt,
  SkeletonNameSchema,
} from './fields.ts';

/**
 * Model modes: MLSF (one group per language), Prompt2LangGloss stage 1 (text → LangGloss) or stage 2.
 *
 * @example
 * ```ts
 * MODEL_MODES; // ['mlsf', 'p2lg-stage1', 'p2lg-stage2']
 * ```
 */
export const MODEL_MODES = ['mlsf', 'p2lg-stage1', 'p2lg-stage2'] as const;

/** One of `MODEL_MODES`. */
export type ModelMode = (typeof MODEL_MODES)[number];

/**
 * Tokenizer kinds: whole words or subword pieces.
 *
 * @example
 * ```ts
 * TOKENIZER_KINDS; // ['word', 'subword']
 * ```
 */
export const TOKENIZER_KINDS = ['word', 'subword'] as const;

/** One of `TOKENIZER_KINDS`. */
export type TokenizerKind = (typeof TOKENIZER_KINDS)[number];

/**
 * Which dataset column a model reads as its input: the spoken sentence, the glosses, the question-style
 * prompt or the LangGloss (language tag before every gloss).
 *
 * @example
 * ```ts
 * MODEL_INPUTS; // ['text', 'gloss', 'prompt', 'langGloss']
 * ```
 */
export const MODEL_INPUTS = ['text', 'gloss', 'prompt', 'langGloss'] as const;

/** One of `MODEL_INPUTS`. */
export type ModelInput = (typeof MODEL_INPUTS)[number];

/**
 * The input a mode reads when `input` is not set: MLSF text, stage 1 the prompt, stage 2 the LangGloss.
 *
 * @example
 * ```ts
 * defaultModelInput('p2lg-stage2'); // 'langGloss'
 * ```
 */
export function defaultModelInput(mode: ModelMode): ModelInput {
  return mode === 'mlsf' ? 'text' : mode === 'p2lg-stage1' ? 'prompt' : 'langGloss';
}

/**
 * The model mode.
 *
 * @example
 * ```ts
 * ModelModeSchema.parse('mlsf');
 * ```
 */
export const ModelModeSchema: EnumOf<typeof MODEL_MODES> = z.enum(MODEL_MODES);

/** The zod type of `ArchitectureSchema`. */
export type ArchitectureShape = {
  encoderLayers: z.ZodDefault<z.ZodNumber>;
  decoderLayers: z.ZodDefault<z.ZodNumber>;
  dModel: z.ZodDefault<z.ZodNumber>;
  heads: z.ZodDefault<z.ZodNumber>;
  ffnSize: z.ZodDefault<z.ZodNumber>;
  dropout: z.ZodDefault<z.ZodNumber>;
  maxSourceLength: z.ZodDefault<z.ZodNumber>;
  maxTargetLength: z.ZodDefault<z.ZodNumber>;
};

/** Sizes of the encoder–decoder transformer. `dModel` must be divisible by `heads`. */
export const ArchitectureSchema: z.ZodObject<ArchitectureShape, z.core.$strict> = z
  .strictObject({
    encoderLayers: positiveInt(64).default(2).describe('Encoder layers (PT Base and SignLLM: 2)'),
    decoderLayers: positiveInt(64).default(2).describe('Decoder layers (PT Base and SignLLM: 2)'),
    dModel: positiveInt(8192).default(512).describe('Width of embeddings and hidden states (PT Base: 512)'),
    heads: positiveInt(256).default(4).describe('Attention heads per layer; must divide dModel (PT Base: 4)'),
    ffnSize: positiveInt(65_536)
      .default(2048)
      .describe('Hidden size of the feed-forward blocks (PT Base: 2048)'),
    dropout: z.number().min(0).lt(1).default(0.1).describe('Dropout rate in [0, 1)'),
    maxSourceLength: positiveInt(8192)
      .default(256)
      .describe('Longest source (text, prompt or gloss) in tokens'),
    maxTargetLength: positiveInt(100_000)
      .default(512)
      .describe('Longest pose sequence in frames, the generation limit'),
  } satisfies ArchitectureShape)
  .refine((a) => a.heads <= 0 || a.dModel % a.heads === 0, {
    error: (issue) => {
      const a = issue.input as { dModel: number; heads: number };
      return `dModel ${a.dModel} is not divisible by heads ${a.heads}`;
    },
    path: ['heads'],
  });

/** Validated transformer sizes. */
export type Architecture = z.infer<typeof ArchitectureSchema>;

/** The zod type of `TokenizerConfigSchema`. */
export type TokenizerConfigShape = {
  kind: z.ZodDefault<EnumOf<typeof TOKENIZER_KINDS>>;
  vocabSize: z.ZodNumber;
  lowercase: z.ZodDefault<z.ZodBoolean>;
};

/** One tokenizer: kind and vocabulary size (specials included). */
export const TokenizerConfigSchema: z.ZodObject<TokenizerConfigShape, z.core.$strict> = z.strictObject({
  kind: z
    .enum(TOKENIZER_KINDS)
    .default('word')
    .describe('"word" (whitespace words, PT style) or "subword" pieces'),
  vocabSize: positiveInt(1_000_000).describe(
    'Vocabulary size including special tokens (<unk>, <pad>, <s>, </s>)',
  ),
  lowercase: z
    .boolean()
    .default(true)
    .describe(
      'Lowercase text before tokenizing; set false for glosses and LangGloss, whose case is meaningful',
    ),
} satisfies TokenizerConfigShape);

/** The zod type of the `tokenizers` field. */
export type TokenizersShape = {
  source: typeof TokenizerConfigSchema;
  target: z.ZodOptional<typeof TokenizerConfigSchema>;
};

/** The zod type of `AugmentationsSchema`. */
export type AugmentationsShape = {
  gaussianNoiseRate: z.ZodDefault<z.ZodNumber>;
  futurePrediction: z.ZodDefault<z.ZodNumber>;
  justCounter: z.ZodDefault<z.ZodBoolean>;
};

/** Progressive Transformers' training augmentations. Just Counter and Gaussian Noise exclude each other. */
export const AugmentationsSchema: z.ZodObject<AugmentationsShape, z.core.$strict> = z
  .strictObject({
    gaussianNoiseRate: nonNegativeNumber(1000)
      .default(0)
      .describe(
        'Gaussian noise on teacher-forced decoder inputs: rate × N(0,1) × per-dimension error std of the last epoch; 0 = off (PT Base: 5)',
      ),
    futurePrediction: nonNegativeInt(64)
      .default(0)
      .describe('Frames predicted ahead at each step (k); 0 = off. Output becomes joints×3×k + 1'),
    justCounter: z
      .boolean()
      .default(false)
      .describe('Feed the decoder only the counter, not the previous frame'),
  } satisfies AugmentationsShape)
  .refine((a) => !(a.justCounter && a.gaussianNoiseRate > 0), {
    error:
      'justCounter and gaussianNoiseRate > 0 cannot be combined (the noise is added to frames the decoder no longer sees)',
    path: ['justCounter'],
  });

/** The zod type of `ModelConfigSchema`. */
export type ModelConfigShape = {
  mode: typeof ModelModeSchema;
  input: z.ZodOptional<EnumOf<typeof MODEL_INPUTS>>;
  stopCounter: z.ZodDefault<z.ZodNumber>;
  languages: z.ZodArray<z.ZodString>;
  skeleton: z.ZodDefault<z.ZodString>;
  targetSize: z.ZodDefault<z.ZodNumber>;
  architecture: z.ZodPrefault<typeof ArchitectureSchema>;
  tokenizers: z.ZodObject<TokenizersShape, z.core.$strict>;
  augmentations: z.ZodPrefault<typeof AugmentationsSchema>;
};

/** `joints × 3 + 1` for a registered skeleton, or undefined when the skeleton is not registered. */
function expectedTargetSize(skeleton: string): number | undefined {
  return listSkeletons().includes(skeleton) ? getSkeleton(skeleton).joints.length * 3 + 1 : undefined;
}

/**
 * A model configuration. Also checks: languages unique; `targetSize` equals joints × 3 + 1 when the
 * skeleton is registered; stage 1 has a `tokenizers.target` (the LangGloss vocabulary).
 *
 * @example
 * ```ts
 * const model = parseWith(ModelConfigSchema, {
 *   mode: 'mlsf', languages: ['ase', 'gsg'], tokenizers: { source: { vocabSize: 4000 } },
 * }, 'model config');
 * model.architecture.dModel; // 512
 * ```
 */
export const ModelConfigSchema: z.ZodObject<ModelConfigShape, z.core.$strict> = z
  .strictObject({
    mode: ModelModeSchema.describe(
      '"mlsf": one encoder–decoder group per language; "p2lg-stage1": text or prompt → LangGloss tokens; "p2lg-stage2": LangGloss → pose, shared by all languages',
    ),
    input: z
      .enum(MODEL_INPUTS)
      .optional()
      .describe(
        'Dataset column the model reads: "text", "gloss", "prompt" or "langGloss" (default: text for mlsf, prompt for p2lg-stage1, langGloss for p2lg-stage2)',
      ),
    stopCounter: z
      .number()
      .gt(0)
      .max(1)
      .default(0.99)
      .describe(
        'Free-running generation stops at the first frame whose predicted progress counter reaches this (the counter of the last training frame is 1)',
      ),
    languages: z
      .array(LanguageCodeSchema)
      .min(1)
      .max(256)
      .describe('ISO codes of the languages the model serves'),
    skeleton: SkeletonNameSchema.default('prompt2sign-50').describe('Skeleton of the generated poses'),
    targetSize: positiveInt(100_000)
      .default(151)
      .describe('Values per target frame: joints × 3 + 1 counter (151 for prompt2sign-50)'),
    architecture: ArchitectureSchema.prefault({}).describe('Transformer sizes'),
    tokenizers: z
      .strictObject({
        source: TokenizerConfigSchema.describe('Tokenizer of the model input (text, prompt or gloss)'),
        target: TokenizerConfigSchema.optional().describe(
          'Tokenizer of the LangGloss output; required for p2lg-stage1',
        ),
      } satisfies TokenizersShape)
      .describe('Tokenizers of the input and, for stage 1, the output'),
    augmentations: AugmentationsSchema.prefault({}).describe('Progressive Transformers augmentations'),
  } satisfies ModelConfigShape)
  .superRefine((m, ctx) => {
    for (const code of duplicates(m.languages)) {
      ctx.addIssue({ code: 'custom', path: ['languages'], message: `language "${code}" is listed twice` });
    }
    const expected = expectedTargetSize(m.skeleton);
    if (expected !== undefined && m.targetSize !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['targetSize'],
        message: `expected ${expected} (joints × 3 + 1 for skeleton "${m.skeleton}"), got ${m.targetSize}`,
      });
    }
    if (m.mode === 'p2lg-stage1' && m.tokenizers.target === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenizers', 'target'],
        message: 'missing; mode "p2lg-stage1" needs the LangGloss tokenizer',
      });
    }
  });

/** A validated model configuration (defaults filled). */
export type ModelConfig = z.infer<typeof ModelConfigSchema>;

/** A model configuration as written (fields with defaults may be left out). */
export type ModelConfigInput = z.input<typeof ModelConfigSchema>;
