/**
 * `readMetadataMapping`: reads a clip → text / gloss / language / split mapping from a CSV file
 * (header row), a JSONL file (one object per line), or a How2Sign-style line-aligned pair
 * `X.files` + `X.text` (+ optional `X.gloss`). JSONL and the pair are streamed line by line; a CSV is
 * read whole (quoted fields may span lines) after size and line-length checks.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ERROR_CODES, readTextLines, SignLLMError } from '@signllm/core';
import { parseCsv } from '../inspect/read-lexicon-index.ts';
import { createMetadataIndex, type MetadataEntry, type MetadataIndex } from './metadata-index.ts';
import { hasIdColumn, METADATA_COLUMNS, recordToEntry } from './metadata-record.ts';
import { SPLIT_NAMES, splitFromId, unquoteCsvLine } from './split-from-id.ts';

/** Limits of `readMetadataMapping`. */
export interface MetadataMappingOptions {
  /** Largest CSV file read (default 256 MiB); larger throws `tooLarge`. */
  maxBytes?: number;
  /** Longest line in bytes (CSV: characters) accepted (default 1 MiB); longer throws `tooLarge`. */
  maxLineBytes?: number;
}

const MIB = 1024 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function limit(value: number | undefined, fallback: number, what: string): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v <= 0) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, `${what} must be a positive integer, got ${v}`);
  }
  return v;
}

/** Start line of each CSV record, following `parseCsv`'s rules (blank lines are not records). */
function csvRecordLines(text: string, delimiter: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let rowStart = 1;
  let quoted = false;
  let fieldStart = true;
  let rowEmpty = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') i++;
      else if (ch === '"') quoted = false;
      else if (ch === '\n') line++;
    } else if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      rowEmpty = false;
    } else if (ch === delimiter) {
      fieldStart = true;
      rowEmpty = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!rowEmpty) starts.push(rowStart);
      line++;
      rowStart = line;
      rowEmpty = true;
      fieldStart = true;
    } else {
      fieldStart = false;
      rowEmpty = false;
    }
  }
  if (!rowEmpty) starts.push(rowStart);
  return starts;
}

function checkLineLengths(text: string, max: number, source: string): void {
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > max) {
      throw new SignLLMError(
        ERROR_CODES.tooLarge,
        `Line ${line} of ${source} has ${end - start} characters; the limit is ${max} (maxLineBytes)`,
        { position: { source, line } },
      );
    }
    if (nl < 0) break;
    start = nl + 1;
  }
}

async function readCsvMapping(path: string, options: MetadataMappingOptions): Promise<MetadataEntry[]> {
  const maxBytes = limit(options.maxBytes, 256 * MIB, 'maxBytes');
  const size = (await stat(path)).size;
  if (size > maxBytes) {
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `${path} is ${size} bytes; the limit for a CSV mapping is ${maxBytes} (maxBytes)`,
      { position: { source: path } },
    );
  }
  let text: string;
  try {
    text = UTF8.decode(await readFile(path));
  } catch (cause) {
    throw new SignLLMError(ERROR_CODES.invalidUtf8, `${path} is not valid UTF-8 text`, { cause });
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  checkLineLengths(text, limit(options.maxLineBytes, MIB, 'maxLineBytes'), path);
  // Tab-separated when the header has tabs and no commas (How2Sign's .csv files are), or for .tsv.
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')) || text.length);
  const tabs =
    extname(path).toLowerCase() === '.tsv' || (firstLine.includes('\t') && !firstLine.includes(','));
  const rows = parseCsv(text, path, tabs ? '\t' : ',');
  const starts = csvRecordLines(text, tabs ? '\t' : ',');
  const lineOf = (row: number): number => (starts.length === rows.length ? starts[row]! : row + 1);
  const [header, ...body] = rows;
  if (!header) throw new SignLLMError(ERROR_CODES.badFormat, `${path} is empty: expected a header row`);
  const names = header.map((h) => h.trim().toLowerCase());
  if (!hasIdColumn(names)) {
    throw new SignLLMError(
      ERROR_CODES.schemaInvalid,
      `${path} has no id column: its header must name one of ${METADATA_COLUMNS.id.join(', ')} ` +
        `(found ${names.slice(0, 10).join(', ')})`,
      { position: { source: path, line: lineOf(0) }, details: { header: names.slice(0, 50) } },
    );
  }
  return body.map((fields, i) => {
    const line = lineOf(i + 1);
    if (fields.length !== names.length) {
      throw new SignLLMError(
        ERROR_CODES.schemaInvalid,
        `Row has ${fields.length} fields but the header has ${names.length}`,
        { position: { source: path, line } },
      );
    }
    return recordToEntry(new Map(names.map((n, k) => [n, fields[k]!])), { source: path, line });
  });
}

async function* readJsonlMapping(
  path: string,
  options: MetadataMappingOptions,
): AsyncGenerator<MetadataEntry> {
  const maxLine = limit(options.maxLineBytes, MIB, 'maxLineBytes');
  for await (const { text, line } of readTextLines(createReadStream(path), path, maxLine)) {
    if (text.trim() === '') continue;
    const position = { source: path, line };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new SignLLMError(ERROR_CODES.badFormat, `Line ${line} is not valid JSON: ${reason}`, {
        position,
        cause,
      });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new SignLLMError(ERROR_CODES.schemaInvalid, `Line ${line} is not a JSON object`, { position });
    }
    const record = new Map<string, string>();
    for (const [key, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') record.set(key.toLowerCase(), v);
      else if (typeof v === 'number' && Number.isFinite(v)) record.set(key.toLowerCase(), String(v));
      else {
        throw new SignLLMError(
          ERROR_CODES.schemaInvalid,
          `Line ${line}: "${key.slice(0, 40)}" must be a string, got ${Array.isArray(v) ? 'an array' : typeof v}`,
          { position },
        );
      }
    }
    yield recordToEntry(record, position);
  }
}

async function* readPairMapping(
  path: string,
  options: MetadataMappingOptions,
): AsyncGenerator<MetadataEntry> {
  const maxLine = limit(options.maxLineBytes, MIB, 'maxLineBytes');
  const stem = join(dirname(path), basename(path, extname(path)));
  const exists = (p: string) =>
    stat(p).then(
      (s) => s.isFile(),
      () => false,
    );
  const [filesOk, textOk, glossOk] = await Promise.all(
    ['.files', '.text', '.gloss'].map((e) => exists(stem + e)),
  );
  if (!filesOk || !textOk) {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `A line-aligned mapping needs both ${stem}.files and ${stem}.text (missing: ${[
        filesOk ? '' : '.files',
        textOk ? '' : '.text',
      ]
        .filter(Boolean)
        .join(', ')})`,
    );
  }
  const open = (ext: string) => readTextLines(createReadStream(stem + ext), stem + ext, maxLine);
  const ids = open('.files');
  const sides = [
    { ext: '.text', lines: open('.text') },
    ...(glossOk ? [{ ext: '.gloss', lines: open('.gloss') }] : []),
  ];
  // `dev.files` lists the dev split: ids without a split prefix take the stem's.
  const stemSplit = SPLIT_NAMES.includes(basename(stem)) ? basename(stem) : undefined;
  let count = 0;
  try {
    for await (const { text: rawId, line } of ids) {
      const entry: MetadataEntry = { id: rawId.trim(), line };
      if (!entry.id) {
        throw new SignLLMError(ERROR_CODES.schemaInvalid, `Line ${line} has no id`, {
          position: { source: `${stem}.files`, line },
        });
      }
      const split = splitFromId(entry.id) ?? stemSplit;
      if (split) entry.split = split;
      for (const side of sides) {
        const next = await side.lines.next();
        if (next.done) {
          throw new SignLLMError(
            ERROR_CODES.misaligned,
            `${stem}${side.ext} has only ${line - 1} lines, but ${stem}.files has a line ${line}`,
            { position: { source: stem + side.ext, line } },
          );
        }
        if (side.ext === '.text') entry.text = unquoteCsvLine(next.value.text);
        else entry.gloss = next.value.text.trim();
      }
      count = line;
      yield entry;
    }
    for (const side of sides) {
      const next = await side.lines.next();
      if (!next.done) {
        throw new SignLLMError(
          ERROR_CODES.misaligned,
          `${stem}${side.ext} has more lines than ${stem}.files (${count}): line ${next.value.line} has no id`,
          { position: { source: stem + side.ext, line: next.value.line } },
        );
      }
    }
  } finally {
    await Promise.allSettled([ids.return(), ...sides.map((s) => s.lines.return())]);
  }
}

/**
 * Reads a mapping into a `MetadataIndex`. Columns (CSV header or JSONL keys, case-insensitive): the id
 * (`id`, `path`, `file` or `name`), `text`/`sentence`, `gloss`/`glosses`, `language`/`signed_language`/
 * `lang` (ISO 639-3 code or Prompt2Sign tag such as `ASL`, resolved with `resolveLanguage`), `split`
 * (else taken from an id prefix such as `dev/`, or for the pair from a `train`/`dev`/`test` stem). Empty cells are unknown. In the line-aligned pair
 * the `.text` lines written as one CSV-quoted field are unquoted.
 *
 * Errors, with file and line: `schemaInvalid` (no id, bad split, a repeated id with different values,
 * wrong field count, non-object JSON line), `unknownLanguage`, `badFormat` (invalid JSON line),
 * `misaligned` (pair line counts differ), `tooLarge`, `invalidUtf8`; `invalidArgument` for an
 * unsupported extension or a missing file.
 *
 * @example
 * ```ts
 * const index = await readMetadataMapping('how2sign-text/dev.files');
 * index.find('_2FBDaOPYig_3-3-rgb_front')?.text; // 'I bought this at the store and ...'
 * ```
 */
export async function readMetadataMapping(
  path: string,
  options: MetadataMappingOptions = {},
): Promise<MetadataIndex> {
  const ext = extname(path).toLowerCase();
  const isPair = ext === '.files' || ext === '.text' || ext === '.gloss';
  if (!isPair) {
    const ok = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!ok) throw new SignLLMError(ERROR_CODES.invalidArgument, `No such mapping file: ${path}`);
  }
  try {
    if (ext === '.csv' || ext === '.tsv')
      return createMetadataIndex(await readCsvMapping(path, options), path);
    const entries: MetadataEntry[] = [];
    if (ext === '.jsonl' || ext === '.ndjson')
      for await (const e of readJsonlMapping(path, options)) entries.push(e);
    else if (isPair) for await (const e of readPairMapping(path, options)) entries.push(e);
    else {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Cannot read ${path} as a metadata mapping; supported: .csv, .jsonl (or .ndjson), .tsv (How2Sign's tab-separated files too) and X.files + X.text`,
      );
    }
    return createMetadataIndex(entries, isPair ? `${path.slice(0, -ext.length)}.files` : path);
  } catch (error) {
    if (SignLLMError.isInstance(error)) throw error;
    throw new SignLLMError(ERROR_CODES.invalidArgument, `Cannot read the mapping ${path}: ${String(error)}`, {
      cause: error,
    });
  }
}
