/**
 * The rules a reserved token must follow, shared by training (→ `invalid_argument`) and loading
 * (→ `format_invalid`): non-empty, at most `MAX_TOKEN_LENGTH` code units, no whitespace, no '▁', equal
 * to its own NFKC form (it is matched in NFKC text) and not one of the special tokens.
 */
import { MAX_TOKEN_LENGTH, SPECIAL_TOKENS, WORD_START } from './special-tokens.ts';

const SPECIALS: ReadonlySet<string> = new Set(SPECIAL_TOKENS);

/**
 * Why `token` cannot be a reserved token, or undefined when it can.
 *
 * @example
 * ```ts
 * reservedTokenProblem('<ase>'); // undefined
 * reservedTokenProblem('a b'); // 'contains whitespace'
 * ```
 */
export function reservedTokenProblem(token: unknown): string | undefined {
  if (typeof token !== 'string') return 'is not a string';
  if (token === '') return 'is empty';
  if (token.length > MAX_TOKEN_LENGTH) return `is longer than ${MAX_TOKEN_LENGTH} characters`;
  if (/\s/u.test(token)) return 'contains whitespace';
  if (token.includes(WORD_START)) return 'contains the word-start marker "▁" (U+2581)';
  if (token.normalize('NFKC') !== token) return 'changes under Unicode NFKC normalisation';
  if (SPECIALS.has(token)) return 'is a special token';
  return undefined;
}
