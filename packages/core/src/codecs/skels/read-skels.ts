/**
 * Whole-file `.skels` readers: `readSkels` streams sequences from byte chunks holding at most one line,
 * `parseSkels` parses a complete text or byte array synchronously.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { isUint8Array } from '../../util/typed-array-checks.ts';
import { LineSplitter, type LineView } from './line-splitter.ts';
import { createFloatSink, type FloatSink } from './parse-float-tokens.ts';
import { decodeSkelsLine } from './parse-skels-line.ts';
import {
  type ByteSource,
  resolveMaxLineBytes,
  type SkelsDialectInfo,
  type SkelsReadOptions,
  type SkelsSequence,
  skelsDialectInfo,
} from './skels-dialect.ts';

/** A sequence with its 0-based position in the file (line number − 1). */
export interface IndexedSkelsSequence extends SkelsSequence {
  /** 0-based sequence index. */
  readonly index: number;
}

function decodeView(
  view: LineView,
  info: SkelsDialectInfo,
  sink: FloatSink,
  source: string | undefined,
): SkelsSequence {
  const { bytes, line, byte } = view;
  return decodeSkelsLine(bytes, 0, bytes.length, info, sink, { source, line, byte }, !view.terminated);
}

function indexed(view: LineView, seq: SkelsSequence): IndexedSkelsSequence {
  return { index: view.line - 1, ...seq };
}

/** Creates the splitter a reader uses; exported for tests that watch its buffer. */
export function createSkelsSplitter(options: SkelsReadOptions): LineSplitter {
  return new LineSplitter(resolveMaxLineBytes(options.maxLineBytes), options.source);
}

/**
 * Streams the sequences of a `.skels` file, one per line, from byte chunks split anywhere (inside a
 * number, inside `\r\n`). Memory is bounded by one line: complete lines are parsed straight from the
 * chunk, and only a line that spans chunks is buffered (up to `maxLineBytes`, default 512 MiB, beyond
 * which it throws `tooLarge`). Chunks are pulled only as sequences are consumed.
 *
 * @example
 * ```ts
 * import { createReadStream } from 'node:fs';
 * for await (const seq of readSkels(createReadStream('dev.skels'), { dialect: 'pt', source: 'dev.skels' })) {
 *   console.log(seq.index, seq.frames);
 * }
 * ```
 */
export async function* readSkels(
  source: ByteSource,
  options: SkelsReadOptions,
): AsyncGenerator<IndexedSkelsSequence, void, undefined> {
  const info = skelsDialectInfo(options.dialect);
  const splitter = createSkelsSplitter(options);
  yield* readSkelsWith(splitter, source, info, options.source);
}

/** `readSkels` over a given splitter (tests inspect the splitter's buffer while reading). */
export async function* readSkelsWith(
  splitter: LineSplitter,
  source: ByteSource,
  info: SkelsDialectInfo,
  label: string | undefined,
): AsyncGenerator<IndexedSkelsSequence, void, undefined> {
  if (source === null || typeof source !== 'object') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      'readSkels expects an (async) iterable of Uint8Array chunks',
    );
  }
  const sink = createFloatSink(4096);
  for await (const chunk of source) {
    for (const view of splitter.push(chunk)) yield indexed(view, decodeView(view, info, sink, label));
  }
  const last = splitter.finish();
  if (last) yield indexed(last, decodeView(last, info, sink, label));
}

/**
 * Parses a whole `.skels` file synchronously: one sequence per line (`\n` or `\r\n`; a final line
 * break is optional; a blank line is a sequence of 0 frames). Errors as for `readSkels`.
 *
 * @example
 * ```ts
 * const seqs = parseSkels(readFileSync('dev.skels'), { dialect: 'pt', source: 'dev.skels' });
 * seqs[0].frames; // 42 for the first PHOENIX14T dev sequence
 * ```
 */
export function parseSkels(text: string | Uint8Array, options: SkelsReadOptions): SkelsSequence[] {
  const info = skelsDialectInfo(options.dialect);
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  if (!isUint8Array(bytes)) {
    throw new SignLLMError(ERROR_CODES.invalidArgument, 'parseSkels expects a string or a Uint8Array');
  }
  const splitter = createSkelsSplitter(options);
  const sink = createFloatSink(4096);
  const out: SkelsSequence[] = [];
  for (const view of splitter.push(bytes)) out.push(decodeView(view, info, sink, options.source));
  const last = splitter.finish();
  if (last) out.push(decodeView(last, info, sink, options.source));
  return out;
}
