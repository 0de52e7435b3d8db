/**
 * Reads a UTF-8 text stream line by line (the `.text`, `.gloss` and `.files` side files of a `.skels`
 * corpus), holding at most one line. Bytes that are not UTF-8 throw `invalidUtf8` with the line number.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { LineSplitter, type LineView } from './line-splitter.ts';
import type { ByteSource } from './skels-dialect.ts';

/** One decoded line. */
export interface TextLine {
  /** The line without `\n` / `\r\n`. */
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decode(view: LineView, source: string): TextLine {
  let { bytes } = view;
  if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
  try {
    return { text: decoder.decode(bytes), line: view.line };
  } catch (cause) {
    throw new SignLLMError(ERROR_CODES.invalidUtf8, `${source} line ${view.line} is not valid UTF-8`, {
      cause,
      position: { source, line: view.line, byte: view.byte },
    });
  }
}

/**
 * Yields the lines of a UTF-8 byte stream. A final line break is optional; a byte-order mark at the
 * start is dropped; lines longer than `maxLineBytes` throw `tooLarge`.
 *
 * @example
 * ```ts
 * for await (const { text, line } of readTextLines(createReadStream('dev.text'), 'dev.text', 1 << 20)) {}
 * ```
 */
export async function* readTextLines(
  source: ByteSource,
  label: string,
  maxLineBytes: number,
): AsyncGenerator<TextLine, void, undefined> {
  if (source === null || typeof source !== 'object') {
    throw new SignLLMError(
      ERROR_CODES.invalidArgument,
      `${label}: expected an (async) iterable of Uint8Array chunks`,
    );
  }
  const splitter = new LineSplitter(maxLineBytes, label);
  for await (const chunk of source) {
    for (const view of splitter.push(chunk)) yield decode(view, label);
  }
  const last = splitter.finish();
  if (last) yield decode(last, label);
}
