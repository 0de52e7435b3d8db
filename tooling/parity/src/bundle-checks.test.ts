/**
 * The exported bundles on real runtimes beyond frame parity: the cached decoder equals the full
 * recompute on onnxruntime-node, the graphs pass the official ONNX checker (Debian's python3-onnx,
 * installed by .ci/run), and damaged bundles or bad requests give typed errors on both runtimes
 * without taking the process down.
 */
import { spawnSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodePoseFrames,
  decodePoseFramesFullRecompute,
  encodeSourceText,
  type GeneratedFrame,
  type GenerationSummary,
  type InferenceRuntime,
  loadBundle,
  loadTokenizer,
  SignLLMError,
} from '@signllm/core';
import { createNodeRuntime, directoryBundleSource } from '@signllm/serve';
import { createWebRuntime } from '@signllm/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildParityFixture, maxAbsDiff, type ParityFixture, removeParityFixture } from './parity-fixture.ts';

let f: ParityFixture;
beforeAll(async () => {
  f = await buildParityFixture();
}, 600_000);
afterAll(() => removeParityFixture(f));

async function frames(gen: AsyncGenerator<GeneratedFrame, GenerationSummary>): Promise<Float32Array> {
  const rows: number[] = [];
  for await (const frame of gen) rows.push(...frame.values, frame.counter);
  return Float32Array.from(rows);
}

async function failure(work: () => Promise<unknown>): Promise<SignLLMError> {
  try {
    await work();
  } catch (error) {
    if (SignLLMError.isInstance(error)) return error;
    throw new Error(`expected a SignLLMError, got ${String(error)}`);
  }
  throw new Error('expected a failure');
}

/** The fields of bundle.json the damage below edits. */
interface EditableManifest {
  formatVersion: string;
  models: Array<{ path: string; sha256: string; sizeBytes: number }>;
}

/** A copy of the MLSF bundle with `change` applied to its files and (optionally) its manifest. */
async function damaged(
  name: string,
  change: (dir: string, manifest: EditableManifest) => Promise<void>,
): Promise<string> {
  const dir = join(f.dir, name);
  await cp(f.bundles.mlsf, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8')) as EditableManifest;
  await change(dir, manifest);
  await writeFile(join(dir, 'bundle.json'), JSON.stringify(manifest));
  return dir;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

describe('the key/value cache', () => {
  it('gives the frames of the full recompute on onnxruntime-node (both languages, 80 frames)', async () => {
    const bundle = await loadBundle(directoryBundleSource(f.bundles.mlsf), createNodeRuntime());
    const decoding = bundle.manifest.decoding.pose;
    for (const language of ['ase', 'gsg']) {
      const row = f.rows[language]![0]!;
      const file = bundle.manifest.tokenizers.find((t) => t.language === language)!;
      const tokenizer = loadTokenizer(JSON.parse(await readFile(join(f.bundles.mlsf, file.path), 'utf8')));
      const ids = encodeSourceText(tokenizer, row.text, decoding.maxSourceLength, 'text');
      const sessions = bundle.sessionsFor(language);
      const options = { decoding, maxFrames: 80, stopCounter: 1e9 };
      const cached = await frames(decodePoseFrames(sessions, ids, options));
      const full = await frames(decodePoseFramesFullRecompute(sessions, ids, options));
      expect(cached.length).toBe(80 * 151);
      expect(maxAbsDiff(cached, full), language).toBeLessThanOrEqual(1e-4);
    }
    await bundle.release();
  });
});

describe('the ONNX files', () => {
  it('pass the official ONNX checker with full shape inference (python3-onnx)', () => {
    const script = [
      'import sys, onnx',
      'for path in sys.argv[1:]:',
      '    model = onnx.load(path)',
      '    onnx.checker.check_model(model, full_check=True)',
      '    onnx.shape_inference.infer_shapes(model, strict_mode=True)',
      '    print("ok", path)',
    ].join('\n');
    const mlsfFiles = [
      'ase/encoder.onnx',
      'ase/decoder-step.onnx',
      'gsg/encoder.onnx',
      'gsg/decoder-step.onnx',
    ];
    const files = mlsfFiles
      .map((p) => join(f.bundles.mlsf, p))
      .concat(mlsfFiles.map((p) => join(f.bundles.mlsfInt8, p)))
      .concat(
        [
          'pose/encoder.onnx',
          'pose/decoder-step.onnx',
          'text2gloss/encoder.onnx',
          'text2gloss/decoder-step.onnx',
        ].map((p) => join(f.bundles.p2lg, p)),
      );
    const run = spawnSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' });
    expect(
      run.error,
      'needs /usr/bin/python3 with the onnx module (Debian: apt-get install python3-onnx)',
    ).toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(files.length);
  });
});

async function modelBytes(dir: string): Promise<number> {
  const manifest = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8')) as EditableManifest;
  return manifest.models.reduce((n, m) => n + m.sizeBytes, 0);
}

function meanAbs(a: Float32Array): number {
  return a.reduce((n, v) => n + Math.abs(v), 0) / a.length;
}

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((n, v, i) => n + Math.abs(v - (b[i] ?? 0)), 0) / a.length;
}

const RUNTIMES: Array<[string, () => InferenceRuntime]> = [
  ['onnxruntime-node', () => createNodeRuntime()],
  ['onnxruntime-web', () => createWebRuntime()],
];

describe.each(RUNTIMES)('int8 bundles on %s', (_name, makeRuntime) => {
  it('are under half the float32 files and stay within 5 % of the float32 frames (ground-truth timing)', async () => {
    expect(await modelBytes(f.bundles.mlsfInt8)).toBeLessThan(0.5 * (await modelBytes(f.bundles.mlsf)));
    const exact = await loadBundle(directoryBundleSource(f.bundles.mlsf), makeRuntime());
    const int8 = await loadBundle(directoryBundleSource(f.bundles.mlsfInt8), makeRuntime());
    expect(int8.manifest.onnx.weights).toBe('int8');
    for (const language of ['ase', 'gsg']) {
      for (const row of f.rows[language] ?? []) {
        const counters = Float32Array.from(
          { length: row.sequence.frames },
          (_, t) => t / row.sequence.frames,
        );
        const request = {
          input: row.text,
          inputType: 'text' as const,
          language,
          groundTruthCounters: counters,
        };
        const a = await frames(exact.generate(request));
        const b = await frames(int8.generate(request));
        expect(b.every(Number.isFinite)).toBe(true);
        expect(meanAbsDiff(a, b) / meanAbs(a), row.id).toBeLessThan(0.05);
      }
    }
    await exact.release();
    await int8.release();
  });

  it('run Prompt2LangGloss prompts end to end', async () => {
    const bundle = await loadBundle(directoryBundleSource(f.bundles.p2lgInt8), makeRuntime());
    const row = f.rows.gsg![0]!;
    const gen = bundle.generate({ input: row.prompt, inputType: 'prompt', language: 'gsg', maxFrames: 30 });
    let n = 0;
    let result = await gen.next();
    while (!result.done) {
      n++;
      result = await gen.next();
    }
    expect(n).toBeGreaterThan(0);
    expect(result.value.langGloss).toMatch(/^<gsg> /);
    await bundle.release();
  });
});

describe.each(RUNTIMES)('damaged bundles and bad requests on %s', (_name, makeRuntime) => {
  it('a truncated ONNX file whose digest was updated is model_invalid; a stale digest is integrity_mismatch', async () => {
    const corrupt = await damaged(`truncated-${_name}`, async (dir, manifest) => {
      const path = join(dir, 'gsg/decoder-step.onnx');
      const bytes = (await readFile(path)).subarray(0, 5000);
      await writeFile(path, bytes);
      const entry = manifest.models.find((m) => m.path === 'gsg/decoder-step.onnx')!;
      entry.sha256 = await sha256(bytes);
      entry.sizeBytes = bytes.length;
    });
    const invalid = await failure(() => loadBundle(directoryBundleSource(corrupt), makeRuntime()));
    expect(invalid.code).toBe('model_invalid');
    expect(invalid.message).toMatch(/gsg\/decoder-step\.onnx/);

    const garbage = await damaged(`garbage-${_name}`, async (dir, manifest) => {
      const bytes = new TextEncoder().encode('not an onnx model at all'.repeat(100));
      await writeFile(join(dir, 'ase/encoder.onnx'), bytes);
      const entry = manifest.models.find((m) => m.path === 'ase/encoder.onnx')!;
      entry.sha256 = await sha256(bytes);
      entry.sizeBytes = bytes.length;
    });
    expect((await failure(() => loadBundle(directoryBundleSource(garbage), makeRuntime()))).code).toBe(
      'model_invalid',
    );

    const stale = await damaged(`stale-${_name}`, async (dir) => {
      const path = join(dir, 'ase/encoder.onnx');
      const bytes = await readFile(path);
      bytes[bytes.length - 10] = (bytes[bytes.length - 10]! + 1) % 256;
      await writeFile(path, bytes);
    });
    const mismatch = await failure(() => loadBundle(directoryBundleSource(stale), makeRuntime()));
    expect(mismatch.code).toBe('integrity_mismatch');
    expect(mismatch.message).toMatch(/ase\/encoder\.onnx/);
  });

  it('a missing file, a bundle from the future and a broken bundle.json are refused', async () => {
    const missing = await damaged(`missing-${_name}`, async (dir) => {
      const { rm } = await import('node:fs/promises');
      await rm(join(dir, 'tokenizers/gsg.json'));
    });
    expect((await failure(() => loadBundle(directoryBundleSource(missing), makeRuntime()))).code).toBe(
      'file_missing',
    );
    const future = await damaged(`future-${_name}`, async (_dir, manifest) => {
      manifest.formatVersion = '2.0.0';
    });
    const version = await failure(() => loadBundle(directoryBundleSource(future), makeRuntime()));
    expect(version.code).toBe('format_unsupported_version');
    const broken = join(f.dir, `broken-${_name}`);
    await cp(f.bundles.mlsf, broken, { recursive: true });
    const text = await readFile(join(broken, 'bundle.json'), 'utf8');
    await writeFile(join(broken, 'bundle.json'), text.slice(0, text.length / 2));
    expect((await failure(() => loadBundle(directoryBundleSource(broken), makeRuntime()))).code).toBe(
      'format_invalid',
    );
  });

  it('unknown languages, empty and over-long text and ids outside the vocabulary are typed errors', async () => {
    const bundle = await loadBundle(directoryBundleSource(f.bundles.mlsf), makeRuntime());
    const first = (request: Parameters<typeof bundle.generate>[0]) =>
      failure(() => bundle.generate(request).next());
    const unknown = await first({ input: 'hello', inputType: 'text', language: 'fsl' });
    expect(unknown.code).toBe('unknown_language');
    expect(unknown.message).toMatch(/"ase" or "gsg"/);
    expect((await first({ input: '  \n ', inputType: 'text', language: 'ase' })).code).toBe('input_empty');
    const long = await first({ input: 'the sky is blue '.repeat(40), inputType: 'text', language: 'ase' });
    expect(long.code).toBe('input_too_long');
    expect((await first({ input: 'x'.repeat(20_000), inputType: 'text', language: 'ase' })).code).toBe(
      'input_too_long',
    );
    const oov = await failure(() => bundle.generateFromIds('ase', [5, 10_000, 3]).next());
    expect(oov.code).toBe('token_out_of_vocabulary');
    expect((await failure(() => bundle.generateFromIds('ase', [5, -1, 3]).next())).code).toBe(
      'token_out_of_vocabulary',
    );
    // The bundle still works after all of that.
    let n = 0;
    for await (const _ of bundle.generate({
      input: 'the sky',
      inputType: 'text',
      language: 'ase',
      maxFrames: 5,
    }))
      n++;
    expect(n).toBe(5);
    await bundle.release();
  });
});
