/**
 * Reads a `.skels` corpus: the `.skels` file plus its line-aligned side files (`.text` sentences,
 * `.gloss` glosses, `.files` clip ids), all streamed in lockstep, one line of each at a time.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { readSkels } from './read-skels.ts';
import { readTextLines, type TextLine } from './read-text-lines.ts';
import {
  type ByteSource,
  resolveMaxLineBytes,
  type SkelsReadOptions,
  type SkelsSequence,
  skelsDialectInfo,
} from './skels-dialect.ts';

/** The files of a corpus split (e.g. `dev.skels`, `dev.text`, `dev.gloss`, `dev.files`). */
export interface SkelsCorpusSources {
  /** The `.skels` file. */
  skels: ByteSource;
  /** Spoken-language sentences, one per sequence. */
  text?: ByteSource;
  /** Glosses, one line per sequence (PHOENIX14T only). */
  gloss?: ByteSource;
  /** Clip ids such as `dev/11August_2010_Wednesday_tagesschau-2`. */
  files?: ByteSource;
}

/** Options of `readSkelsCorpus`. `source` labels the `.skels` file; side labels derive from it. */
export interface SkelsCorpusOptions extends SkelsReadOptions {
  /** Labels of the side files in errors; default: `source` with `.skels` replaced (`dev.text`), else `.text`. */
  labels?: { text?: string; gloss?: string; files?: string };
}

/** One aligned corpus entry. */
export interface SkelsCorpusEntry {
  /** 0-based index (line number − 1). */
  index: number;
  /** The `.files` line (clip id), when a `.files` source was given. */
  id?: string;
  /** The `.text` line, when given. */
  text?: string;
  /** The `.gloss` line, when given. */
  gloss?: string;
  /** The parsed `.skels` line. */
  sequence: SkelsSequence;
}

type SideKey = 'text' | 'gloss' | 'files';
const SIDE_KEYS: readonly SideKey[] = ['text', 'gloss', 'files'];

interface Side {
  key: SideKey;
  label: string;
  lines: AsyncIterator<TextLine, void, undefined>;
}

function sideLabel(key: SideKey, options: SkelsCorpusOptions): string {
  const given = options.labels?.[key];
  if (given !== undefined) return given;
  const base = options.source;
  if (base === undefined) return `.${key}`;
  return base.endsWith('.skels') ? `${base.slice(0, -'.skels'.length)}.${key}` : `${base} (.${key})`;
}

/**
 * Streams a corpus in lockstep: for each `.skels` line, the matching line of every side file given.
 * Side files are decoded as UTF-8 with a fatal decoder (`invalidUtf8` naming file and line); a side
 * file with fewer or more lines than the `.skels` file throws `misaligned` naming the file and line.
 *
 * @example
 * ```ts
 * const open = (ext: string) => createReadStream(`dev.${ext}`);
 * for await (const e of readSkelsCorpus(
 *   { skels: open('skels'), text: open('text'), gloss: open('gloss'), files: open('files') },
 *   { dialect: 'pt', source: 'dev.skels' },
 * )) console.log(e.id, e.gloss, e.sequence.frames);
 * ```
 */
export async function* readSkelsCorpus(
  sources: SkelsCorpusSources,
  options: SkelsCorpusOptions,
): AsyncGenerator<SkelsCorpusEntry, void, undefined> {
  skelsDialectInfo(options.dialect);
  const maxLineBytes = resolveMaxLineBytes(options.maxLineBytes);
  if (sources === null || typeof sources !== 'object') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'readSkelsCorpus expects { skels, text?, gloss?, files? }',
    );
  }
  const skelsLabel = options.source ?? '.skels';
  const sides: Side[] = [];
  for (const key of SIDE_KEYS) {
    const source = sources[key];
    if (source === undefined) continue;
    const label = sideLabel(key, options);
    sides.push({ key, label, lines: readTextLines(source, label, maxLineBytes)[Symbol.asyncIterator]() });
  }
  let count = 0;
  try {
    for await (const seq of readSkels(sources.skels, options)) {
      const { index, frames, valuesPerFrame, values, counter } = seq;
      const entry: SkelsCorpusEntry = { index, sequence: { frames, valuesPerFrame, values, counter } };
      for (const side of sides) {
        const next = await side.lines.next();
        if (next.done) {
          throw new SignLLMError(
            ERROR_CODES.misaligned,
            `${side.label} has only ${index} lines, but ${skelsLabel} has a sequence on line ${index + 1}`,
            { position: { source: side.label, line: index + 1 }, details: { file: side.key, lines: index } },
          );
        }
        if (side.key === 'files') entry.id = next.value.text;
        else entry[side.key] = next.value.text;
      }
      count++;
      yield entry;
    }
    for (const side of sides) {
      const next = await side.lines.next();
      if (!next.done) {
        throw new SignLLMError(
          ERROR_CODES.misaligned,
          `${side.label} has more lines than ${skelsLabel}: its line ${next.value.line} has no sequence ` +
            `(${skelsLabel} has ${count} lines)`,
          {
            position: { source: side.label, line: next.value.line },
            details: { file: side.key, skelsLines: count },
          },
        );
      }
    }
  } finally {
    await Promise.allSettled(sides.map((side) => side.lines.return?.()));
  }
}
