import { describe, expect, it } from 'vitest';
import { ndjsonValues } from './ndjson.ts';

const enc = new TextEncoder();

async function collect(chunks: Uint8Array[], max?: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const v of ndjsonValues(chunks_(chunks), max)) out.push(v);
  return out;
}

async function* chunks_(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

describe('ndjsonValues', () => {
  it('yields one value per line across arbitrary chunk boundaries, multi-byte characters included', async () => {
    const text = '{"a":1}\n{"gloss":"GRÜEZI"}\n\n[1,2,3]\n"last"';
    const bytes = enc.encode(text);
    for (const size of [1, 2, 3, 7, bytes.length]) {
      const parts: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
      expect(await collect(parts)).toEqual([{ a: 1 }, { gloss: 'GRÜEZI' }, [1, 2, 3], 'last']);
    }
  });

  it('reads a web ReadableStream', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(enc.encode('{"type":"start"}\n{"ty'));
        controller.enqueue(enc.encode('pe":"end"}\n'));
        controller.close();
      },
    });
    const out: unknown[] = [];
    for await (const v of ndjsonValues(stream)) out.push(v);
    expect(out).toEqual([{ type: 'start' }, { type: 'end' }]);
  });

  it('names the line that is not JSON', async () => {
    await expect(collect([enc.encode('{"ok":true}\n{"broken":\n')])).rejects.toThrow(
      /line 2 of the stream is not JSON/,
    );
  });

  it('rejects invalid UTF-8 and over-long lines without buffering forever', async () => {
    await expect(collect([new Uint8Array([0x7b, 0xff, 0x7d, 0x0a])])).rejects.toThrow();
    const long = enc.encode(`"${'x'.repeat(2000)}`);
    await expect(collect([long, long], 1000)).rejects.toThrow(/longer than 1000 bytes/);
  });
});
