/**
 * Hostile input: random byte mutations of valid `.skels` corpora must give sequences or a
 * `SignLLMError`, never another exception, a hang or a huge allocation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignLLMError } from '../../errors/signllm-error.ts';
import { chunks } from '../../test-support/chunks.ts';
import { formatSkels } from './format-skels-line.ts';
import { parseSkels, readSkels } from './read-skels.ts';
import { readSkelsCorpus } from './read-skels-corpus.ts';
import { type SkelsDialect, type SkelsSequence, skelsDialectInfo } from './skels-dialect.ts';
import { skelsToPoseSequence } from './skels-to-pose-sequence.ts';

const enc = new TextEncoder();

function validFile(dialect: SkelsDialect): Uint8Array {
  const { valuesPerFrame } = skelsDialectInfo(dialect);
  const seqs: SkelsSequence[] = [1, 2, 1].map((frames, s) => ({
    frames,
    valuesPerFrame,
    values: Float32Array.from({ length: frames * valuesPerFrame }, (_, i) => Math.sin(i + s) * 0.3),
    counter: Float32Array.from({ length: frames }, (_, f) => f / frames),
  }));
  return enc.encode(formatSkels(seqs, dialect));
}

const mutation = fc.array(
  fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('set', 'insert', 'delete'),
    byte: fc.constantFrom(
      0x00,
      0x0a,
      0x0d,
      0x20,
      0x2d,
      0x2e,
      0x30,
      0x39,
      0x45,
      0x65,
      0x4e,
      0x49,
      0xff,
      0xc3,
      0x2b,
    ),
  }),
  { minLength: 1, maxLength: 8 },
);

function mutate(bytes: Uint8Array, edits: Array<{ at: number; kind: string; byte: number }>): Uint8Array {
  const out = Array.from(bytes);
  for (const { at, kind, byte } of edits) {
    const i = at % (out.length + 1);
    if (kind === 'set' && i < out.length) out[i] = byte;
    else if (kind === 'insert') out.splice(i, 0, byte);
    else if (kind === 'delete') out.splice(i, 1);
  }
  return Uint8Array.from(out);
}

function onlySignLLMErrors(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw e;
  }
}

/** The result, or the code of the SignLLMError thrown; any other exception fails the test. */
function outcome<T>(fn: () => T): T | string {
  try {
    return fn();
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw e;
    return e.code;
  }
}

async function outcomeAsync<T>(fn: () => Promise<T>): Promise<T | string> {
  try {
    return await fn();
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw e;
    return e.code;
  }
}

async function onlySignLLMErrorsAsync(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (!SignLLMError.isInstance(e)) throw e;
  }
}

describe('.skels readers on hostile bytes', () => {
  for (const dialect of ['pt', 'p2s', 'dwpose'] as SkelsDialect[]) {
    const valid = validFile(dialect);

    it(`${dialect}: mutated files parse to sequences or throw SignLLMError (sync and streaming)`, async () => {
      await fc.assert(
        fc.asyncProperty(mutation, fc.integer({ min: 1, max: 700 }), async (edits, chunkSize) => {
          const bytes = mutate(valid, edits);
          const sync = outcome(() => parseSkels(bytes, { dialect }));
          if (Array.isArray(sync)) {
            for (const seq of sync) skelsToPoseSequence(seq, { dialect });
          }
          const streamed = await outcomeAsync(async () => {
            const out: SkelsSequence[] = [];
            for await (const seq of readSkels(chunks(bytes, chunkSize), { dialect, maxLineBytes: 1 << 16 })) {
              expect(seq.values.length).toBe(seq.frames * seq.valuesPerFrame);
              out.push(seq);
            }
            return out;
          });
          // sync and streaming readers agree: same sequences, or the same error code
          if (Array.isArray(sync)) {
            expect(Array.isArray(streamed)).toBe(true);
            expect((streamed as SkelsSequence[]).map((q) => q.frames)).toEqual(sync.map((q) => q.frames));
          } else {
            expect(streamed).toBe(sync);
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it('random garbage gives SignLLMError or sequences', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        onlySignLLMErrors(() => {
          parseSkels(bytes, { dialect: 'pt' });
        });
      }),
      { numRuns: 500 },
    );
  });

  it('mutated side files give entries or SignLLMError', async () => {
    const skels = validFile('pt');
    const text = enc.encode('erste zeile\nzweite zeile mit ä\ndritte\n');
    await fc.assert(
      fc.asyncProperty(mutation, async (edits) => {
        await onlySignLLMErrorsAsync(async () => {
          for await (const e of readSkelsCorpus(
            { skels: [skels], text: chunks(mutate(text, edits), 3) },
            { dialect: 'pt' },
          )) {
            expect(typeof e.text).toBe('string');
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
