/**
 * Splits a byte stream into lines across arbitrary chunk boundaries while holding at most one
 * unfinished line. A line that lies inside one chunk is handed out as a view of that chunk (no copy);
 * only a line that spans chunks is copied into the internal buffer, which grows to the longest such
 * line and never past `maxLineBytes`.
 */
import { ERROR_CODES, SignLLMError } from '../../errors/signllm-error.ts';
import { isUint8Array } from '../../util/typed-array-checks.ts';

/** One line handed out by the splitter. The bytes are only valid until the splitter is called again. */
export interface LineView {
  /** The line's bytes without its `\n` (a `\r` before it is kept). */
  readonly bytes: Uint8Array;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the line's first byte in the whole stream. */
  readonly byte: number;
  /** False for a last line that has no final `\n`. */
  readonly terminated: boolean;
}

const NEWLINE = 10;

/**
 * Incremental line splitter over `Uint8Array` chunks. Strips a UTF-8 byte-order mark at the start of
 * the stream. Throws `tooLarge` as soon as a line grows past `maxLineBytes`.
 *
 * @example
 * ```ts
 * const splitter = new LineSplitter(1 << 20, 'dev.skels');
 * for (const chunk of chunks) for (const line of splitter.push(chunk)) use(line.bytes);
 * const last = splitter.finish(); // the unterminated last line, if any
 * ```
 */
export class LineSplitter {
  readonly maxLineBytes: number;
  readonly source: string | undefined;
  #buffer: Uint8Array = new Uint8Array(0);
  #length = 0;
  #line = 0;
  #byte = 0;

  constructor(maxLineBytes: number, source?: string) {
    this.maxLineBytes = maxLineBytes;
    this.source = source;
  }

  /** Bytes of the unfinished line currently held. */
  get bufferedBytes(): number {
    return this.#length;
  }

  /** Size of the internal buffer (the largest line that spanned chunks so far, rounded up). */
  get capacity(): number {
    return this.#buffer.length;
  }

  /** Number of lines handed out so far. */
  get lines(): number {
    return this.#line;
  }

  /** Feeds a chunk and yields every line it completes. */
  *push(chunk: Uint8Array): Generator<LineView, void, undefined> {
    if (!isUint8Array(chunk)) {
      throw new SignLLMError(
        ERROR_CODES.invalidArgument,
        `A line source must yield Uint8Array chunks, got ${chunk === null ? 'null' : typeof chunk}`,
        this.source === undefined ? {} : { position: { source: this.source } },
      );
    }
    let p = 0;
    const n = chunk.length;
    while (p < n) {
      const nl = chunk.indexOf(NEWLINE, p);
      if (nl < 0) {
        this.#append(chunk, p, n);
        return;
      }
      let bytes: Uint8Array;
      if (this.#length === 0) {
        this.#check(nl - p);
        bytes = chunk.subarray(p, nl);
      } else {
        this.#append(chunk, p, nl);
        bytes = this.#buffer.subarray(0, this.#length);
        this.#length = 0;
      }
      p = nl + 1;
      yield this.#emit(bytes, true);
    }
  }

  /** Ends the stream: returns the last line when it has no final `\n`, else `undefined`. */
  finish(): LineView | undefined {
    if (this.#length === 0) return undefined;
    const bytes = this.#buffer.subarray(0, this.#length);
    this.#length = 0;
    return this.#emit(bytes, false);
  }

  #emit(bytes: Uint8Array, terminated: boolean): LineView {
    let start = this.#byte;
    this.#byte += bytes.length + (terminated ? 1 : 0);
    this.#line++;
    let view = bytes;
    if (
      this.#line === 1 &&
      bytes.length >= 3 &&
      bytes[0] === 0xef &&
      bytes[1] === 0xbb &&
      bytes[2] === 0xbf
    ) {
      view = bytes.subarray(3);
      start += 3;
    }
    return { bytes: view, line: this.#line, byte: start, terminated };
  }

  #check(length: number): void {
    if (length <= this.maxLineBytes) return;
    throw new SignLLMError(
      ERROR_CODES.tooLarge,
      `Line ${this.#line + 1} is longer than maxLineBytes = ${this.maxLineBytes} bytes; ` +
        'raise the maxLineBytes option if the file really has lines this long',
      {
        position: {
          ...(this.source === undefined ? {} : { source: this.source }),
          line: this.#line + 1,
          byte: this.#byte,
        },
        details: { maxLineBytes: this.maxLineBytes, atLeast: length },
      },
    );
  }

  #append(chunk: Uint8Array, from: number, to: number): void {
    const needed = this.#length + (to - from);
    this.#check(needed);
    if (needed > this.#buffer.length) {
      const size = Math.min(this.maxLineBytes, Math.max(needed, this.#buffer.length * 2, 4096));
      const next = new Uint8Array(size);
      next.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = next;
    }
    this.#buffer.set(chunk.subarray(from, to), this.#length);
    this.#length = needed;
  }
}
