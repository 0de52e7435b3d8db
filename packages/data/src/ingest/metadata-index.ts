/**
 * `MetadataIndex`: per-clip text, gloss, language and split from a mapping file, looked up by exact
 * id, then by base name without extension, then by clip folder name. Built by `createMetadataIndex`
 * (in memory: a mapping is one small record per clip, never pose data).
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';

/** What a mapping knows about one clip. Absent fields are unknown, not empty. */
export interface MetadataEntry {
  /** The id as written in the mapping (`dev/clip-1`, `clips/a.pose`, `clip-1`). */
  id: string;
  text?: string;
  gloss?: string;
  /** ISO 639-3 code (already resolved from a tag such as `ASL`). */
  language?: string;
  split?: string;
  /** 1-based line of the entry in its mapping file, for messages. */
  line: number;
}

/** A lookup table of `MetadataEntry`s. */
export interface MetadataIndex {
  /** The mapping file(s) it was read from. */
  readonly source: string;
  /** Number of distinct ids. */
  readonly size: number;
  /** The entry with exactly this id. */
  get(id: string): MetadataEntry | undefined;
  /**
   * The entry for a sample: by exact id, then by the id's base name without extension, then by the
   * clip folder name (exactly, then as a base name). A base name shared by two entries matches none.
   */
  find(id: string, clipFolder?: string): MetadataEntry | undefined;
}

const FIELDS = ['text', 'gloss', 'language', 'split'] as const;

/** Normalises an id for lookup: `\` → `/`, no leading `./`, no trailing `/`. */
export function normaliseId(id: string): string {
  return id
    .trim()
    .replaceAll('\\', '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '');
}

/** The last path segment of an id without a short extension (`dev/a.pose` → `a`). */
export function baseId(id: string): string {
  const norm = normaliseId(id);
  const last = norm.slice(norm.lastIndexOf('/') + 1);
  return last.replace(/\.[A-Za-z][A-Za-z0-9]{0,4}$/, '');
}

function conflicts(a: MetadataEntry, b: MetadataEntry): Array<(typeof FIELDS)[number]> {
  return FIELDS.filter((f) => a[f] !== undefined && b[f] !== undefined && a[f] !== b[f]);
}

/**
 * Builds an index. A repeated id with the same values is merged (fields one side lacks are taken from
 * the other); a repeated id with a different value for a field throws `schemaInvalid` naming both lines.
 *
 * @example
 * ```ts
 * const index = createMetadataIndex([{ id: 'dev/clip-1', text: 'Hello.', line: 2 }], 'map.csv');
 * index.find('clip-1')?.text; // 'Hello.'
 * ```
 */
export function createMetadataIndex(entries: Iterable<MetadataEntry>, source: string): MetadataIndex {
  const exact = new Map<string, MetadataEntry>();
  for (const entry of entries) {
    const id = normaliseId(entry.id);
    const prior = exact.get(id);
    if (!prior) {
      exact.set(id, { ...entry, id });
      continue;
    }
    const bad = conflicts(prior, entry);
    if (bad.length > 0) {
      const f = bad[0]!;
      throw new SignLLMError(
        ERROR_CODES.schemaInvalid,
        `Id "${id}" appears on lines ${prior.line} and ${entry.line} with different ${bad.join(', ')} ` +
          `("${prior[f]}" vs "${entry[f]}")`,
        {
          position: { source, line: entry.line },
          details: { id, lines: [prior.line, entry.line], fields: bad },
        },
      );
    }
    for (const f of FIELDS) if (prior[f] === undefined && entry[f] !== undefined) prior[f] = entry[f];
  }
  // Base name → entry; null marks a base name shared by several ids (ambiguous: no match).
  const byBase = new Map<string, MetadataEntry | null>();
  for (const [id, entry] of exact) {
    const base = baseId(id);
    byBase.set(base, byBase.has(base) ? null : entry);
  }
  const viaBase = (id: string): MetadataEntry | undefined => byBase.get(baseId(id)) ?? undefined;
  return {
    source,
    size: exact.size,
    get: (id) => exact.get(normaliseId(id)),
    find(id, clipFolder) {
      const hit = exact.get(normaliseId(id)) ?? viaBase(id);
      if (hit || clipFolder === undefined) return hit;
      return exact.get(normaliseId(clipFolder)) ?? viaBase(clipFolder);
    },
  };
}
