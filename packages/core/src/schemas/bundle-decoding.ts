/**
 * The `decoding` part of `bundle.json`: what a runtime needs to drive the ONNX graphs without reading
 * their metadata: the kind of string each encoder reads, the transformer sizes that shape the key/value
 * cache tensors (`[batch, heads, length, dModel / heads]`), the length limits baked into the graphs
 * (positional-encoding tables) and the stop threshold of the progress counter.
 */
import { z } from 'zod';
import { type EnumOf, positiveInt } from './fields.ts';
import { MODEL_INPUTS } from './model-config.ts';

/** The zod type of `PoseDecodingSchema`. */
export type PoseDecodingShape = {
  input: EnumOf<typeof MODEL_INPUTS>;
  dModel: z.ZodNumber;
  heads: z.ZodNumber;
  decoderLayers: z.ZodNumber;
  maxSourceLength: z.ZodNumber;
  maxTargetLength: z.ZodNumber;
  frameWidth: z.ZodNumber;
  stopCounter: z.ZodNumber;
};

const sizes = {
  dModel: positiveInt(65_536).describe('Model width d'),
  heads: positiveInt(1024).describe('Attention heads h; the key/value head size is d / h'),
  decoderLayers: positiveInt(256).describe(
    'Decoder layers L: the step graph has past_key_0 … past_key_{L−1} (and values)',
  ),
  maxSourceLength: positiveInt(1_000_000).describe(
    'Most source tokens, `</s>` included (the encoder positional table has this many rows)',
  ),
};

/**
 * How to run the pose encoder and decoder-step graphs.
 *
 * @example
 * ```ts
 * PoseDecodingSchema.parse({ input: 'text', dModel: 512, heads: 4, decoderLayers: 2, maxSourceLength: 64,
 *   maxTargetLength: 300, frameWidth: 151, stopCounter: 0.99 });
 * ```
 */
export const PoseDecodingSchema: z.ZodObject<PoseDecodingShape, z.core.$strip> = z
  .object({
    input: z
      .enum(MODEL_INPUTS)
      .describe(
        'The string the pose encoder reads: "text", "gloss", "prompt" or "langGloss" (Prompt2LangGloss)',
      ),
    ...sizes,
    maxTargetLength: positiveInt(1_000_000).describe(
      'Most frames one generation may produce (the decoder positional table has this many rows)',
    ),
    frameWidth: positiveInt(1_000_000).describe(
      'Values per frame in and out of the decoder step: joints × dims, then the progress counter (151 for prompt2sign-50 in 3-D)',
    ),
    stopCounter: z
      .number()
      .min(0)
      .max(2)
      .describe('Free-running generation stops at the first frame whose predicted counter is ≥ this'),
  } satisfies PoseDecodingShape)
  .refine((d) => d.dModel % d.heads === 0, { error: 'dModel must be divisible by heads' });

/** The zod type of `Text2GlossDecodingSchema`. */
export type Text2GlossDecodingShape = {
  input: EnumOf<typeof MODEL_INPUTS>;
  dModel: z.ZodNumber;
  heads: z.ZodNumber;
  decoderLayers: z.ZodNumber;
  maxSourceLength: z.ZodNumber;
  maxLength: z.ZodNumber;
};

/**
 * How to run the text → LangGloss graphs of a Prompt2LangGloss bundle.
 *
 * @example
 * ```ts
 * Text2GlossDecodingSchema.parse({ input: 'prompt', dModel: 256, heads: 4, decoderLayers: 2, maxSourceLength: 64, maxLength: 64 });
 * ```
 */
export const Text2GlossDecodingSchema: z.ZodObject<Text2GlossDecodingShape, z.core.$strip> = z
  .object({
    input: z
      .enum(MODEL_INPUTS)
      .describe('The string the text → LangGloss encoder reads ("prompt" or "text")'),
    ...sizes,
    maxLength: positiveInt(1_000_000).describe('Most LangGloss tokens one decoding may produce'),
  } satisfies Text2GlossDecodingShape)
  .refine((d) => d.dModel % d.heads === 0, { error: 'dModel must be divisible by heads' });

/** The zod type of `BundleDecodingSchema`. */
export type BundleDecodingShape = {
  pose: typeof PoseDecodingSchema;
  text2gloss: z.ZodOptional<typeof Text2GlossDecodingSchema>;
};

/**
 * The `decoding` object of a bundle: the pose graphs always, the text → LangGloss graphs when the
 * bundle has them.
 */
export const BundleDecodingSchema: z.ZodObject<BundleDecodingShape, z.core.$strip> = z.object({
  pose: PoseDecodingSchema.describe('Pose encoder and decoder step (every language of an MLSF bundle alike)'),
  text2gloss: Text2GlossDecodingSchema.optional().describe(
    'Text → LangGloss encoder and decoder step (Prompt2LangGloss bundles with text or prompt input)',
  ),
} satisfies BundleDecodingShape);

/** A validated `decoding` object. */
export type BundleDecoding = z.infer<typeof BundleDecodingSchema>;
/** The pose part of `decoding`. */
export type PoseDecoding = z.infer<typeof PoseDecodingSchema>;
/** The text → LangGloss part of `decoding`. */
export type Text2GlossDecoding = z.infer<typeof Text2GlossDecodingSchema>;
