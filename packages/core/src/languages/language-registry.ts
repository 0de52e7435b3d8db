/**
 * A language registry built from data rows: look up a sign language by its ISO 639-3 code, its
 * Prompt2Sign tag or an alias, case-insensitively, and get the canonical code back.
 */
import { ERROR_CODES, formatOptions, SignLLMError } from '../errors/signllm-error.ts';
import { describeValue } from '../schemas/format-issues.ts';
import { parseWith } from '../schemas/parse-with.ts';
import { type Language, type LanguageInput, LanguageSchema } from './language-schema.ts';

/** Lookups over a fixed set of sign languages. Rows returned are frozen. */
export interface LanguageRegistry {
  /** The language for a code, tag or alias (case-insensitive); throws `unknown_language` if none. */
  get(codeOrAlias: string): Language;
  /** Like `get`, but undefined when unknown. */
  find(codeOrAlias: string): Language | undefined;
  /** True when `codeOrAlias` names a language of this registry. */
  has(codeOrAlias: string): boolean;
  /** The canonical ISO code for a code, tag or alias; throws `unknown_language` if none. */
  resolve(codeOrAlias: string): string;
  /** All languages, in row order. */
  list(): Language[];
  /** All ISO codes, in row order. */
  codes(): string[];
  /** All Prompt2Sign tags, in row order. */
  tags(): string[];
}

type KeyKind = 'code' | 'tag' | 'alias';

interface KeyEntry {
  language: Language;
  kind: KeyKind;
  name: string;
}

/** Longest identifier worth looking up; anything longer cannot be a code, tag or alias. */
const MAX_KEY_LENGTH = 64;

/** Lookup key: trimmed, lowercase, `_` read as `-` (so `LSF_CH`, `lsf-ch` and `LSF-CH` agree). */
function lookupKey(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_KEY_LENGTH) return undefined;
  return value.trim().toLowerCase().replaceAll('_', '-');
}

function freezeLanguage(language: Language): Language {
  return Object.freeze({ ...language, aliases: Object.freeze([...language.aliases]) as string[] });
}

function rowLabel(row: unknown, index: number): string {
  const code = typeof row === 'object' && row !== null ? (row as { code?: unknown }).code : undefined;
  return typeof code === 'string'
    ? `language row ${index} (${describeValue(code)})`
    : `language row ${index}`;
}

function spokenHint(key: string, languages: readonly Language[]): string {
  const matches = languages.filter((l) => {
    const spoken = l.spokenLanguage.toLowerCase();
    return spoken === key || spoken.split('-')[0] === key;
  });
  if (matches.length === 0) return '';
  return `; ${describeValue(key)} is a spoken language: its sign languages here are ${formatOptions(matches.map((l) => l.code))}`;
}

/**
 * Builds a registry from rows (validated with `LanguageSchema`). Codes, tags and aliases must be unique
 * across rows, compared case-insensitively.
 *
 * @throws SignLLMError `schema_invalid` for a bad row, `invalid_argument` for a clash between rows.
 * @example
 * ```ts
 * const registry = createLanguageRegistry([
 *   ...LANGUAGES_DATA,
 *   { code: 'bfi', name: 'British Sign Language', tag: 'BSL', spokenLanguage: 'en-GB' },
 * ]);
 * registry.resolve('bsl'); // 'bfi'
 * ```
 */
export function createLanguageRegistry(rows: readonly LanguageInput[]): LanguageRegistry {
  if (!Array.isArray(rows)) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `Language rows must be an array, got ${describeValue(rows)}`,
    );
  }
  const languages = rows.map((row: unknown, i) =>
    freezeLanguage(parseWith(LanguageSchema, row, rowLabel(row, i))),
  );
  const byKey = new Map<string, KeyEntry>();
  for (const language of languages) {
    const names: [KeyKind, string][] = [
      ['code', language.code],
      ['tag', language.tag],
      ...language.aliases.map((a): [KeyKind, string] => ['alias', a]),
    ];
    for (const [kind, name] of names) {
      const key = lookupKey(name) ?? name;
      const existing = byKey.get(key);
      if (existing === undefined) byKey.set(key, { language, kind, name });
      else if (existing.language !== language) {
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `Language ${kind} "${name}" of "${language.code}" clashes with ${existing.kind} "${existing.name}" of ` +
            `"${existing.language.code}"; codes, tags and aliases must be unique across rows (case-insensitive)`,
          { details: { value: name, code: language.code, other: existing.language.code } },
        );
      }
    }
  }

  const codes = languages.map((l) => l.code);
  const tags = languages.map((l) => l.tag);

  const find = (codeOrAlias: string): Language | undefined => {
    const key = lookupKey(codeOrAlias);
    return key === undefined ? undefined : byKey.get(key)?.language;
  };

  const get = (codeOrAlias: string): Language => {
    const found = find(codeOrAlias);
    if (found) return found;
    const key = lookupKey(codeOrAlias);
    throw new SignLLMError(
      ERROR_CODES.unknownLanguage,
      `Unknown sign language ${describeValue(codeOrAlias)}; valid codes are ${formatOptions(codes)}` +
        ` and Prompt2Sign tags ${formatOptions(tags)}${key === undefined ? '' : spokenHint(key, languages)}`,
      { details: { value: codeOrAlias, codes, tags } },
    );
  };

  return {
    get,
    find,
    has: (codeOrAlias) => find(codeOrAlias) !== undefined,
    resolve: (codeOrAlias) => get(codeOrAlias).code,
    list: () => [...languages],
    codes: () => [...codes],
    tags: () => [...tags],
  };
}
