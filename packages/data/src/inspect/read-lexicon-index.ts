/**
 * Reads a pose lexicon's `index.csv` (spoken-to-signed-translation's format:
 * `path,spoken_language,signed_language,start,end,words,glosses,priority`, start/end in ms, end 0 = to
 * the end of the clip).
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/** One lexicon entry. */
export interface LexiconRow {
  /** Clip path relative to the index. */
  path: string;
  /** Spoken language (ISO 639-1). */
  spokenLanguage: string;
  /** Signed language (ISO 639-3). */
  signedLanguage: string;
  /** Start of the sign in the clip, ms. */
  startMs: number;
  /** End of the sign in the clip, ms (0: the end of the clip). */
  endMs: number;
  /** Spoken words the sign stands for. */
  words: string;
  /** Gloss of the sign. */
  glosses: string;
  /** Lower is preferred. */
  priority: number;
}

const REQUIRED = ['path', 'spoken_language', 'signed_language', 'start', 'end', 'words', 'glosses'] as const;

/** Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, CRLF). */
export function parseCsv(text: string, source = 'csv', delimiter: ',' | '\t' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (quoted)
    throw new SignLLMError(ERROR_CODES.truncated, 'Unterminated quoted field', {
      position: { source, line },
    });
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Parses a lexicon index.
 *
 * @example
 * ```ts
 * const rows = readLexiconIndex(await readFile('lexicon/index.csv', 'utf8'));
 * ```
 */
export function readLexiconIndex(text: string, source = 'index.csv'): LexiconRow[] {
  const [header, ...body] = parseCsv(text, source);
  if (!header) throw new SignLLMError(ERROR_CODES.badFormat, `${source} is empty`);
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length) {
    throw new SignLLMError(ERROR_CODES.badFormat, `${source} lacks the column(s) ${missing.join(', ')}`, {
      details: { header, required: REQUIRED },
    });
  }
  return body.map((fields, i) => {
    const line = i + 2;
    const get = (name: string): string => fields[col.get(name) ?? -1] ?? '';
    const num = (name: string, fallback?: number): number => {
      const raw = get(name).trim();
      if (raw === '' && fallback !== undefined) return fallback;
      const v = Number(raw);
      if (!Number.isFinite(v) || v < 0) {
        throw new SignLLMError(
          ERROR_CODES.invalidNumber,
          `Column ${name} must be a number ≥ 0, got "${raw}"`,
          {
            position: { source, line },
          },
        );
      }
      return v;
    };
    const path = get('path');
    if (!path || path.includes('..') || path.startsWith('/')) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `Invalid clip path "${path}" (must be relative, without ..)`,
        {
          position: { source, line },
        },
      );
    }
    return {
      path,
      spokenLanguage: get('spoken_language'),
      signedLanguage: get('signed_language'),
      startMs: num('start'),
      endMs: num('end'),
      words: get('words'),
      glosses: get('glosses'),
      priority: num('priority', 0),
    };
  });
}
