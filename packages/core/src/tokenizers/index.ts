/**
 * Tokenizers trained from a dataset and saved with a model: word-level (glosses, LangGloss) and
 * subword BPE (spoken-language text and prompts). Runs in Node and in the browser.
 * Format and choices: docs/architecture/tokenizers.md.
 */

export { loadTokenizer } from './load-tokenizer.ts';
export { normaliseText } from './normalise-text.ts';
export { BOS_ID, EOS_ID, PAD_ID, SPECIAL_TOKENS, UNK_ID } from './special-tokens.ts';
export type { Tokenizer, TrainTokenizerOptions } from './tokenizer.ts';
export type { TokenizerJson, TokenizerJsonShape } from './tokenizer-json.ts';
export { TOKENIZER_FORMAT, TOKENIZER_FORMAT_VERSION, TokenizerJsonSchema } from './tokenizer-json.ts';
export { trainTokenizer } from './train-tokenizer.ts';
