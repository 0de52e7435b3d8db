/**
 * Reads newline-delimited JSON from a byte stream (a `fetch` body) as it arrives: one parsed value per
 * line, without waiting for the end. A line longer than `maxLineBytes` or one that is not JSON is an
 * error naming the line.
 */

/** Longest NDJSON line accepted by default (bytes): a frame of 10,000 joints fits many times over. */
export const DEFAULT_MAX_NDJSON_LINE = 16 * 1024 * 1024;

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
  let pending = '';
  let line = 0;
  const parse = (text: string): unknown => {
    line++;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw new Error(`line ${line} of the stream is not JSON: ${JSON.stringify(text.slice(0, 80))}`, {
        cause,
      });
    }
  };
  for await (const chunk of iterate(chunks)) {
    pending += decoder.decode(chunk, { stream: true });
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const text = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (text !== '') yield parse(text);
      else line++;
      nl = pending.indexOf('\n');
    }
    if (pending.length > maxLineBytes) {
      throw new Error(`line ${line + 1} of the stream is longer than ${maxLineBytes} bytes`);
    }
  }
  pending += decoder.decode();
  if (pending.trim() !== '') yield parse(pending.trim());
}

async function* iterate(
  source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
