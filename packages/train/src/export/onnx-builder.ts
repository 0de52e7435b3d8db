/**
 * A small builder of ONNX graphs on the protobuf definitions of the `onnx-proto` package: graph inputs
 * and outputs with symbolic dimensions, float32 initializers stored as raw little-endian bytes, int64
 * constants, and nodes of the default domain. `toBytes` encodes a `ModelProto`.
 */
import { ERROR_CODES, SignLLMError } from '@signllm/core';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/** ONNX opset of every graph SignLLM writes (LayerNormalization needs 17). */
export const ONNX_OPSET = 17;
/** ONNX IR version of every graph SignLLM writes. */
export const ONNX_IR_VERSION = 8;

/** Element types used by the graphs. */
export type OnnxElementType = 'float32' | 'int64' | 'int8';

/** A dimension: a fixed size or a symbolic name such as `"batch"`. */
export type OnnxDim = number | string;

/** A node attribute. */
export type OnnxAttribute =
  | { int: number }
  | { ints: readonly number[] }
  | { float: number }
  | { floats: readonly number[] }
  | { string: string };

const ELEMENT_TYPES: Record<OnnxElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  int8: onnx.TensorProto.DataType.INT8,
};

function valueInfo(
  name: string,
  type: OnnxElementType,
  dims: readonly OnnxDim[],
): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPES[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function bytesOf(data: Float32Array | BigInt64Array | Int8Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function attribute(name: string, value: OnnxAttribute): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('int' in value) return { name, type: T.INT, i: value.int };
  if ('ints' in value) return { name, type: T.INTS, ints: [...value.ints] };
  if ('float' in value) return { name, type: T.FLOAT, f: value.float };
  if ('floats' in value) return { name, type: T.FLOATS, floats: [...value.floats] };
  return { name, type: T.STRING, s: new TextEncoder().encode(value.string) };
}

/**
 * Builds one ONNX graph.
 *
 * @example
 * ```ts
 * const g = new GraphBuilder('relu-layer');
 * const x = g.input('x', 'float32', ['batch', 4]);
 * const y = g.op('Relu', [g.op('Add', [g.op('MatMul', [x, g.weight('w', w, [4, 3])]), g.weight('b', b, [3])])]);
 * g.output('y', y, 'float32', ['batch', 3]);
 * const bytes = g.toBytes();
 * ```
 */
export class GraphBuilder {
  readonly name: string;
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly initializerNames = new Set<string>();
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly constants = new Map<string, string>();
  private nextId = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Declares a graph input; returns its name. */
  input(name: string, type: OnnxElementType, dims: readonly OnnxDim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /**
   * Declares `value` as the graph output `name`. A node output is renamed (in its producer and every
   * consumer) rather than copied through an Identity node, which would copy the tensor on every run;
   * graph inputs and initializers, which cannot be renamed, go through Identity.
   */
  output(name: string, value: string, type: OnnxElementType, dims: readonly OnnxDim[]): void {
    const producer = this.nodes.find((n) => n.output?.includes(value));
    const isOutput = this.outputs.some((o) => o.name === value);
    if (value !== name && producer && !isOutput) {
      for (const node of this.nodes) {
        node.input = (node.input ?? []).map((i) => (i === value ? name : i));
        node.output = (node.output ?? []).map((o) => (o === value ? name : o));
      }
    } else if (value !== name) {
      this.nodes.push({ opType: 'Identity', input: [value], output: [name], name });
    }
    this.outputs.push(valueInfo(name, type, dims));
  }

  /** Adds a float32 (or int8) initializer under `name` (each name once); returns the name. */
  weight(name: string, data: Float32Array | Int8Array, dims: readonly number[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== data.length) {
      throw new SignLLMError(
        ERROR_CODES.shapeMismatch,
        `Weight ${name} has ${data.length} values, dims [${dims.join(', ')}] need ${size}`,
      );
    }
    if (this.initializerNames.has(name)) {
      throw new SignLLMError(ERROR_CODES.invalidArgument, `Initializer ${name} is defined twice`);
    }
    this.initializerNames.add(name);
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: data instanceof Int8Array ? ELEMENT_TYPES.int8 : ELEMENT_TYPES.float32,
      rawData: bytesOf(data instanceof Int8Array ? Int8Array.from(data) : Float32Array.from(data)),
    });
    return name;
  }

  /** A float32 constant (deduplicated by value); returns its name. */
  floats(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('float32', values, dims);
  }

  /** An int64 constant (deduplicated by value); returns its name. */
  ints(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.constant('int64', values, dims);
  }

  private constant(type: OnnxElementType, values: readonly number[], dims: readonly number[]): string {
    const key = `${type}:${dims.join('x')}:${values.join(',')}`;
    const known = this.constants.get(key);
    if (known !== undefined) return known;
    const name = `const_${this.constants.size}`;
    const data =
      type === 'float32' ? Float32Array.from(values) : BigInt64Array.from(values, (v) => BigInt(v));
    this.initializerNames.add(name);
    this.initializers.push({ name, dims: [...dims], dataType: ELEMENT_TYPES[type], rawData: bytesOf(data) });
    this.constants.set(key, name);
    return name;
  }

  /** Adds a node with one output; returns the output's name. */
  op(opType: string, inputs: readonly string[], attributes: Record<string, OnnxAttribute> = {}): string {
    const [out] = this.opN(opType, inputs, 1, attributes);
    return out as string;
  }

  /** Adds a node with `outputs` outputs; returns their names. */
  opN(
    opType: string,
    inputs: readonly string[],
    outputs: number,
    attributes: Record<string, OnnxAttribute> = {},
  ): string[] {
    const id = this.nextId++;
    const names = Array.from({ length: outputs }, (_, i) => `${opType}_${id}${outputs > 1 ? `_${i}` : ''}`);
    this.nodes.push({
      opType,
      name: `${opType}_${id}`,
      input: [...inputs],
      output: names,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return names;
  }

  /** Encodes the model (opset `ONNX_OPSET`, IR `ONNX_IR_VERSION`). */
  toBytes(docString = ''): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: ONNX_IR_VERSION,
      opsetImport: [{ domain: '', version: ONNX_OPSET }],
      producerName: 'signllm-train',
      docString,
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
