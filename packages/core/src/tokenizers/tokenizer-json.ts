/**
 * The saved form of a tokenizer (`tokenizer.json` in a bundle): format tag, version, kind, lowercase
 * flag, vocabulary in id order, BPE merges in rank order, and the reserved tokens. `TokenizerJsonSchema`
 * checks its shape; `loadTokenizer` adds the checks between fields.
 */
import { z } from 'zod';
import type { EnumOf } from '../schemas/fields.ts';
import { TOKENIZER_KINDS, type TokenizerKind } from '../schemas/model-config.ts';
import { MAX_RESERVED, MAX_TOKEN_LENGTH, MAX_VOCAB_SIZE } from './special-tokens.ts';

/** The `format` tag of a saved tokenizer. */
export const TOKENIZER_FORMAT = 'signllm-tokenizer' as const;

/** The only version this code writes and reads. */
export const TOKENIZER_FORMAT_VERSION = 1 as const;

/**
 * A tokenizer as plain JSON.
 *
 * @example
 * ```ts
 * const json: TokenizerJson = tokenizer.toJSON();
 * const text = JSON.stringify(json);
 * ```
 */
export interface TokenizerJson {
  format: typeof TOKENIZER_FORMAT;
  version: typeof TOKENIZER_FORMAT_VERSION;
  kind: TokenizerKind;
  lowercase: boolean;
  vocab: string[];
  merges?: [string, string][];
  reserved: string[];
}

const tokenString = (): z.ZodString =>
  z
    .string()
    .min(1, { abort: true, error: 'expected a non-empty token' })
    .max(MAX_TOKEN_LENGTH, {
      abort: true,
      error: `expected a token of at most ${MAX_TOKEN_LENGTH} characters`,
    });

/** The zod type of `TokenizerJsonSchema`. */
export type TokenizerJsonShape = {
  format: z.ZodLiteral<typeof TOKENIZER_FORMAT>;
  version: z.ZodLiteral<typeof TOKENIZER_FORMAT_VERSION>;
  kind: EnumOf<typeof TOKENIZER_KINDS>;
  lowercase: z.ZodBoolean;
  vocab: z.ZodArray<z.ZodString>;
  merges: z.ZodOptional<z.ZodArray<z.ZodTuple<[z.ZodString, z.ZodString], null>>>;
  reserved: z.ZodArray<z.ZodString>;
};

/**
 * Shape of a saved tokenizer (strict: unknown keys are errors). Relations between fields (specials
 * first, no duplicates, merges that refer to vocabulary entries) are checked by `loadTokenizer`.
 *
 * @example
 * ```ts
 * parseWith(TokenizerJsonSchema, JSON.parse(text), 'tokenizer');
 * ```
 */
export const TokenizerJsonSchema: z.ZodObject<TokenizerJsonShape, z.core.$strict> = z.strictObject({
  format: z.literal(TOKENIZER_FORMAT).describe('Always "signllm-tokenizer"'),
  version: z.literal(TOKENIZER_FORMAT_VERSION).describe('Format version; this code reads version 1'),
  kind: z
    .enum(TOKENIZER_KINDS)
    .describe('"word": whitespace-separated words; "subword": byte-pair-encoding pieces'),
  lowercase: z.boolean().describe('Lowercase text (not reserved tokens) after NFKC, before tokenizing'),
  vocab: z
    .array(tokenString())
    .min(4)
    .max(MAX_VOCAB_SIZE)
    .describe(
      'Vocabulary in id order: "<pad>", "<unk>", "<s>", "</s>" at ids 0..3, then the rest; no duplicates. Subword pieces that start a word begin with "▁" (U+2581)',
    ),
  merges: z
    .array(z.tuple([tokenString(), tokenString()]))
    .max(MAX_VOCAB_SIZE)
    .optional()
    .describe(
      'Subword only: BPE merges in rank order (applied first to last); both parts and their concatenation are vocabulary entries',
    ),
  reserved: z
    .array(tokenString())
    .max(MAX_RESERVED)
    .describe(
      'Tokens recognised whole in the text and never split or lowercased, e.g. "<ase>"; each is in the vocabulary',
    ),
} satisfies TokenizerJsonShape);
