import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BundleManifestInput } from '../schemas/bundle-manifest.ts';
import { thrownAsync } from '../test-support/errors.ts';
import {
  mlsfBundle,
  p2lgBundle,
  sourceOf,
  type TestBundle,
  withManifest,
} from '../test-support/toy-bundle.ts';
import { ToyRuntime } from '../test-support/toy-runtime.ts';
import { memoryBundleSource } from './bundle-source.ts';
import { loadBundle, MAX_MANIFEST_BYTES } from './load-bundle.ts';
import { SignBundle } from './sign-bundle.ts';

const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Replaces a file; with `record`, the manifest entry gets the new size and digest. */
function replaceFile(bundle: TestBundle, path: string, bytes: Uint8Array, record: boolean): TestBundle {
  const manifest = clone(bundle.manifest);
  if (record) {
    for (const e of [...manifest.models, ...manifest.tokenizers]) {
      if (e.path !== path) continue;
      e.sha256 = digest(bytes);
      if ('sizeBytes' in e) e.sizeBytes = bytes.length;
    }
  }
  return withManifest({ ...bundle.files, [path]: bytes }, manifest);
}

function withEdit(bundle: TestBundle, edit: (m: BundleManifestInput) => void): TestBundle {
  const manifest = clone(bundle.manifest);
  edit(manifest);
  return withManifest(bundle.files, manifest);
}

async function failure(bundle: TestBundle | Record<string, Uint8Array>, runtime = new ToyRuntime()) {
  const source = 'manifest' in bundle ? sourceOf(bundle as TestBundle) : memoryBundleSource(bundle);
  const error = await thrownAsync(() => loadBundle(source, runtime));
  return { error, runtime };
}

describe('loadBundle', () => {
  it('loads an MLSF bundle, reporting progress per file', async () => {
    const runtime = new ToyRuntime();
    const progress: Array<[number, number, string]> = [];
    const bundle = await loadBundle(sourceOf(mlsfBundle()), runtime, {
      onProgress: (done, total, path) => progress.push([done, total, path]),
    });
    expect(bundle).toBeInstanceOf(SignBundle);
    expect(bundle.languages).toEqual(['ase', 'gsg']);
    expect(bundle.runtimeName).toBe(runtime.name);
    expect(bundle.manifest.mode).toBe('mlsf');
    expect(progress).toEqual([
      [1, 6, 'tokenizers/ase.json'],
      [2, 6, 'tokenizers/shared.json'],
      [3, 6, 'ase/encoder.onnx'],
      [4, 6, 'ase/decoder-step.onnx'],
      [5, 6, 'gsg/encoder.onnx'],
      [6, 6, 'gsg/decoder-step.onnx'],
    ]);
    expect(runtime.created).toEqual([
      'ase/encoder.onnx',
      'ase/decoder-step.onnx',
      'gsg/encoder.onnx',
      'gsg/decoder-step.onnx',
    ]);
    await bundle.release();
    expect(runtime.live.size).toBe(0);
  });

  it('loads Prompt2LangGloss bundles with and without text → LangGloss graphs', async () => {
    for (const text2gloss of [true, false]) {
      const runtime = new ToyRuntime();
      const bundle = await loadBundle(sourceOf(p2lgBundle({ text2gloss })), runtime);
      expect(runtime.created).toHaveLength(text2gloss ? 4 : 2);
      await bundle.release();
    }
  });

  it('refuses a missing file and releases the sessions already created', async () => {
    const bundle = mlsfBundle();
    const files = { ...bundle.files };
    delete files['gsg/encoder.onnx'];
    const { error, runtime } = await failure(files);
    expect(error.code).toBe('file_missing');
    expect(error.message).toMatch(/gsg\/encoder\.onnx/);
    expect(runtime.created).toEqual(['ase/encoder.onnx', 'ase/decoder-step.onnx']);
    expect(runtime.live.size).toBe(0);

    const noManifest = { ...bundle.files };
    delete noManifest['bundle.json'];
    expect((await failure(noManifest)).error.code).toBe('file_missing');
    const noTokenizer = { ...bundle.files };
    delete noTokenizer['tokenizers/shared.json'];
    expect((await failure(noTokenizer)).error.code).toBe('file_missing');
  });

  it('refuses an altered file, naming it with the expected and actual SHA-256', async () => {
    const bundle = mlsfBundle();
    const bytes = Uint8Array.from(bundle.files['gsg/decoder-step.onnx'] as Uint8Array);
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    const { error, runtime } = await failure(replaceFile(bundle, 'gsg/decoder-step.onnx', bytes, false));
    expect(error.code).toBe('integrity_mismatch');
    const expected = digest(bundle.files['gsg/decoder-step.onnx'] as Uint8Array);
    expect(error.message).toContain('gsg/decoder-step.onnx');
    expect(error.message).toContain(expected);
    expect(error.message).toContain(digest(bytes));
    expect(runtime.created).toHaveLength(3);
    expect(runtime.live.size).toBe(0);

    const tok = Uint8Array.from(bundle.files['tokenizers/ase.json'] as Uint8Array);
    tok[tok.length - 2] = 32;
    const e2 = (await failure(replaceFile(bundle, 'tokenizers/ase.json', tok, false))).error;
    expect(e2.code).toBe('integrity_mismatch');
    expect(e2.message).toContain('tokenizers/ase.json');
  });

  it('refuses a model of the wrong size before hashing or loading it', async () => {
    const bundle = mlsfBundle();
    const original = bundle.files['ase/encoder.onnx'] as Uint8Array;
    for (const bytes of [Uint8Array.of(...original, 32), original.subarray(0, original.length - 1)]) {
      const { error, runtime } = await failure(replaceFile(bundle, 'ase/encoder.onnx', bytes, false));
      expect(error.code).toBe('integrity_mismatch');
      expect(error.message).toContain('ase/encoder.onnx');
      expect(error.message).toContain(`${original.length} bytes`);
      expect(error.message).toContain(`${bytes.length} bytes`);
      expect(runtime.created).toHaveLength(0);
    }
  });

  it('refuses a bundle from the future before reading its fields', async () => {
    const bundle = mlsfBundle();
    const future = withEdit(bundle, (m) => {
      m.formatVersion = '2.0.0';
    });
    const e = (await failure(future)).error;
    expect(e.code).toBe('format_unsupported_version');
    expect(e.message).toMatch(/2\.0\.0/);
    const bare = { 'bundle.json': new TextEncoder().encode('{"formatVersion":"2.0.0","mode":"hologram"}') };
    expect((await failure(bare)).error.code).toBe('format_unsupported_version');
    // a newer minor is read
    const minor = withEdit(bundle, (m) => {
      m.formatVersion = '1.7.0';
    });
    await (await loadBundle(sourceOf(minor), new ToyRuntime())).release();
  });

  it('refuses a malformed, truncated, non-UTF-8, invalid or huge bundle.json', async () => {
    const json = mlsfBundle().files['bundle.json'] as Uint8Array;
    const enc = new TextEncoder();
    const cases: Array<[Uint8Array, string]> = [
      [json.subarray(0, Math.floor(json.length / 2)), 'format_invalid'],
      [new Uint8Array(0), 'format_invalid'],
      [enc.encode('hello'), 'format_invalid'],
      [Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d), 'format_invalid'],
      [enc.encode('{}'), 'schema_invalid'],
      [enc.encode('[1, 2]'), 'schema_invalid'],
      [enc.encode('null'), 'schema_invalid'],
      [new Uint8Array(MAX_MANIFEST_BYTES + 1).fill(32), 'format_too_large'],
    ];
    for (const [bytes, code] of cases) {
      const { error, runtime } = await failure({ ...mlsfBundle().files, 'bundle.json': bytes });
      expect(error.code, new TextDecoder().decode(bytes.subarray(0, 20))).toBe(code);
      expect(runtime.created).toHaveLength(0);
    }
    const e = (await failure({ 'bundle.json': enc.encode('{"formatVersion": ') })).error;
    expect(e.message).toMatch(/bundle\.json is not valid JSON/);
  });

  it('refuses a model the runtime cannot load, releasing the others', async () => {
    const bundle = replaceFile(
      mlsfBundle(),
      'gsg/encoder.onnx',
      new TextEncoder().encode('not a graph'),
      true,
    );
    const { error, runtime } = await failure(bundle);
    expect(error.code).toBe('model_invalid');
    expect(error.message).toContain('gsg/encoder.onnx');
    expect(runtime.released).toEqual(['ase/encoder.onnx', 'ase/decoder-step.onnx']);
    expect(runtime.live.size).toBe(0);

    const throwing = new ToyRuntime();
    throwing.createSession = async () => {
      throw new TypeError('protobuf parsing failed');
    };
    const e2 = (await failure(mlsfBundle(), throwing)).error;
    expect(e2.code).toBe('model_invalid');
    expect(e2.message).toMatch(/ase\/encoder\.onnx.*protobuf parsing failed/);
  });

  it('refuses a graph that lacks names the contract requires, naming them', async () => {
    const bundle = mlsfBundle({
      models: { 'gsg/decoder-step.onnx': { omitInputs: ['past_value_1'], omitOutputs: ['present_key_0'] } },
    });
    const { error, runtime } = await failure(bundle);
    expect(error.code).toBe('model_invalid');
    expect(error.message).toContain('gsg/decoder-step.onnx');
    expect(error.message).toContain('"past_value_1"');
    expect(error.message).toContain('"present_key_0"');
    expect(error.details).toMatchObject({
      missingInputs: ['past_value_1'],
      missingOutputs: ['present_key_0'],
    });
    expect(runtime.created).toHaveLength(4);
    expect(runtime.live.size).toBe(0);

    const p2lg = p2lgBundle({ models: { 'text2gloss/decoder-step.onnx': { omitOutputs: ['logits'] } } });
    expect((await failure(p2lg)).error.message).toMatch(/text2gloss\/decoder-step\.onnx.*"logits"/);

    const deeper = withEdit(mlsfBundle(), (m) => {
      m.decoding.pose.decoderLayers = 3;
    });
    const e3 = (await failure(deeper)).error;
    expect(e3.code).toBe('model_invalid');
    expect(e3.message).toMatch(/ase\/encoder\.onnx.*"cross_key_2"/);
  });

  it('refuses tokenizers that do not load or do not match their entry, naming the file', async () => {
    const bundle = mlsfBundle();
    const enc = new TextEncoder();
    const notJson = (
      await failure(replaceFile(bundle, 'tokenizers/shared.json', enc.encode('{"vocab": ['), true))
    ).error;
    expect(notJson.code).toBe('format_invalid');
    expect(notJson.message).toContain('tokenizers/shared.json');
    const wrongShape = (
      await failure(replaceFile(bundle, 'tokenizers/shared.json', enc.encode('{"x": 1}'), true))
    ).error;
    expect(wrongShape.code).toBe('schema_invalid');
    expect(wrongShape.message).toContain('tokenizers/shared.json');
    const vocab = withEdit(bundle, (m) => {
      (m.tokenizers[1] as { vocabSize: number }).vocabSize += 1;
    });
    const e = (await failure(vocab)).error;
    expect(e.code).toBe('format_invalid');
    expect(e.message).toMatch(
      /tokenizers\/shared\.json has \d+ tokens, but bundle\.json records vocabSize \d+/,
    );
    const kind = withEdit(bundle, (m) => {
      (m.tokenizers[0] as { kind: string }).kind = 'word';
    });
    expect((await failure(kind)).error.message).toMatch(/tokenizers\/ase\.json is a "subword" tokenizer/);
  });

  it('stops with aborted, releasing what it created', async () => {
    const controller = new AbortController();
    controller.abort();
    const runtime = new ToyRuntime();
    const e = await thrownAsync(() =>
      loadBundle(sourceOf(mlsfBundle()), runtime, { signal: controller.signal }),
    );
    expect(e.code).toBe('aborted');
    const later = new AbortController();
    const e2 = await thrownAsync(() =>
      loadBundle(sourceOf(mlsfBundle()), runtime, {
        signal: later.signal,
        onProgress: (done) => {
          if (done === 4) later.abort();
        },
      }),
    );
    expect(e2.code).toBe('aborted');
    expect(runtime.created).toHaveLength(2);
    expect(runtime.live.size).toBe(0);
  });

  it('refuses arguments that are not a source and a runtime', async () => {
    const e = await thrownAsync(() => loadBundle({} as never, new ToyRuntime()));
    expect(e.code).toBe('invalid_argument');
    const e2 = await thrownAsync(() => loadBundle(sourceOf(mlsfBundle()), {} as never));
    expect(e2.code).toBe('invalid_argument');
  });
});
