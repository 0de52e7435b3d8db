/**
 * Streams a pose lexicon (a folder with `index.csv` and `.pose` clips) as `Sample`s, one per index
 * row: the row's clip cut to [start, end) ms, with words as text, glosses as gloss and the signed
 * language. One clip is held in memory at a time.
 */
import { basename, extname, join } from 'node:path';
import {
  ERROR_CODES,
  type PoseSequence,
  poseFileToSequence,
  readPose,
  resolveLanguage,
  SignLLMError,
  sliceSeconds,
} from '@signllm/core';
import { readLexiconIndex } from '../inspect/read-lexicon-index.ts';
import type { Sample } from '../sample.ts';
import { readBoundedFile } from './read-bounded-file.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a lexicon folder. Id: the clip path without extension (`sgg/kleine`; a clip listed twice gets
 * `#<line>` on its later rows). `end` 0 means the end of the clip; an end past the clip is clamped;
 * a row selecting no frame, an end before the start, an unknown `signed_language` or an unreadable
 * clip throws a `SignLLMError` naming the index line. Rows with an empty `signed_language` get the
 * default language later.
 *
 * @example
 * ```ts
 * for await (const s of readLexiconUnit({ path: 'lexicon/sgg-dummy', key: 'sgg-dummy' })) {
 *   console.log(s.id, s.language, s.gloss); // sgg/kleine sgg Kleine
 * }
 * ```
 */
export async function* readLexiconUnit(
  unit: { path: string; key: string },
  options: { maxFileBytes?: number } = {},
): AsyncGenerator<Sample, void, undefined> {
  const indexPath = join(unit.path, 'index.csv');
  let text: string;
  try {
    text = UTF8.decode(await readBoundedFile(indexPath, 64 * 1024 * 1024));
  } catch (cause) {
    if (SignLLMError.isInstance(cause)) throw cause;
    throw new SignLLMError(ERROR_CODES.invalidUtf8, `${indexPath} is not valid UTF-8`, { cause });
  }
  const rows = readLexiconIndex(text.replace(/^\uFEFF/, ''), indexPath);
  if (rows.length === 0)
    throw new SignLLMError(ERROR_CODES.badFormat, `The lexicon ${indexPath} has no rows`);
  const seen = new Set<string>();
  let cached: { path: string; sequence: PoseSequence } | undefined;
  for (const [i, row] of rows.entries()) {
    const line = i + 2;
    const position = { source: indexPath, line };
    const clipPath = join(unit.path, row.path);
    if (cached?.path !== clipPath) {
      const bytes = await readBoundedFile(clipPath, options.maxFileBytes).catch((cause: unknown) => {
        if (SignLLMError.isInstance(cause)) throw cause;
        const code = (cause as { code?: unknown } | null)?.code ?? String(cause);
        throw new SignLLMError(
          ERROR_CODES.invalidArgument,
          `Row ${row.path}: the clip cannot be read (${code})`,
          {
            position,
            cause,
          },
        );
      });
      cached = {
        path: clipPath,
        sequence: poseFileToSequence(readPose(bytes, { source: clipPath, zeroCopy: true })),
      };
    }
    const full = cached.sequence;
    const endMs = row.endMs > 0 ? row.endMs : undefined;
    if (endMs !== undefined && endMs < row.startMs) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `Row ${row.path}: end ${endMs} ms is before start ${row.startMs} ms`,
        {
          position,
        },
      );
    }
    const sequence = sliceSeconds(full, row.startMs / 1000, endMs === undefined ? undefined : endMs / 1000);
    if (sequence.frames === 0) {
      throw new SignLLMError(
        ERROR_CODES.badFormat,
        `Row ${row.path}: [${row.startMs}, ${endMs ?? 'end'}) ms selects no frame of a clip of ` +
          `${full.frames} frames at ${full.fps} fps`,
        { position },
      );
    }
    let id = row.path.slice(0, row.path.length - extname(row.path).length) || basename(row.path);
    if (seen.has(id)) id = `${id}#${line}`;
    seen.add(id);
    const sample: Sample = { id, sequence, source: `${unit.key}/${row.path}` };
    if (row.words) sample.text = row.words;
    if (row.glosses) sample.gloss = row.glosses;
    const lang = row.signedLanguage.trim();
    if (lang) {
      try {
        sample.language = resolveLanguage(lang);
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new SignLLMError(ERROR_CODES.unknownLanguage, `Row ${row.path}: ${reason}`, {
          position,
          cause,
        });
      }
    }
    yield sample;
  }
}
