/**
 * Reads newline-delimited JSON from a byte stream (a `fetch` body) as it arrives: one parsed value per
 * line, without waiting for the end. Works on bytes: each byte is scanned once, a line longer than
 * `maxLineBytes` (in UTF-8 bytes) is refused as soon as it is, and a line that is not UTF-8 or not JSON
 * is an error naming the line. A stream the reader stops early is cancelled.
 */

/** Longest NDJSON line accepted by default (bytes): a frame of 10,000 joints fits many times over. */
export const DEFAULT_MAX_NDJSON_LINE = 16 * 1024 * 1024;

const NEWLINE = 0x0a;

/**
 * Yields the JSON value of each non-empty line of `chunks`.
 *
 * @example
 * ```ts
 * for await (const event of ndjsonValues(response.body)) handle(event);
 * ```
 */
export async function* ndjsonValues(
  chunks: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
  maxLineBytes = DEFAULT_MAX_NDJSON_LINE,
): AsyncGenerator<unknown, void> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  /** The unfinished line: its pieces and their total length. */
  let parts: Uint8Array[] = [];
  let pending = 0;
  let line = 0;
  const tooLong = (): Error =>
    new Error(`line ${line + 1} of the stream is longer than ${maxLineBytes} bytes`);
  const finish = (last: Uint8Array): unknown => {
    line++;
    let bytes = last;
    if (parts.length > 0) {
      bytes = new Uint8Array(pending + last.length);
      let o = 0;
      for (const p of parts) {
        bytes.set(p, o);
        o += p.length;
      }
      bytes.set(last, o);
    }
    parts = [];
    pending = 0;
    let text: string;
    try {
      text = decoder.decode(bytes).trim();
    } catch (cause) {
      throw new Error(`line ${line} of the stream is not valid UTF-8`, { cause });
    }
    if (text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new Error(`line ${line} of the stream is not JSON: ${JSON.stringify(text.slice(0, 80))}`, {
        cause,
      });
    }
  };
  for await (const chunk of iterate(chunks)) {
    let start = 0;
    let nl = chunk.indexOf(NEWLINE, start);
    while (nl >= 0) {
      if (pending + (nl - start) > maxLineBytes) throw tooLong();
      const value = finish(chunk.subarray(start, nl));
      if (value !== undefined) yield value;
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      pending += chunk.length - start;
      if (pending > maxLineBytes) throw tooLong();
      // Copy: the producer may reuse its chunk's memory.
      parts.push(chunk.slice(start));
    }
  }
  if (pending > 0) {
    const value = finish(new Uint8Array(0));
    if (value !== undefined) yield value;
  }
}

async function* iterate(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    // A ReadableStream's own iterator cancels the stream when the loop stops early.
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  // Browsers whose ReadableStream is not async-iterable (Safari).
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
