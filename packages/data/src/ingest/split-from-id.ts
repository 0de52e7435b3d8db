/**
 * Small text helpers of ingest: the split a clip id names (`dev/11August_...` → `dev`) and the
 * unquoting of sentence lines that were written as CSV fields (How2Sign's `dev.text`).
 */

/** Split names an id prefix or a corpus file stem may carry. */
export const SPLIT_NAMES: readonly string[] = ['train', 'dev', 'test'];

/**
 * The split named by an id's first path segment (`dev/clip` → `dev`), or undefined.
 *
 * @example
 * ```ts
 * splitFromId('dev/11August_2010_Wednesday_tagesschau-2'); // 'dev'
 * splitFromId('clip-1'); // undefined
 * ```
 */
export function splitFromId(id: string): string | undefined {
  const slash = id.replaceAll('\\', '/').indexOf('/');
  if (slash <= 0) return undefined;
  const head = id.slice(0, slash);
  return SPLIT_NAMES.includes(head) ? head : undefined;
}

const CSV_QUOTED = /^"((?:[^"]|"")*)"$/;

/**
 * Undoes CSV quoting of a whole line: `"say ""hi"", then"` → `say "hi", then`. A line that is not
 * exactly one quoted field (no surrounding quotes, or a lone quote inside) is returned as is.
 *
 * @example
 * ```ts
 * unquoteCsvLine('"So we go up and down; down and up."'); // 'So we go up and down; down and up.'
 * ```
 */
export function unquoteCsvLine(line: string): string {
  const m = CSV_QUOTED.exec(line);
  return m ? m[1]!.replaceAll('""', '"') : line;
}
