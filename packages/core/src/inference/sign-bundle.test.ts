import { describe, expect, it } from 'vitest';
import { thrownAsync } from '../test-support/errors.ts';
import {
  ENGLISH,
  englishTokenizer,
  langGlossTokenizer,
  mlsfBundle,
  p2lgBundle,
  sourceOf,
  type TestBundleOptions,
  withManifest,
} from '../test-support/toy-bundle.ts';
import { ToyRuntime } from '../test-support/toy-runtime.ts';
import { trainTokenizer } from '../tokenizers/train-tokenizer.ts';
import type { GeneratedFrame, GenerationSummary } from './decode-pose.ts';
import { loadBundle } from './load-bundle.ts';
import { sha256HexSync } from './sha256.ts';

async function collect(gen: AsyncGenerator<GeneratedFrame, GenerationSummary>) {
  const frames: GeneratedFrame[] = [];
  for (;;) {
    const r = await gen.next();
    if (r.done) return { frames, summary: r.value };
    frames.push(r.value);
  }
}

async function mlsf(options: TestBundleOptions = {}) {
  const runtime = new ToyRuntime();
  return { runtime, bundle: await loadBundle(sourceOf(mlsfBundle(options)), runtime) };
}

async function p2lg(options: TestBundleOptions & { text2gloss?: boolean } = {}) {
  const runtime = new ToyRuntime();
  return { runtime, bundle: await loadBundle(sourceOf(p2lgBundle(options)), runtime) };
}

describe('SignBundle.sessionsFor', () => {
  it("returns the language's encoder and decoder step, which decode like generate", async () => {
    const { bundle } = await mlsf();
    const sessions = bundle.sessionsFor('ASL');
    expect(sessions.encoder.inputNames).toContain('source_ids');
    expect(sessions.step.outputNames).toContain('next_frames');
    expect(bundle.sessionsFor('gsg').encoder).not.toBe(sessions.encoder);
    expect((await thrownAsync(async () => bundle.sessionsFor('fsl'))).code).toBe('unknown_language');
    await bundle.release();
    expect((await thrownAsync(async () => bundle.sessionsFor('ase'))).code).toBe('invalid_argument');
  });
});

describe('SignBundle (MLSF)', () => {
  it('accepts the pose input kind for each language, by code or alias', async () => {
    const { bundle } = await mlsf();
    expect(bundle.accepts('ase')).toEqual(['text']);
    expect(bundle.accepts('gsg')).toEqual(['text']);
    expect(bundle.accepts('ASL')).toEqual(['text']);
    for (const bad of ['xx', 'bfi', '']) {
      const e = await thrownAsync(async () => bundle.accepts(bad));
      expect(e.code).toBe('unknown_language');
      expect(e.message).toMatch(/"ase" or "gsg"/);
    }
  });

  it("runs the language's own tokenizer and graphs, else the shared tokenizer", async () => {
    const { runtime, bundle } = await mlsf();
    const ase = await collect(
      bundle.generate({ input: 'The sky is blue', inputType: 'text', language: 'ase' }),
    );
    expect(ase.summary).toEqual({ frames: 4, stoppedBy: 'counter' });
    const expectedAse = [...englishTokenizer().encode('The sky is blue'), 3];
    expect(runtime.runs[0]).toMatchObject({ label: 'ase/encoder.onnx', ids: { source_ids: expectedAse } });
    expect(runtime.runs.slice(1).every((r) => r.label === 'ase/decoder-step.onnx')).toBe(true);

    runtime.runs.length = 0;
    const gsg = await collect(bundle.generate({ input: 'grey rain', inputType: 'text', language: 'DGS' }));
    // counter step 0.34: 0.34, 0.68, 1.02
    expect(gsg.summary).toEqual({ frames: 3, stoppedBy: 'counter' });
    const shared = trainTokenizer([...ENGLISH, 'grey rain'], { kind: 'word', vocabSize: 100 });
    expect(runtime.runs[0]).toMatchObject({
      label: 'gsg/encoder.onnx',
      ids: { source_ids: [shared.idOf('grey'), shared.idOf('rain'), 3] },
    });
  });

  it('generates the same frames from ids as from the text', async () => {
    const { bundle } = await mlsf();
    const ids = [...englishTokenizer().encode('the house is big'), 3];
    const a = await collect(
      bundle.generate({ input: 'the house is big', inputType: 'text', language: 'ase', maxFrames: 3 }),
    );
    const b = await collect(bundle.generateFromIds('ase', ids, { maxFrames: 3 }));
    expect(b).toEqual(a);
    expect(a.summary).toEqual({ frames: 3, stoppedBy: 'limit' });
    const gt = await collect(
      bundle.generateFromIds('ase', ids, { groundTruthCounters: Float32Array.of(0, 0, 0) }),
    );
    expect(gt.summary).toEqual({ frames: 3, stoppedBy: 'length' });
  });

  it('refuses bad requests with the right codes', async () => {
    const { runtime, bundle } = await mlsf();
    const gen = (request: object) =>
      bundle.generate({ input: 'the sky', inputType: 'text', language: 'ase', ...request }).next();
    const cases: Array<[object, string, RegExp?]> = [
      [{ language: 'fr' }, 'unknown_language', /"fr".*"ase" or "gsg"/],
      [{ inputType: 'gloss' }, 'invalid_argument', /"gloss".*accepts "text"/],
      [{ inputType: 'langGloss' }, 'invalid_argument'],
      [{ input: '' }, 'input_empty'],
      [{ input: ' \n\t ' }, 'input_empty', /whitespace/],
      [{ input: 42 }, 'input_empty'],
      [{ input: null }, 'input_empty'],
      [{ input: 'a'.repeat(10_001) }, 'input_too_long', /10001 characters.*10000/],
      [{ input: 'the sky is blue '.repeat(5) }, 'input_too_long', /has \d+ tokens.*at most 15/],
      [{ maxFrames: 41 }, 'invalid_argument', /maxFrames/],
    ];
    for (const [request, code, text] of cases) {
      const e = await thrownAsync(() => gen(request));
      expect(e.code, JSON.stringify(request).slice(0, 80)).toBe(code);
      if (text) expect(e.message).toMatch(text);
    }
    expect((await thrownAsync(() => bundle.generate(null as never).next())).code).toBe('invalid_argument');
    const vocab = englishTokenizer().vocabSize;
    const ids: Array<[number[], string, RegExp?]> = [
      [
        [4, vocab, 3],
        'token_out_of_vocabulary',
        new RegExp(`id 1 is ${vocab}, expected an integer in \\[0, ${vocab}\\)`),
      ],
      [[4, 2.5, 3], 'token_out_of_vocabulary', /id 1 is 2\.5/],
      [[4, -1], 'token_out_of_vocabulary'],
      [[], 'input_empty'],
      [new Array(17).fill(4), 'input_too_long', /17.*16/],
    ];
    for (const [list, code, text] of ids) {
      const e = await thrownAsync(() => bundle.generateFromIds('ase', list).next());
      expect(e.code).toBe(code);
      if (text) expect(e.message).toMatch(text);
    }
    expect(runtime.runs).toHaveLength(0);
  });

  it('has no text → LangGloss translation', async () => {
    const { bundle } = await mlsf();
    expect((await thrownAsync(() => bundle.translateToLangGloss('the sky', 'ase'))).code).toBe(
      'invalid_argument',
    );
  });

  it('surfaces runtime failures as inference_failed and stops on abort', async () => {
    const { bundle } = await mlsf({ models: { 'ase/decoder-step.onnx': { failOnRun: 2 } } });
    const gen = bundle.generate({ input: 'the sky', inputType: 'text', language: 'ase' });
    await gen.next();
    expect((await thrownAsync(() => gen.next())).code).toBe('inference_failed');
    const controller = new AbortController();
    const gen2 = bundle.generate({
      input: 'the sky',
      inputType: 'text',
      language: 'gsg',
      signal: controller.signal,
    });
    await gen2.next();
    controller.abort();
    expect((await thrownAsync(() => gen2.next())).code).toBe('aborted');
  });

  it('releases every session once; a released bundle refuses work', async () => {
    const { runtime, bundle } = await mlsf();
    await bundle.release();
    expect(runtime.live.size).toBe(0);
    expect(runtime.released).toHaveLength(4);
    await bundle.release();
    expect(runtime.released).toHaveLength(4);
    const e = await thrownAsync(() =>
      bundle.generate({ input: 'x', inputType: 'text', language: 'ase' }).next(),
    );
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toMatch(/released/);
  });
});

describe('SignBundle (Prompt2LangGloss)', () => {
  const lg = langGlossTokenizer();

  it('accepts gloss, plus text and prompt when it has text → LangGloss graphs', async () => {
    expect((await p2lg()).bundle.accepts('gsg')).toEqual(['text', 'prompt', 'gloss']);
    const { bundle } = await p2lg({ text2gloss: false });
    expect(bundle.accepts('ase')).toEqual(['gloss']);
    const e = await thrownAsync(() =>
      bundle.generate({ input: 'the sky', inputType: 'text', language: 'ase' }).next(),
    );
    expect(e.code).toBe('invalid_argument');
    expect(e.message).toMatch(/accepts "gloss"/);
    expect((await thrownAsync(() => bundle.translateToLangGloss('the sky', 'ase'))).code).toBe(
      'invalid_argument',
    );
  });

  it('writes gloss input as LangGloss of the requested language for the shared pose graphs', async () => {
    const { runtime, bundle } = await p2lg({ text2gloss: false });
    const { frames, summary } = await collect(
      bundle.generate({ input: '  HOUSE   BIG ', inputType: 'gloss', language: 'gsg' }),
    );
    expect(summary).toEqual({ frames: 5, stoppedBy: 'counter', langGloss: '<gsg> HOUSE <gsg> BIG' });
    expect(frames).toHaveLength(5);
    const expected = [lg.idOf('<gsg>'), lg.idOf('HOUSE'), lg.idOf('<gsg>'), lg.idOf('BIG'), 3];
    expect(runtime.runs[0]).toMatchObject({ label: 'pose/encoder.onnx', ids: { source_ids: expected } });
    for (const input of ['HOUSE <ase> BIG', '<unk>']) {
      const e = await thrownAsync(() =>
        bundle.generate({ input, inputType: 'gloss', language: 'gsg' }).next(),
      );
      expect(e.code).toBe('invalid_argument');
      expect(e.message).toMatch(/looks like a tag/);
    }
    // 8 glosses = 16 LangGloss tokens, more than maxSourceLength − 1 = 15
    const long = await thrownAsync(() =>
      bundle.generate({ input: 'HOUSE '.repeat(8), inputType: 'gloss', language: 'ase' }).next(),
    );
    expect(long.code).toBe('input_too_long');
    expect(long.message).toMatch(/16 tokens.*15/);
  });

  it('decodes text → LangGloss ids with the "text2gloss-target" vocabulary when the bundle has one', async () => {
    const base = p2lgBundle({ text2gloss: true });
    // A vocabulary with other ids for the same words: what the toy graphs emit decodes differently.
    const words = 'BIG BIG BIG GREY GREY RAIN HOUSE SKY BLUE TOMORROW ONE TWO THREE FOUR FIVE SIX';
    const other = trainTokenizer([words.replace(/(\S+)/g, '<ase> $1')], {
      kind: 'word',
      vocabSize: 100,
      reserved: ['<gsg>', '<ase>'],
    });
    const bytes = new TextEncoder().encode(JSON.stringify(other.toJSON()));
    const files = { ...base.files, 'tokenizers/target.json': bytes };
    const manifest = {
      ...base.manifest,
      tokenizers: [
        ...base.manifest.tokenizers,
        {
          path: 'tokenizers/target.json',
          sha256: sha256HexSync(bytes),
          role: 'text2gloss-target' as const,
          kind: other.kind,
          vocabSize: other.vocabSize,
        },
      ],
    };
    const bundle = await loadBundle(sourceOf(withManifest(files, manifest)), new ToyRuntime());
    const lg = langGlossTokenizer();
    const emitted = lg.encode('<gsg> HOUSE <gsg> BIG');
    const expected = other
      .decode(emitted)
      .split(' ')
      .map((t) => (t.startsWith('<') ? '<gsg>' : t))
      .join(' ');
    expect(expected).not.toBe('<gsg> HOUSE <gsg> BIG');
    expect(await bundle.translateToLangGloss('the house is big', 'gsg')).toBe(expected);
  });

  it("puts text into the language's first prompt template for a text → LangGloss model trained on prompts", async () => {
    const base = p2lgBundle({ text2gloss: true });
    const manifest = { ...base.manifest, promptTemplates: { gsg: ['is {}', 'unused {}'] } };
    const runtime = new ToyRuntime();
    const bundle = await loadBundle(sourceOf(withManifest(base.files, manifest)), runtime);
    const idsSeen = () =>
      runtime.runs.filter((r) => r.label === 'text2gloss/encoder.onnx').map((r) => r.ids.source_ids);
    await bundle
      .generate({ input: 'the house big', inputType: 'text', language: 'gsg', maxFrames: 2 })
      .next();
    await bundle
      .generate({ input: 'the house big', inputType: 'prompt', language: 'gsg', maxFrames: 2 })
      .next();
    await bundle
      .generate({ input: 'the house big', inputType: 'text', language: 'ase', maxFrames: 2 })
      .next();
    const en = englishTokenizer();
    expect(idsSeen()).toEqual([
      [...en.encode('is the house big'), 3],
      [...en.encode('the house big'), 3],
      [...en.encode('the house big'), 3],
    ]);
  });

  it('translates text to LangGloss, retags it to the requested language, then generates from it', async () => {
    const { runtime, bundle } = await p2lg();
    expect(await bundle.translateToLangGloss('the house is big', 'gsg')).toBe('<gsg> HOUSE <gsg> BIG');
    expect(await bundle.translateToLangGloss('the house is big', 'ase', { beamSize: 3 })).toBe(
      '<ase> HOUSE <ase> BIG',
    );
    const t2gEncoder = runtime.runs.find((r) => r.label === 'text2gloss/encoder.onnx');
    expect(t2gEncoder?.ids.source_ids).toEqual([...englishTokenizer().encode('the house is big'), 3]);

    runtime.runs.length = 0;
    const { summary } = await collect(
      bundle.generate({ input: 'is the house big?', inputType: 'prompt', language: 'gsg', beamSize: 2 }),
    );
    expect(summary).toEqual({ frames: 5, stoppedBy: 'counter', langGloss: '<gsg> HOUSE <gsg> BIG' });
    const pose = runtime.runs.find((r) => r.label === 'pose/encoder.onnx');
    expect(pose?.ids.source_ids).toEqual([
      lg.idOf('<gsg>'),
      lg.idOf('HOUSE'),
      lg.idOf('<gsg>'),
      lg.idOf('BIG'),
      3,
    ]);
    const bad = await thrownAsync(() =>
      bundle.generate({ input: 'the sky', inputType: 'text', language: 'ase', beamSize: 0 }).next(),
    );
    expect(bad.code).toBe('invalid_argument');
    expect((await thrownAsync(() => bundle.translateToLangGloss('   ', 'ase'))).code).toBe('input_empty');
    expect((await thrownAsync(() => bundle.translateToLangGloss('the sky', 'fr'))).code).toBe(
      'unknown_language',
    );
  });

  it('checks ids against the LangGloss vocabulary', async () => {
    const { bundle } = await p2lg();
    const e = await thrownAsync(() => bundle.generateFromIds('ase', [lg.vocabSize, 3]).next());
    expect(e.code).toBe('token_out_of_vocabulary');
    expect(e.details).toMatchObject({ index: 0, value: lg.vocabSize });
    const ok = await collect(
      bundle.generateFromIds('ase', [lg.idOf('<ase>'), lg.idOf('BIG'), 3], { maxFrames: 2 }),
    );
    expect(ok.summary).toEqual({ frames: 2, stoppedBy: 'limit' });
  });
});
