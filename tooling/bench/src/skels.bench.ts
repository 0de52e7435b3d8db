/**
 * `.skels` parsing throughput: our byte-level parser (sync `parseSkels` and streaming `readSkels`) vs
 * a straightforward reference (split each line on whitespace, `Number()` each token into a
 * Float32Array), measured in the same run on ≥ 30 MB of Progressive Transformers (`pt`) text built by
 * repeating the real PHOENIX14T sample lines from the shared data folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSkels, readSkels } from '../../../packages/core/src/codecs/skels/index.ts';
import { type BenchResult, measure } from './harness.ts';

const TARGET_BYTES = 30 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const GOAL_SPEEDUP = 3;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('skels.bench: no pnpm-workspace.yaml above this file');
    dir = parent;
  }
  return dir;
}

/** The real PHOENIX14T lines (5 train + 5 dev), repeated to at least 30 MB. */
function buildInput(): { text: string; bytes: Uint8Array; lines: number } {
  const data = resolve(process.env.SIGNLLM_SHARED_DATA ?? join(repoRoot(), '..', 'shared', 'data'));
  const sample = join(data, 'phoenix14t-sample');
  if (!existsSync(sample)) throw new Error(`skels.bench needs the shared data folder (${sample} not found)`);
  const lines = ['train', 'dev'].flatMap((split) =>
    readFileSync(join(sample, `${split}.skels`), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  );
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const line = lines[i % lines.length]!;
    out.push(line);
    size += line.length + 1;
  }
  const text = `${out.join('\n')}\n`;
  return { text, bytes: new TextEncoder().encode(text), lines: out.length };
}

/** The reference: split on whitespace, Number() per token, one Float32Array per line. */
function referenceParse(text: string): Float32Array[] {
  const out: Float32Array[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const tokens = trimmed.split(/\s+/);
    const values = new Float32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) values[i] = Number(tokens[i]);
    out.push(values);
  }
  return out;
}

async function streamAll(bytes: Uint8Array): Promise<number> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let p = 0; p < bytes.length; p += CHUNK_BYTES) yield bytes.subarray(p, p + CHUNK_BYTES);
  }
  let frames = 0;
  for await (const seq of readSkels(chunks(), { dialect: 'pt' })) frames += seq.frames;
  return frames;
}

/** Both parsers must read the same numbers before their speed means anything. */
function checkAgreement(text: string, bytes: Uint8Array): void {
  const ours = parseSkels(bytes, { dialect: 'pt' });
  const ref = referenceParse(text);
  if (ours.length !== ref.length) throw new Error(`skels.bench: ${ours.length} vs ${ref.length} sequences`);
  for (let s = 0; s < Math.min(ours.length, 20); s++) {
    const a = ours[s]!;
    const b = ref[s]!;
    if (b.length !== a.frames * 151) throw new Error(`skels.bench: sequence ${s} has a different length`);
    for (let f = 0; f < a.frames; f++) {
      for (let j = 0; j < 150; j++) {
        if (!Object.is(a.values[f * 150 + j], b[f * 151 + j])) {
          throw new Error(`skels.bench: value differs in ${s}`);
        }
      }
      if (!Object.is(a.counter[f], b[f * 151 + 150])) throw new Error(`skels.bench: counter differs in ${s}`);
    }
  }
}

/** Runs the benchmark. */
export async function run(): Promise<BenchResult> {
  const { text, bytes, lines } = buildInput();
  checkAgreement(text, bytes);
  const mb = (bytes.length / 1e6).toFixed(1);
  const decoder = new TextDecoder();

  const reference = await measure('reference: split + Number (string input)', () => referenceParse(text), {
    bytes: bytes.length,
  });
  const referenceDecoded = await measure(
    'reference: TextDecoder + split + Number (bytes)',
    () => referenceParse(decoder.decode(bytes)),
    { bytes: bytes.length },
  );
  const sync = await measure('ours: parseSkels (bytes, sync)', () => parseSkels(bytes, { dialect: 'pt' }), {
    bytes: bytes.length,
  });
  const streaming = await measure(
    `ours: readSkels (${CHUNK_BYTES / 1024} KiB chunks)`,
    () => streamAll(bytes),
    {
      bytes: bytes.length,
    },
  );

  const speedupSync = reference.medianMs / sync.medianMs;
  const speedupStreaming = reference.medianMs / streaming.medianMs;
  return {
    id: 'skels-parse',
    description:
      `Parse ${mb} MB of pt .skels (${lines} lines: the 10 PHOENIX14T sample lines repeated); ` +
      'ours on bytes vs split + Number() on the already decoded string',
    measurements: [reference, referenceDecoded, sync, streaming],
    ratios: {
      speedupSyncVsReference: speedupSync,
      speedupStreamingVsReference: speedupStreaming,
      speedupSyncVsReferenceWithDecode: referenceDecoded.medianMs / sync.medianMs,
    },
    goals: {
      speedupSyncVsReference: { target: GOAL_SPEEDUP, actual: speedupSync, met: speedupSync >= GOAL_SPEEDUP },
      speedupStreamingVsReference: {
        target: GOAL_SPEEDUP,
        actual: speedupStreaming,
        met: speedupStreaming >= GOAL_SPEEDUP,
      },
    },
  };
}
