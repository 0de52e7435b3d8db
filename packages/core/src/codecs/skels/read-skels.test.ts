import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks } from '../../test-support/chunks.ts';
import { thrownAsync } from '../../test-support/errors.ts';
import { createSkelsSplitter, parseSkels, readSkels, readSkelsWith } from './read-skels.ts';
import { type SkelsSequence, skelsDialectInfo } from './skels-dialect.ts';

const enc = new TextEncoder();

/** A pt file of `lines` sequences; sequence s has `frames(s)` frames with values depending on s, f, j. */
function ptFile(lines: number, frames: (s: number) => number): string {
  const out: string[] = [];
  for (let s = 0; s < lines; s++) {
    const T = frames(s);
    const tokens: string[] = [];
    for (let f = 0; f < T; f++) {
      for (let j = 0; j < 150; j++) tokens.push((Math.sin(s * 7 + f * 0.1 + j) * 0.4).toFixed(5));
      tokens.push((f / T).toFixed(4));
    }
    out.push(tokens.join(' '));
  }
  return `${out.join('\n')}\n`;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function expectSameSequences(a: readonly SkelsSequence[], b: readonly SkelsSequence[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((s, i) => {
    expect(s.frames).toBe(b[i]!.frames);
    expect(s.values).toEqual(b[i]!.values);
    expect(s.counter).toEqual(b[i]!.counter);
  });
}

describe('readSkels', () => {
  const text = ptFile(6, (s) => [3, 1, 0, 7, 2, 5][s]!);
  const bytes = enc.encode(text);
  const reference = text
    .trimEnd()
    .split('\n')
    .map((line) =>
      line
        .split(' ')
        .filter((t) => t !== '')
        .map(Number),
    );

  it('parseSkels matches an independent split + Number() reading', () => {
    const seqs = parseSkels(text, { dialect: 'pt' });
    expect(seqs.map((s) => s.frames)).toEqual([3, 1, 0, 7, 2, 5]);
    seqs.forEach((s, i) => {
      const nums = reference[i]!;
      expect(s.values[0] ?? null).toBe(nums.length ? Math.fround(nums[0]!) : null);
      for (let f = 0; f < s.frames; f++) {
        expect(s.counter[f]).toBe(Math.fround(nums[f * 151 + 150]!));
        expect(s.values[f * 150 + 149]).toBe(Math.fround(nums[f * 151 + 149]!));
      }
    });
  });

  it('gives the same sequences for 1-byte chunks and for random chunk sizes', async () => {
    const whole = parseSkels(bytes, { dialect: 'pt' });
    const oneByte = await collect(readSkels(chunks(bytes, 1), { dialect: 'pt' }));
    expectSameSequences(oneByte, whole);
    expect(oneByte.map((s) => s.index)).toEqual([0, 1, 2, 3, 4, 5]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 40 }),
        async (sizes) => {
          const got = await collect(
            readSkels(
              chunks(bytes, (i) => sizes[i % sizes.length]!),
              { dialect: 'pt' },
            ),
          );
          expectSameSequences(got, whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads \\r\\n files, a missing final newline and a leading byte-order mark', async () => {
    const crlf = `\ufeff${text.trimEnd().replace(/\n/g, '\r\n')}`;
    const got = await collect(readSkels(chunks(enc.encode(crlf), 2), { dialect: 'pt' }));
    expectSameSequences(got, parseSkels(text, { dialect: 'pt' }));
  });

  it('accepts a plain array of chunks and Node Buffers', async () => {
    const got = await collect(readSkels([Buffer.from(bytes)], { dialect: 'pt' }));
    expect(got).toHaveLength(6);
  });

  it('holds at most one line while streaming a multi-MB input pulled lazily', async () => {
    // 40 sequences of 60..179 frames: about 6 MB, produced chunk by chunk on demand.
    const big = enc.encode(ptFile(40, (s) => 60 + ((s * 37) % 120)));
    const lineEnds: number[] = [];
    for (let p = big.indexOf(10); p >= 0; p = big.indexOf(10, p + 1)) lineEnds.push(p + 1);
    const longest = Math.max(...lineEnds.map((e, i) => e - (lineEnds[i - 1] ?? 0)));
    expect(big.length).toBeGreaterThan(5_000_000);
    let produced = 0;
    const maxChunk = 70_000;
    async function* lazy(): AsyncGenerator<Uint8Array> {
      let i = 0;
      while (produced < big.length) {
        const n = 1 + ((i++ * 7919) % maxChunk);
        const chunk = big.slice(produced, produced + n);
        produced += chunk.length;
        yield chunk;
      }
    }
    const splitter = createSkelsSplitter({ dialect: 'pt' });
    let maxCapacity = 0;
    let count = 0;
    for await (const seq of readSkelsWith(splitter, lazy(), skelsDialectInfo('pt'), undefined)) {
      // The reader has pulled only the chunk that completed this line, never whole further lines.
      expect(produced - lineEnds[seq.index]!).toBeLessThan(maxChunk);
      expect(splitter.bufferedBytes).toBeLessThan(maxChunk);
      maxCapacity = Math.max(maxCapacity, splitter.capacity);
      count++;
    }
    expect(count).toBe(40);
    expect(maxCapacity).toBeLessThanOrEqual(2 * longest);
    expect(maxCapacity).toBeLessThan(big.length / 5);
  });

  it('throws tooLarge for a line longer than maxLineBytes, before reading it all', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      const chunk = enc.encode('0.12345 '.repeat(8192));
      for (;;) {
        produced += chunk.length;
        yield chunk;
      }
    }
    const e = await thrownAsync(() =>
      collect(readSkels(endless(), { dialect: 'pt', maxLineBytes: 1 << 20 })),
    );
    expect(e.code).toBe('format_too_large');
    expect(e.position).toMatchObject({ line: 1 });
    expect(produced).toBeLessThan(2 << 20);
    const e2 = await thrownAsync(() =>
      collect(
        readSkels([enc.encode(`${text}${'1 '.repeat(600)}\n`)], {
          dialect: 'pt',
          maxLineBytes: 1000,
        }),
      ),
    );
    expect(e2.code).toBe('format_too_large');
    expect(e2.position?.line).toBe(1);
  });

  it('reports truncation, bad counts and bad numbers with line numbers', async () => {
    const truncated = bytes.slice(0, bytes.length - 500);
    const e1 = await thrownAsync(() =>
      collect(readSkels(chunks(truncated, 999), { dialect: 'pt', source: 'a.skels' })),
    );
    expect(e1.code).toBe('format_invalid');
    expect(e1.message).toMatch(/line 6 .*probably truncated/);
    expect(e1.position).toMatchObject({ source: 'a.skels', line: 6 });

    const lines = text.split('\n');
    lines[3] = `${lines[3]} 0.5`;
    const e2 = await thrownAsync(() => collect(readSkels([enc.encode(lines.join('\n'))], { dialect: 'pt' })));
    expect(e2.message).toContain(`line 4 has ${7 * 151 + 1} numbers`);

    lines[3] = lines[3]!.replace(/ 0\.5$/, '').replace(/ \S+ /, ' Infinity ');
    const e3 = await thrownAsync(() => collect(readSkels([enc.encode(lines.join('\n'))], { dialect: 'pt' })));
    expect(e3.code).toBe('format_invalid_number');
    expect(e3.position).toMatchObject({ line: 4, token: 2 });
    const lineStart = lines.slice(0, 3).join('\n').length + 1;
    expect(e3.position?.byte).toBe(lineStart + lines[3]!.indexOf('Infinity'));
  });

  it('rejects sources that are not byte chunks', async () => {
    const e = await thrownAsync(() =>
      collect(readSkels(['1 2 3'] as unknown as Uint8Array[], { dialect: 'pt' })),
    );
    expect(e.code).toBe('invalid_argument');
    const e2 = await thrownAsync(() =>
      collect(readSkels(null as unknown as Uint8Array[], { dialect: 'pt' })),
    );
    expect(e2.code).toBe('invalid_argument');
    const e3 = await thrownAsync(() => collect(readSkels([], { dialect: 'pt', maxLineBytes: -1 })));
    expect(e3.code).toBe('invalid_argument');
  });

  it('parseSkels treats a blank line as a 0-frame sequence', () => {
    const seqs = parseSkels(`${text.trimEnd()}\n\n`, { dialect: 'pt' });
    expect(seqs).toHaveLength(7);
    expect(seqs[6]!.frames).toBe(0);
  });
});
