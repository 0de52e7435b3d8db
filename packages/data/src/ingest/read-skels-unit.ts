/**
 * Streams a `.skels` corpus (the `.skels` file and its line-aligned `.text`, `.gloss`, `.files`
 * beside it) as `Sample`s, one per line, holding one line of each file at a time.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import {
  DWPOSE_DEFAULT_FPS,
  ERROR_CODES,
  readSkelsCorpus,
  SignLLMError,
  type SkelsDialect,
  skelsDialectInfo,
  skelsToPoseSequence,
} from '@signllm/core';
import { detectSkelsDialect } from '../inspect/detect-skels-dialect.ts';
import type { Sample } from '../sample.ts';
import { SPLIT_NAMES, splitFromId, unquoteCsvLine } from './split-from-id.ts';

/** Options of `readSkelsUnit`. */
export interface SkelsUnitOptions {
  /** Force the dialect; it must agree with the first line when that line tells. Default: detected. */
  dialect?: SkelsDialect;
  /** Frames per second (default 25 for `pt` / `p2s`, the PHOENIX14T rate; 24 for `dwpose`). */
  fps?: number;
}

/**
 * The dialect to read `path` in: detected from the first line, or the forced one, which must not
 * contradict what the first line's counter says (`badFormat` naming both dialects otherwise).
 *
 * @example
 * ```ts
 * await resolveSkelsDialect('dev.skels'); // 'pt' for PHOENIX14T
 * ```
 */
export async function resolveSkelsDialect(path: string, forced?: SkelsDialect): Promise<SkelsDialect> {
  if (forced === undefined) return detectSkelsDialect(path);
  skelsDialectInfo(forced);
  let detected: SkelsDialect;
  try {
    detected = await detectSkelsDialect(path);
  } catch (error) {
    if (SignLLMError.isInstance(error)) return forced; // the first line cannot tell: trust the caller
    throw error;
  }
  if (detected !== forced) {
    throw new SignLLMError(
      ERROR_CODES.badFormat,
      `${path} was to be read as the "${forced}" .skels dialect, but its first line is laid out as ` +
        `"${detected}" (${skelsDialectInfo(detected).width} numbers a frame, its counter progression); ` +
        `drop the dialect option or pass "${detected}"`,
      { position: { source: path, line: 1 }, details: { forced, detected } },
    );
  }
  return forced;
}

const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * Reads a `.skels` corpus. Per line: id from `.files` (else `<stem>/<line>`), split from the id prefix
 * (`dev/...`) or else from the file stem when it is `train`, `dev` or `test`, text from `.text`
 * (unquoted when written as one CSV field), gloss from `.gloss`. Coordinates stay as written in the
 * file (no ÷3 / ÷9 undone: normalisation later removes the scale). A side file with a different
 * number of lines throws `misaligned`; a blank line (no frames) throws `badFormat`.
 *
 * @example
 * ```ts
 * for await (const s of readSkelsUnit({ path: 'phoenix/dev.skels', key: 'phoenix/dev.skels' })) {
 *   console.log(s.id, s.split, s.gloss); // dev/11August_2010_Wednesday_tagesschau-2 dev DRUCK TIEF KOMMEN
 * }
 * ```
 */
export async function* readSkelsUnit(
  unit: { path: string; key: string },
  options: SkelsUnitOptions = {},
): AsyncGenerator<Sample, void, undefined> {
  const dialect = await resolveSkelsDialect(unit.path, options.dialect);
  const fps = options.fps ?? (dialect === 'dwpose' ? DWPOSE_DEFAULT_FPS : 25);
  const stemName = basename(unit.path, extname(unit.path));
  const stem = join(dirname(unit.path), stemName);
  const streams: ReadStream[] = [];
  const open = async (ext: string): Promise<ReadStream | undefined> => {
    if (!(await isFile(stem + ext))) return undefined;
    const s = createReadStream(stem + ext);
    streams.push(s);
    return s;
  };
  const [text, gloss, files] = [await open('.text'), await open('.gloss'), await open('.files')];
  const sources = {
    skels: createReadStream(unit.path),
    ...(text && { text }),
    ...(gloss && { gloss }),
    ...(files && { files }),
  };
  streams.push(sources.skels);
  const fileSplit = SPLIT_NAMES.includes(stemName) ? stemName : undefined;
  try {
    for await (const entry of readSkelsCorpus(sources, {
      dialect,
      source: unit.path,
      labels: { text: `${stem}.text`, gloss: `${stem}.gloss`, files: `${stem}.files` },
    })) {
      const line = entry.index + 1;
      if (entry.sequence.frames === 0) {
        throw new SignLLMError(ERROR_CODES.badFormat, `Line ${line} of ${unit.path} has no frames`, {
          position: { source: unit.path, line },
        });
      }
      const id = entry.id?.trim() || `${stemName}/${line}`;
      const sample: Sample = {
        id,
        sequence: skelsToPoseSequence(entry.sequence, { dialect, fps }),
        source: unit.key,
      };
      const split = (entry.id && splitFromId(id)) || fileSplit;
      if (split) sample.split = split;
      if (entry.text?.trim()) sample.text = unquoteCsvLine(entry.text.trim());
      if (entry.gloss?.trim()) sample.gloss = entry.gloss.trim();
      yield sample;
    }
  } finally {
    for (const s of streams) s.destroy();
  }
}
