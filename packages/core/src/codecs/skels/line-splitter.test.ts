import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../../errors/signllm-error.ts';
import { LineSplitter } from './line-splitter.ts';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { ignoreBOM: true });

function split(text: string, sizes: number[], max = 1 << 20) {
  const bytes = enc.encode(text);
  const splitter = new LineSplitter(max, 't');
  const lines: Array<{ text: string; line: number; byte: number; terminated: boolean }> = [];
  let maxCapacity = 0;
  for (let p = 0, i = 0; p < bytes.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    for (const v of splitter.push(bytes.subarray(p, p + n))) {
      lines.push({ text: dec.decode(v.bytes), line: v.line, byte: v.byte, terminated: v.terminated });
    }
    maxCapacity = Math.max(maxCapacity, splitter.capacity);
    p += n;
  }
  const last = splitter.finish();
  if (last) lines.push({ text: dec.decode(last.bytes), line: last.line, byte: last.byte, terminated: false });
  return { lines, maxCapacity };
}

describe('LineSplitter', () => {
  it('splits like String.split("\\n") for any chunking, with line numbers and byte offsets (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\r', 'é'), maxLength: 200 });
    const sizes = fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(text, sizes, (t, s) => {
        const want = t.split('\n');
        if (want[want.length - 1] === '') want.pop();
        const { lines } = split(t, s);
        expect(lines.map((l) => l.text)).toEqual(want);
        lines.forEach((l, i) => {
          expect(l.line).toBe(i + 1);
          expect(l.byte).toBe(
            enc.encode(
              want
                .slice(0, i)
                .map((x) => `${x}\n`)
                .join(''),
            ).length,
          );
        });
      }),
    );
  });

  it('marks only an unterminated last line', () => {
    expect(split('a\nb', [1]).lines.map((l) => l.terminated)).toEqual([true, false]);
    expect(split('a\nb\n', [1]).lines.map((l) => l.terminated)).toEqual([true, true]);
    expect(split('\n', [1]).lines).toEqual([{ text: '', line: 1, byte: 0, terminated: true }]);
  });

  it('drops a byte-order mark at the start even when it is split across chunks', () => {
    const { lines } = split('\ufeffab\n\ufeffc\n', [1]);
    expect(lines[0]).toMatchObject({ text: 'ab', byte: 3 });
    expect(lines[1]!.text).toBe('\ufeffc');
  });

  it('buffers only lines that span chunks and grows to at most twice the longest', () => {
    const long = 'x'.repeat(50_000);
    const text = `${long}\nshort\n${long}${long}\n`;
    const { lines, maxCapacity } = split(text, [1000]);
    expect(lines.map((l) => l.text.length)).toEqual([50_000, 5, 100_000]);
    expect(maxCapacity).toBeGreaterThanOrEqual(100_000);
    expect(maxCapacity).toBeLessThanOrEqual(200_000);
    // a single chunk holding whole lines needs no buffer at all
    expect(split(text, [text.length]).maxCapacity).toBe(0);
  });

  it('throws tooLarge past maxLineBytes, both for buffered and in-chunk lines', () => {
    for (const sizes of [[3], [1000]]) {
      try {
        split('abc\nabcdefghijk\n', sizes, 10);
        throw new Error('no error');
      } catch (e) {
        expect(SignLLMError.isInstance(e)).toBe(true);
        expect((e as SignLLMError).code).toBe('format_too_large');
        expect((e as SignLLMError).position).toMatchObject({ source: 't', line: 2, byte: 4 });
      }
    }
    expect(split('0123456789\n', [3], 10).lines[0]!.text).toBe('0123456789');
  });

  it('rejects chunks that are not Uint8Array', () => {
    const s = new LineSplitter(100);
    expect(() => [...s.push('abc' as unknown as Uint8Array)]).toThrow(/Uint8Array/);
  });
});
