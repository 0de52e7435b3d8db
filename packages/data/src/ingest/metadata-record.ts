/**
 * Turns one raw mapping record (a CSV row or a JSONL object) into a `MetadataEntry`: column aliases,
 * language resolution, split and id checks, each failure a `SignLLMError` with the line.
 */
import { ERROR_CODES, type ErrorPosition, resolveLanguage, SignLLMError } from '@signllm/core';
import type { MetadataEntry } from './metadata-index.ts';
import { splitFromId } from './split-from-id.ts';

/** Accepted column names per field, in order of preference (case-insensitive). */
export const METADATA_COLUMNS = {
  id: ['id', 'path', 'file', 'name', 'sentence_name'],
  text: ['text', 'sentence'],
  gloss: ['gloss', 'glosses'],
  language: ['language', 'signed_language', 'lang'],
  split: ['split'],
} as const satisfies Record<string, readonly string[]>;

type Field = keyof typeof METADATA_COLUMNS;

const SPLIT_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The value of the first alias present and non-empty in the record. */
function pick(record: ReadonlyMap<string, string>, field: Field): string | undefined {
  for (const alias of METADATA_COLUMNS[field]) {
    const v = record.get(alias);
    if (v !== undefined && v.trim() !== '') return v;
  }
  return undefined;
}

/** True when the header (lower-cased names) has a column for the id. */
export function hasIdColumn(names: Iterable<string>): boolean {
  const set = new Set(names);
  return METADATA_COLUMNS.id.some((a) => set.has(a));
}

/**
 * Builds an entry from a record whose keys are lower-cased column names. Throws `schemaInvalid` for a
 * missing id or a bad split, `unknownLanguage` (with the line) for a language the registry lacks.
 *
 * @example
 * ```ts
 * recordToEntry(new Map([['id', 'dev/a'], ['lang', 'ASL']]), { source: 'm.csv', line: 2 });
 * // { id: 'dev/a', language: 'ase', split: 'dev', line: 2 }
 * ```
 */
export function recordToEntry(record: ReadonlyMap<string, string>, position: ErrorPosition): MetadataEntry {
  const line = position.line ?? 0;
  const id = pick(record, 'id')?.trim();
  if (!id) {
    throw new SignLLMError(
      ERROR_CODES.schemaInvalid,
      `Row has no id: give one of the columns ${METADATA_COLUMNS.id.join(', ')}`,
      { position },
    );
  }
  const entry: MetadataEntry = { id, line };
  const text = pick(record, 'text');
  if (text !== undefined) entry.text = text;
  const gloss = pick(record, 'gloss');
  if (gloss !== undefined) entry.gloss = gloss.trim();
  const language = pick(record, 'language')?.trim();
  if (language !== undefined) {
    try {
      entry.language = resolveLanguage(language);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new SignLLMError(ERROR_CODES.unknownLanguage, `Row "${id}": ${reason}`, {
        position,
        cause,
        details: { value: language },
      });
    }
  }
  const split = pick(record, 'split')?.trim() ?? splitFromId(id);
  if (split !== undefined) {
    if (!SPLIT_PATTERN.test(split)) {
      throw new SignLLMError(
        ERROR_CODES.schemaInvalid,
        `Row "${id}": split "${split.slice(0, 40)}" must be letters, digits, _ or - (e.g. train, dev, test)`,
        { position },
      );
    }
    entry.split = split;
  }
  return entry;
}
