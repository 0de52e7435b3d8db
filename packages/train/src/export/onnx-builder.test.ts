import onnxProto from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { GraphBuilder, ONNX_IR_VERSION, ONNX_OPSET } from './onnx-builder.ts';

const { onnx } = onnxProto;

function decode(bytes: Uint8Array) {
  return onnx.ModelProto.decode(bytes);
}

/** A copy of the raw bytes (decoded fields may be views into a larger buffer). */
function rawBytes(t: onnxProto.onnx.ITensorProto): ArrayBuffer {
  return Uint8Array.from(t.rawData ?? new Uint8Array()).buffer;
}

function floatsOf(t: onnxProto.onnx.ITensorProto): number[] {
  return [...new Float32Array(rawBytes(t))];
}

describe('GraphBuilder', () => {
  it('encodes a model that decodes back to the same graph, opset and IR version', () => {
    const g = new GraphBuilder('relu-layer');
    const x = g.input('x', 'float32', ['batch', 4]);
    const w = Float32Array.from({ length: 12 }, (_, i) => i / 7);
    const y = g.op('Relu', [g.op('MatMul', [x, g.weight('w', w, [4, 3])])]);
    g.output('y', y, 'float32', ['batch', 3]);
    const model = decode(g.toBytes('doc'));
    expect(Number(model.irVersion)).toBe(ONNX_IR_VERSION);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    expect(model.docString).toBe('doc');
    const graph = model.graph!;
    expect(graph.input!.map((i) => i.name)).toEqual(['x']);
    expect(graph.output!.map((o) => o.name)).toEqual(['y']);
    const dims = graph.input![0]!.type!.tensorType!.shape!.dim!;
    expect(dims.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['batch', 4]);
    // The output is the Relu's own output, renamed: no Identity node copying it on every run.
    expect(graph.node!.map((n) => n.opType)).toEqual(['MatMul', 'Relu']);
    expect(graph.node![1]!.output).toEqual(['y']);
    const init = graph.initializer!.find((t) => t.name === 'w')!;
    expect(init.dims!.map(Number)).toEqual([4, 3]);
    expect(floatsOf(init)).toEqual([...w]);
  });

  it('renames a node output for every consumer, and passes graph inputs through Identity', () => {
    const g = new GraphBuilder('rename');
    const x = g.input('x', 'float32', [2]);
    const r = g.op('Relu', [x]);
    const n = g.op('Neg', [r]);
    g.output('relu', r, 'float32', [2]);
    g.output('neg', n, 'float32', [2]);
    g.output('same_x', x, 'float32', [2]);
    const graph = decode(g.toBytes()).graph!;
    const byOp = Object.fromEntries(graph.node!.map((node) => [node.opType, node]));
    expect(byOp.Relu!.output).toEqual(['relu']);
    expect(byOp.Neg!.input).toEqual(['relu']);
    expect(byOp.Neg!.output).toEqual(['neg']);
    expect(byOp.Identity!.input).toEqual(['x']);
    expect(byOp.Identity!.output).toEqual(['same_x']);
  });

  it('writes typed attributes and deduplicates constants by value', () => {
    const g = new GraphBuilder('attrs');
    const x = g.input('x', 'float32', [2, 3]);
    const a = g.ints([0, 3]);
    const b = g.ints([0, 3]);
    const c = g.floats([1.5], []);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    const n = g.op('LayerNormalization', [x, g.floats([1, 1, 1]), g.floats([0, 0, 0])], {
      axis: { int: -1 },
      epsilon: { float: 1e-6 },
    });
    g.op('Transpose', [n], { perm: { ints: [1, 0] } });
    const graph = decode(g.toBytes()).graph!;
    const ln = graph.node!.find((node) => node.opType === 'LayerNormalization')!;
    const byName = Object.fromEntries(ln.attribute!.map((attr) => [attr.name, attr]));
    expect(Number(byName.axis!.i)).toBe(-1);
    expect(byName.epsilon!.f).toBeCloseTo(1e-6, 12);
    const tr = graph.node!.find((node) => node.opType === 'Transpose')!;
    expect(tr.attribute![0]!.ints!.map(Number)).toEqual([1, 0]);
    const int64 = graph.initializer!.find((t) => t.name === a)!;
    expect(int64.dataType).toBe(onnx.TensorProto.DataType.INT64);
    expect([...new BigInt64Array(rawBytes(int64))]).toEqual([0n, 3n]);
  });

  it('refuses a weight whose values do not fill its dims, and a name used twice', () => {
    const g = new GraphBuilder('bad');
    expect(() => g.weight('w', new Float32Array(5), [2, 3])).toThrow(/5 values, dims \[2, 3\] need 6/);
    g.weight('w', new Float32Array(6), [2, 3]);
    expect(() => g.weight('w', new Float32Array(6), [2, 3])).toThrow(/defined twice/);
  });
});
