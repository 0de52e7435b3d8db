/**
 * The vocabulary both tokenizer kinds share: tokens in id order, a token → id map (a `Map`, so tokens
 * such as "__proto__" are ordinary entries), and checked id → token lookups.
 */
import { ERROR_CODES, SignLLMError } from '../errors/signllm-error.ts';
import { UNK_ID } from './special-tokens.ts';

/** Tokens in id order with a reverse index. Built from an already validated list (no duplicates). */
export class Vocabulary {
  /** Tokens in id order. */
  readonly tokens: readonly string[];
  /** Token → id. */
  readonly index: ReadonlyMap<string, number>;

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    const index = new Map<string, number>();
    tokens.forEach((token, id) => {
      index.set(token, id);
    });
    this.index = index;
  }

  /** Number of tokens. */
  get size(): number {
    return this.tokens.length;
  }

  /** Id of `token`, or `UNK_ID`. */
  idOf(token: string): number {
    return this.index.get(token) ?? UNK_ID;
  }

  /** Token of `id`; throws `invalid_argument` for an id that is not an integer in [0, size). */
  tokenOf(id: number): string {
    const token = Number.isInteger(id) ? this.tokens[id] : undefined;
    if (token === undefined) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `token id ${String(id)} is not an integer in [0, ${this.tokens.length}) (the vocabulary size)`,
        { details: { id, vocabSize: this.tokens.length } },
      );
    }
    return token;
  }
}
