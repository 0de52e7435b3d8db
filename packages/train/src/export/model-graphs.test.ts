import { ModelConfigSchema, trainTokenizer } from '@signllm/core';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBackend } from '../test-support/tf-backend.ts';
import { tinyModel } from '../test-support/tiny-run.ts';
import { outputWidthOf, SignModel } from '../train/sign-model.ts';
import {
  buildEncoderGraph,
  buildPoseDecoderStepGraph,
  buildTokenDecoderStepGraph,
  type GraphSpec,
} from './model-graphs.ts';
import { quantizeColumns } from './transformer-graph.ts';

const { onnx } = onnxProto;

beforeAll(useTestBackend);

const SENTENCES = ['the sky is blue', 'the house is big', 'where is the station'];

function poseModel(overrides: { futurePrediction?: number; justCounter?: boolean; dModel?: number } = {}) {
  const base = tinyModel('mlsf', ['ase']);
  const d = overrides.dModel ?? base.architecture?.dModel ?? 16;
  const config = ModelConfigSchema.parse({
    ...base,
    architecture: { ...base.architecture, dModel: d, ffnSize: 2 * d },
    augmentations: {
      futurePrediction: overrides.futurePrediction ?? 0,
      justCounter: overrides.justCounter ?? false,
    },
  });
  const tokenizer = trainTokenizer(SENTENCES, { kind: 'word', vocabSize: 50 });
  return SignModel.create(config, { ase: tokenizer }, 5);
}

function specOf(model: SignModel, prefix: string): GraphSpec {
  const a = model.config.architecture;
  return { prefix, ...a, maxTargetLength: a.maxTargetLength };
}

function graphOf(bytes: Uint8Array) {
  return onnx.ModelProto.decode(bytes).graph!;
}

function initializer(graph: onnxProto.onnx.IGraphProto, name: string): Float32Array {
  const t = graph.initializer!.find((i) => i.name === name);
  if (!t) throw new Error(`no initializer ${name}`);
  return new Float32Array(Uint8Array.from(t.rawData!).buffer);
}

describe('pose graphs', () => {
  it('the encoder has the contract inputs and one cross key/value pair per decoder layer', () => {
    const model = poseModel();
    const group = model.groups.get('ase')!;
    const weights = new Map(group.net.params.toWeights().map((w) => [w.name, w]));
    const graph = graphOf(buildEncoderGraph(weights, specOf(model, 'ase')));
    expect(graph.input!.map((i) => i.name)).toEqual(['source_ids', 'source_mask']);
    const layers = model.config.architecture.decoderLayers;
    expect(graph.output!.map((o) => o.name)).toEqual(
      Array.from({ length: layers }, (_, i) => [`cross_key_${i}`, `cross_value_${i}`]).flat(),
    );
    // Encoder weights are stored bit for bit: as they are, or as column blocks of a fused product
    // (self-attention q|k|v, cross-attention k|v).
    const d = model.config.architecture.dModel;
    const column = (data: Float32Array, width: number, block: number) =>
      Array.from({ length: d * d }, (_, i) => data[Math.floor(i / d) * width + block * d + (i % d)]);
    let checked = 0;
    for (const [name, w] of weights) {
      const fused =
        /^(.*\/attention)\/([qkv])\/w$/.exec(name) ?? /^(.*\/cross_attention)\/([kv])\/w$/.exec(name);
      if (fused) {
        const parts = fused[1]!.endsWith('cross_attention') ? 'kv' : 'qkv';
        const block = parts.indexOf(fused[2]!);
        const data = initializer(graph, `${fused[1]}/${parts}/w`);
        expect(column(data, parts.length * d, block), name).toEqual([...w.data]);
        checked++;
      } else if (name.includes('/encoder/') && !/\/attention\/[qkv]\/b$/.test(name)) {
        expect([...initializer(graph, name)], name).toEqual([...w.data]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    model.dispose();
  });

  it('the decoder step keeps the next frame and the counter of a future-prediction output layer', () => {
    const model = poseModel({ futurePrediction: 2 });
    const group = model.groups.get('ase')!;
    const weights = new Map(group.net.params.toWeights().map((w) => [w.name, w]));
    const width = outputWidthOf(model.config);
    expect(width).toBe(301);
    const graph = graphOf(
      buildPoseDecoderStepGraph(weights, { ...specOf(model, 'ase'), justCounter: false, outputWidth: width }),
    );
    const layers = model.config.architecture.decoderLayers;
    const caches = Array.from({ length: layers }, (_, i) => [
      `past_key_${i}`,
      `past_value_${i}`,
      `cross_key_${i}`,
      `cross_value_${i}`,
    ]).flat();
    expect(graph.input!.map((i) => i.name)).toEqual(['frames', 'source_mask', ...caches]);
    expect(graph.output!.map((o) => o.name)).toEqual([
      'next_frames',
      ...Array.from({ length: layers }, (_, i) => [`present_key_${i}`, `present_value_${i}`]).flat(),
    ]);
    const full = weights.get('ase/decoder/output/w')!.data;
    const kept = initializer(graph, 'ase/decoder/output/w/next_frame');
    const d = model.config.architecture.dModel;
    expect(kept.length).toBe(d * 151);
    for (const r of [0, 3, d - 1]) {
      expect(kept[r * 151]).toBe(full[r * width]);
      expect(kept[r * 151 + 149]).toBe(full[r * width + 149]);
      expect(kept[r * 151 + 150]).toBe(full[r * width + width - 1]);
    }
    expect(graph.node!.some((n) => n.opType === 'Slice')).toBe(false);
    model.dispose();
  });

  it('a Just Counter step reads only the counter column', () => {
    const model = poseModel({ justCounter: true });
    const group = model.groups.get('ase')!;
    const weights = new Map(group.net.params.toWeights().map((w) => [w.name, w]));
    const graph = graphOf(
      buildPoseDecoderStepGraph(weights, { ...specOf(model, 'ase'), justCounter: true, outputWidth: 151 }),
    );
    expect(graph.node!.filter((n) => n.opType === 'Slice')).toHaveLength(1);
    expect(weights.get('ase/decoder/input/w')!.shape).toEqual([1, model.config.architecture.dModel]);
    model.dispose();
  });

  it('refuses weights that are missing or shaped for another model', () => {
    const model = poseModel();
    const group = model.groups.get('ase')!;
    const weights = new Map(group.net.params.toWeights().map((w) => [w.name, w]));
    const spec = specOf(model, 'ase');
    expect(() => buildEncoderGraph(weights, { ...spec, prefix: 'gsg' })).toThrow(
      /no embedding table "gsg\/encoder\/embed"/,
    );
    expect(() =>
      buildPoseDecoderStepGraph(weights, { ...spec, justCounter: false, outputWidth: 301 }),
    ).toThrow(/expected \[16, 301\]/);
    expect(() => buildEncoderGraph(weights, { ...spec, heads: 3 })).toThrow(/not divisible/);
    model.dispose();
  });
});

describe('text → LangGloss graphs', () => {
  it('the token step takes tokens and returns logits over the target vocabulary', () => {
    const config = ModelConfigSchema.parse(tinyModel('p2lg-stage1', ['ase']));
    const source = trainTokenizer(SENTENCES, { kind: 'subword', vocabSize: 60 });
    const target = trainTokenizer(['<ase> SKY <ase> BLUE', '<ase> HOUSE <ase> BIG'], {
      kind: 'word',
      vocabSize: 30,
      lowercase: false,
      reserved: ['<ase>'],
    });
    const model = SignModel.create(config, { source, target }, 3);
    const net = model.tokenModel!.net;
    const weights = new Map(net.params.toWeights().map((w) => [w.name, w]));
    const graph = graphOf(buildTokenDecoderStepGraph(weights, specOf(model, 'stage1')));
    expect(graph.input![0]!.name).toBe('tokens');
    expect(graph.output![0]!.name).toBe('logits');
    const dims = graph.output![0]!.type!.tensorType!.shape!.dim!;
    expect(Number(dims[2]!.dimValue)).toBe(target.vocabSize);
    model.dispose();
  });
});

describe('int8 weights', () => {
  it('quantizeColumns keeps every value within half a step of its column scale', () => {
    const rows = 7;
    const cols = 5;
    const w = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 1.7) * (1 + (i % cols)));
    const { q, scale } = quantizeColumns(w, rows, cols);
    for (let c = 0; c < cols; c++) {
      let max = 0;
      for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(w[r * cols + c]!));
      expect(scale[c]).toBeCloseTo(max / 127, 7);
      for (let r = 0; r < rows; r++) {
        expect(Math.abs(q[r * cols + c]! * scale[c]! - w[r * cols + c]!)).toBeLessThanOrEqual(
          scale[c]! / 2 + 1e-7,
        );
      }
    }
    expect(quantizeColumns(new Float32Array(4), 2, 2).scale).toEqual(Float32Array.of(1, 1));
  });

  it('an int8 step quantizes the large products with standard operators and keeps small ones float32', () => {
    const model = poseModel({ justCounter: true, dModel: 64 });
    const group = model.groups.get('ase')!;
    const weights = new Map(group.net.params.toWeights().map((w) => [w.name, w]));
    const graph = graphOf(
      buildPoseDecoderStepGraph(weights, {
        ...specOf(model, 'ase'),
        format: 'int8',
        justCounter: true,
        outputWidth: 151,
      }),
    );
    const ops = graph.node!.map((n) => n.opType);
    expect(ops.filter((o) => o === 'MatMulInteger').length).toBeGreaterThan(0);
    expect(ops.filter((o) => o === 'DynamicQuantizeLinear').length).toBe(
      ops.filter((o) => o === 'MatMulInteger').length,
    );
    const names = graph.initializer!.map((t) => t.name);
    // The Just Counter input layer ([1, d]) is too small to quantize.
    expect(names).toContain('ase/decoder/input/w');
    expect(names).not.toContain('ase/decoder/input/w/int8');
    const int8 = graph.initializer!.find((t) => t.name === 'ase/decoder/layer0/ffn/in/w/int8')!;
    expect(int8.dataType).toBe(onnx.TensorProto.DataType.INT8);
    model.dispose();
  });

  it('an int8 encoder stores the embedding table row by row: each row within half a step of its scale', () => {
    const config = ModelConfigSchema.parse({
      ...tinyModel('mlsf', ['ase']),
      architecture: { ...tinyModel('mlsf', ['ase']).architecture, dModel: 64, heads: 4, ffnSize: 128 },
    });
    const tokenizer = trainTokenizer([...SENTENCES, ...Array.from({ length: 80 }, (_, i) => `word${i}`)], {
      kind: 'word',
      vocabSize: 100,
    });
    const model = SignModel.create(config, { ase: tokenizer }, 5);
    const weights = new Map(
      model.groups
        .get('ase')!
        .net.params.toWeights()
        .map((w) => [w.name, w]),
    );
    const graph = graphOf(buildEncoderGraph(weights, { ...specOf(model, 'ase'), format: 'int8' }));
    const table = weights.get('ase/encoder/embed')!;
    const [rows, cols] = table.shape as [number, number];
    expect(rows * cols).toBeGreaterThanOrEqual(4096);
    const q = graph.initializer!.find((t) => t.name === 'ase/encoder/embed/int8')!;
    expect(q.dataType).toBe(onnx.TensorProto.DataType.INT8);
    const values = new Int8Array(Uint8Array.from(q.rawData!).buffer);
    const scales = initializer(graph, 'ase/encoder/embed/int8_scale');
    expect(scales.length).toBe(rows);
    for (const r of [0, 3, rows - 1]) {
      for (let c = 0; c < cols; c++) {
        const restored = values[r * cols + c]! * scales[r]!;
        expect(Math.abs(restored - table.data[r * cols + c]!)).toBeLessThanOrEqual(scales[r]! / 2 + 1e-7);
      }
    }
    expect(graph.initializer!.some((t) => t.name === 'ase/encoder/embed')).toBe(false);
    model.dispose();
  });
});
