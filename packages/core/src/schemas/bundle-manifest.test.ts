import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../errors/signllm-error.ts';
import { expectError, thrown } from '../test-support/errors.ts';
import { schemaExample } from '../test-support/schema-example.ts';
import {
  BUNDLE_FORMAT_VERSION,
  type BundleManifestInput,
  type BundleModelFile,
  checkBundleFormatVersion,
  parseBundleManifest,
} from './bundle-manifest.ts';
import { checkFormatVersion, parseFormatVersion } from './format-version.ts';

const example = (): BundleManifestInput => schemaExample('bundle-manifest');

const HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function p2lg(withText2Gloss: boolean): BundleManifestInput {
  const file = (path: string, role: BundleModelFile['role']): BundleModelFile => ({
    path,
    sha256: HASH,
    sizeBytes: 1,
    role,
  });
  return {
    ...example(),
    mode: 'p2lg',
    tokenizers: [
      { path: 'vocab/langgloss.txt', sha256: HASH, role: 'langgloss', kind: 'word', vocabSize: 3000 },
      ...(withText2Gloss
        ? [
            {
              path: 'vocab/text.json',
              sha256: HASH,
              role: 'source',
              kind: 'subword',
              vocabSize: 8000,
            } as const,
          ]
        : []),
    ],
    models: [
      file('pose/encoder.onnx', 'encoder'),
      file('pose/decoder-step.onnx', 'decoder-step'),
      ...(withText2Gloss
        ? [
            file('t2g/encoder.onnx', 'text2gloss-encoder'),
            file('t2g/decoder-step.onnx', 'text2gloss-decoder-step'),
          ]
        : []),
    ],
    decoding: {
      pose: { ...example().decoding.pose, input: 'langGloss' },
      ...(withText2Gloss
        ? {
            text2gloss: {
              input: 'prompt',
              dModel: 256,
              heads: 4,
              decoderLayers: 2,
              maxSourceLength: 64,
              maxLength: 64,
            },
          }
        : {}),
    },
  };
}

const invalid = (value: unknown): string =>
  expectError(() => parseBundleManifest(value), ERROR_CODES.schemaInvalid).message;

describe('BundleManifestSchema', () => {
  it('requires decoding.text2gloss exactly when the bundle has text2gloss models', () => {
    const withModels = p2lg(true);
    const { text2gloss: _, ...poseOnly } = withModels.decoding;
    expect(invalid({ ...withModels, decoding: poseOnly })).toMatch(/decoding\.text2gloss: missing/);
    const withoutModels = p2lg(false);
    const extra = { ...withoutModels.decoding, text2gloss: p2lg(true).decoding.text2gloss };
    expect(invalid({ ...withoutModels, decoding: extra })).toMatch(
      /present, but the bundle has no text2gloss/,
    );
  });

  it('keeps the LangGloss vocabularies to Prompt2LangGloss bundles that use them', () => {
    const target = {
      path: 'vocab/t2g.json',
      sha256: HASH,
      role: 'text2gloss-target',
      kind: 'word',
      vocabSize: 90,
    } as const;
    const mlsf = example();
    expect(invalid({ ...mlsf, tokenizers: [...mlsf.tokenizers, target] })).toMatch(
      /role "text2gloss-target" belongs to mode "p2lg"/,
    );
    const glossOnly = p2lg(false);
    expect(invalid({ ...glossOnly, tokenizers: [...glossOnly.tokenizers, target] })).toMatch(
      /"text2gloss-target" tokenizer without the text2gloss models/,
    );
    const full = p2lg(true);
    expect(
      parseBundleManifest({ ...full, tokenizers: [...full.tokenizers, target] }).tokenizers,
    ).toHaveLength(3);
  });

  it('checks the decoding sizes: heads divide dModel, limits positive', () => {
    const m = example();
    expect(invalid({ ...m, decoding: { pose: { ...m.decoding.pose, heads: 3 } } })).toMatch(
      /divisible by heads/,
    );
    expect(invalid({ ...m, decoding: { pose: { ...m.decoding.pose, maxTargetLength: 0 } } })).toMatch(
      /maxTargetLength/,
    );
    expect(invalid({ ...m, decoding: undefined })).toMatch(/decoding/);
  });

  it('parses the example MLSF bundle', () => {
    const m = parseBundleManifest(example());
    expect(m.models.map((f) => `${f.language}:${f.role}`)).toEqual([
      'ase:encoder',
      'ase:decoder-step',
      'gsg:encoder',
      'gsg:decoder-step',
    ]);
    expect(m.modelCard.trainingData.map((d) => d.licence)).toEqual(['CC-BY-NC-SA-4.0', 'CC-BY-NC-4.0']);
  });

  it('fills model-card defaults and drops unknown keys (strip mode)', () => {
    const input = example();
    const { metrics: _m, limitations: _l, config: _c, ...card } = input.modelCard;
    const m = parseBundleManifest({ ...input, modelCard: { ...card, futureCardField: 1 }, extra: true });
    expect(m.modelCard.metrics).toEqual([]);
    expect(m.modelCard.limitations).toEqual([]);
    expect(m.modelCard.config).toEqual({});
    expect(m).not.toHaveProperty('extra');
    expect(m.modelCard).not.toHaveProperty('futureCardField');
  });

  it('parses Prompt2LangGloss bundles with and without the text → LangGloss pair', () => {
    expect(parseBundleManifest(p2lg(true)).models).toHaveLength(4);
    expect(parseBundleManifest(p2lg(false)).models).toHaveLength(2);
  });

  it('names bad file entries', () => {
    const bad = example();
    const first = bad.models[0];
    if (first) first.sha256 = HASH.slice(1);
    expect(invalid(bad)).toBe(
      `bundle.json: models[0].sha256: expected a sha256 digest of 64 lowercase hex digits, got "${HASH.slice(1, 41)}"… (63 characters)`,
    );
    const role = example();
    if (role.models[1]) (role.models[1] as { role: string }).role = 'decoder';
    expect(invalid(role)).toContain(
      'models[1].role: expected "encoder", "decoder-step", "text2gloss-encoder" or "text2gloss-decoder-step", got "decoder"',
    );
    const size = example();
    if (size.models[2]) size.models[2].sizeBytes = -5;
    expect(invalid(size)).toContain('models[2].sizeBytes: expected a non-negative integer, got -5');
    const traversal = example();
    if (traversal.models[3]) traversal.models[3].path = '../../etc/passwd.onnx';
    expect(invalid(traversal)).toContain(
      'models[3].path: expected a path inside its folder (no ".." segments)',
    );
    expect(invalid({ ...example(), onnx: { opset: 17 } })).toBe(
      'bundle.json: onnx.irVersion: missing; expected a number',
    );
    const card = example();
    card.modelCard.trainingData = [];
    expect(invalid(card)).toBe('bundle.json: modelCard.trainingData: expected at least 1 item, got 0 items');
  });

  it('checks that the files fit the mode', () => {
    const missing = example();
    missing.models = missing.models.filter((f) => !(f.language === 'gsg' && f.role === 'decoder-step'));
    expect(invalid(missing)).toBe(
      'bundle.json: models: expected one "decoder-step" for language "gsg", found 0',
    );
    const stray = example();
    if (stray.models[0]) stray.models[0].language = 'kvk';
    expect(invalid(stray)).toContain('models[0].language: language "kvk" is not in languages');
    const half = p2lg(true);
    half.models = half.models.filter((f) => f.role !== 'text2gloss-decoder-step');
    expect(invalid(half)).toContain(
      'expected both or neither of "text2gloss-encoder" and "text2gloss-decoder-step", found 1 and 0',
    );
    const noGloss = p2lg(false);
    noGloss.tokenizers = [{ path: 'v.txt', sha256: HASH, role: 'source', kind: 'word', vocabSize: 10 }];
    expect(invalid(noGloss)).toContain('no "langgloss" tokenizer');
    const dup = example();
    if (dup.models[1] && dup.models[0]) dup.models[1].path = dup.models[0].path;
    expect(invalid(dup)).toContain('file "ase/encoder.onnx" is listed twice');
  });
});

describe('bundle format version', () => {
  it('is a semantic version that this code writes', () => {
    expect(parseFormatVersion(BUNDLE_FORMAT_VERSION).major).toBe(1);
    expect(example().formatVersion).toBe(BUNDLE_FORMAT_VERSION);
  });

  it('accepts every minor and patch of the supported major', () => {
    expect(checkBundleFormatVersion('1.0.0')).toEqual({
      major: 1,
      minor: 0,
      patch: 0,
      prerelease: undefined,
    });
    expect(checkBundleFormatVersion('1.7.2-rc.1')).toEqual({
      major: 1,
      minor: 7,
      patch: 2,
      prerelease: 'rc.1',
    });
    expect(parseBundleManifest({ ...example(), formatVersion: '1.12.0' }).formatVersion).toBe('1.12.0');
  });

  it('rejects a bundle from the future with a clear error, before reading its fields', () => {
    const e = thrown(() => checkBundleFormatVersion('2.0.0'));
    expect(e.code).toBe(ERROR_CODES.unsupportedVersion);
    expect(e.message).toBe(
      'bundle.json has format version "2.0.0", which is newer than this SignLLM reads (1.x, writes 1.0.0); upgrade SignLLM to read it',
    );
    const future = thrown(() => parseBundleManifest({ formatVersion: '3.1.0', graph: 'one-file.onnx' }));
    expect(future.code).toBe(ERROR_CODES.unsupportedVersion);
  });

  it('rejects older majors and malformed versions', () => {
    expect(thrown(() => checkBundleFormatVersion('0.9.0')).message).toContain(
      'which is older than this SignLLM reads',
    );
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '', 1, null]) {
      expect(thrown(() => checkBundleFormatVersion(bad)).code).toBe(ERROR_CODES.badFormat);
    }
    expect(thrown(() => checkBundleFormatVersion('1.0')).message).toBe(
      'bundle.json format version: expected a semantic version like "1.0.0", got "1.0"',
    );
    expect(invalid({ ...example(), formatVersion: '1.0' })).toContain(
      'formatVersion: expected a semantic version',
    );
    expect(invalid({ ...example(), formatVersion: undefined })).toContain(
      'formatVersion: missing; expected a string',
    );
  });

  it('compares majors numerically', () => {
    expect(() => checkFormatVersion('10.0.0', '9.1.0', 'x')).toThrow(/newer/);
    expect(checkFormatVersion('9.0.0', '9.1.0', 'x').minor).toBe(0);
  });
});
