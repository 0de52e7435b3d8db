/**
 * `loadTokenizer`: turns saved JSON (from `Tokenizer#toJSON`, e.g. a bundle's tokenizer file) back
 * into a tokenizer, after checking its shape and the relations between its fields, so that a hostile
 * or corrupt file gives a clear `SignLLMError` rather than a tokenizer that misbehaves later.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { parseWith } from '../schemas/parse-with.ts';
import { reservedTokenProblem } from './reserved-token-problem.ts';
import { MAX_RESERVED, MAX_VOCAB_SIZE, SPECIAL_COUNT, SPECIAL_TOKENS, WORD_START } from './special-tokens.ts';
import { createSubwordTokenizer } from './subword-tokenizer.ts';
import type { Tokenizer } from './tokenizer.ts';
import {
  TOKENIZER_FORMAT,
  TOKENIZER_FORMAT_VERSION,
  type TokenizerJson,
  TokenizerJsonSchema,
} from './tokenizer-json.ts';
import { createWordTokenizer } from './word-tokenizer.ts';

const LABEL = 'tokenizer';

function bad(message: string, details?: Record<string, unknown>): SignLLMError {
  return new SignLLMError(ERROR_CODES.badFormat, `${LABEL}: ${message}`, { details });
}

function quote(token: string): string {
  return token.length > 40 ? `${JSON.stringify(token.slice(0, 40))}…` : JSON.stringify(token);
}

/** Cheap checks before the schema: a newer version, and arrays too long to validate item by item. */
function precheck(json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  try {
    const { format, version, vocab, merges, reserved } = json as Record<string, unknown>;
    if (
      format === TOKENIZER_FORMAT &&
      Number.isInteger(version) &&
      (version as number) > TOKENIZER_FORMAT_VERSION
    ) {
      throw new SignLLMError(
        ERROR_CODES.unsupportedVersion,
        `${LABEL}: version ${String(version)} is newer than this code reads (${TOKENIZER_FORMAT_VERSION})`,
      );
    }
    const limits: [string, unknown, number][] = [
      ['vocab', vocab, MAX_VOCAB_SIZE],
      ['merges', merges, MAX_VOCAB_SIZE],
      ['reserved', reserved, MAX_RESERVED],
    ];
    for (const [name, value, max] of limits) {
      if (Array.isArray(value) && value.length > max) {
        throw new SignLLMError(
          ERROR_CODES.schemaInvalid,
          `${LABEL}: ${name}: expected at most ${max} items, got ${value.length} items`,
          { details: { label: LABEL, field: name, length: value.length, max } },
        );
      }
    }
  } catch (cause) {
    if (SignLLMError.isInstance(cause)) throw cause;
    // A throwing getter or proxy: the schema check below reports it.
  }
}

/** Checks specials at 0..3 and duplicates; returns token → id. */
function checkVocab(vocab: readonly string[]): Map<string, number> {
  SPECIAL_TOKENS.forEach((special, id) => {
    if (vocab[id] !== special) {
      throw bad(
        `vocab[${id}] must be ${quote(special)} (ids 0..3 are ${SPECIAL_TOKENS.join(' ')}), got ${quote(String(vocab[id]))}`,
      );
    }
  });
  const index = new Map<string, number>();
  vocab.forEach((token, id) => {
    const first = index.get(token);
    if (first !== undefined)
      throw bad(`vocab has ${quote(token)} twice (ids ${first} and ${id})`, { token, ids: [first, id] });
    index.set(token, id);
  });
  return index;
}

function checkReserved(reserved: readonly string[], index: ReadonlyMap<string, number>): void {
  const seen = new Set<string>();
  reserved.forEach((token, i) => {
    const problem = reservedTokenProblem(token);
    if (problem !== undefined) throw bad(`reserved[${i}] ${quote(token)} ${problem}`);
    if (seen.has(token)) throw bad(`reserved[${i}] ${quote(token)} is repeated`);
    if (!index.has(token)) throw bad(`reserved[${i}] ${quote(token)} is not in the vocabulary`);
    seen.add(token);
  });
}

function checkMerges(
  merges: readonly [string, string][],
  index: ReadonlyMap<string, number>,
  reserved: ReadonlySet<string>,
): void {
  if (!index.has(WORD_START))
    throw bad(`a subword vocabulary must contain the word-start marker "${WORD_START}"`);
  const ordinary = (token: string): boolean => {
    const id = index.get(token);
    return id !== undefined && id >= SPECIAL_COUNT && !reserved.has(token);
  };
  const seen = new Set<string>();
  merges.forEach(([left, right], i) => {
    for (const part of [left, right]) {
      if (!index.has(part)) throw bad(`merges[${i}]: part ${quote(part)} is not in the vocabulary`);
      if (!ordinary(part)) throw bad(`merges[${i}]: part ${quote(part)} is a special or reserved token`);
    }
    const result = left + right;
    if (!index.has(result)) throw bad(`merges[${i}]: result ${quote(result)} is not in the vocabulary`);
    if (!ordinary(result)) throw bad(`merges[${i}]: result ${quote(result)} is a special or reserved token`);
    const key = `${index.get(left)} ${index.get(right)}`;
    if (seen.has(key)) throw bad(`merges[${i}]: the pair ${quote(left)} + ${quote(right)} is listed twice`);
    seen.add(key);
  });
}

/**
 * Loads a tokenizer from its JSON form (already parsed, e.g. `JSON.parse(text)`).
 *
 * @throws SignLLMError `schema_invalid` for a wrong shape (wrong types, unknown keys, too many items),
 *   `format_invalid` for inconsistent fields (specials not at 0..3, duplicate tokens, merges or
 *   reserved tokens that name missing tokens), `format_unsupported_version` for a newer version.
 * @example
 * ```ts
 * const tokenizer = loadTokenizer(JSON.parse(await readFile('tokenizer.json', 'utf8')));
 * ```
 */
export function loadTokenizer(json: unknown): Tokenizer {
  precheck(json);
  const data: TokenizerJson = parseWith(TokenizerJsonSchema, json, LABEL);
  const index = checkVocab(data.vocab);
  checkReserved(data.reserved, index);
  if (data.kind === 'word') {
    if (data.merges !== undefined) throw bad('a word tokenizer has no "merges"; remove the field');
    return createWordTokenizer(data.vocab, data.reserved, data.lowercase);
  }
  if (data.merges === undefined) throw bad('a subword tokenizer needs "merges" (an empty list is allowed)');
  checkMerges(data.merges, index, new Set(data.reserved));
  return createSubwordTokenizer(data.vocab, data.merges, data.reserved, data.lowercase);
}
