/**
 * A tiny ONNX graph builder over onnx-proto's protobuf messages.
 *
 * `node(op, inputs, attrs)` appends a node and returns its output's name, so a graph reads like the
 * arithmetic it computes. Tensors named by the caller (weights) become initializers whose bytes go
 * to a TensorStore; small constants (shapes, axes, epsilons) are auto-named initializers.
 */
import type { onnx } from 'onnx-proto';
import onnxProto from 'onnx-proto';
import type { TensorStore } from './tensor-store';

const { AttributeProto, ModelProto } = onnxProto.onnx;

/** onnx.TensorProto.DataType values (a const object: the enum lives on the CommonJS value). */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
} as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** A dimension: a fixed size or a symbolic name such as "batch_size". */
export type Dim = number | string;

/**
 * Attribute values. Integers become INT, other numbers FLOAT, number arrays INTS; this graph needs
 * no float attributes that happen to be whole numbers, so the inference is unambiguous here.
 */
export type AttrValue = number | number[] | string;

type TypedArray = Float32Array | BigInt64Array | Int32Array | Int8Array | Uint8Array;

function dataTypeOf(data: TypedArray): DataTypeCode {
  if (data instanceof Float32Array) return DataType.FLOAT;
  if (data instanceof BigInt64Array) return DataType.INT64;
  if (data instanceof Int32Array) return DataType.INT32;
  if (data instanceof Int8Array) return DataType.INT8;
  return DataType.UINT8;
}

const BYTES_PER_ELEMENT: Record<DataTypeCode, number> = { 1: 4, 2: 1, 3: 1, 6: 4, 7: 8, 9: 1 };

function toAttribute(name: string, value: AttrValue): onnx.IAttributeProto {
  const { AttributeType } = AttributeProto;
  if (typeof value === 'string') {
    return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  }
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (Number.isInteger(value)) return { name, type: AttributeType.INT, i: value };
  return { name, type: AttributeType.FLOAT, f: value };
}

function valueInfo(name: string, elemType: DataTypeCode, dims: Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly names = new Set<string>();
  private counter = 0;
  /** Constants by value, so the many identical axes/shape tensors become one initializer each. */
  private readonly constants = new Map<string, string>();
  /** Prefix for generated names, so a node's name says which layer it belongs to. */
  private scopeName = '';

  constructor(private readonly store: TensorStore) {}

  /** Runs `build` with generated names prefixed by `/scope`; returns what `build` returns. */
  scope<T>(scope: string, build: () => T): T {
    const outer = this.scopeName;
    this.scopeName = `${outer}/${scope}`;
    try {
      return build();
    } finally {
      this.scopeName = outer;
    }
  }

  private fresh(base: string): string {
    return `${this.scopeName}/${base}_${this.counter++}`;
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`duplicate tensor name ${name}`);
    this.names.add(name);
    return name;
  }

  input(name: string, elemType: DataTypeCode, dims: Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), elemType, dims));
    return name;
  }

  /** Declares `value` a graph output named `name` (via Identity when it already has a name). */
  output(name: string, value: string, elemType: DataTypeCode, dims: Dim[]): void {
    if (value !== name) this.nodes.push({ opType: 'Identity', input: [value], output: [this.claim(name)] });
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** Appends a node with `outputCount` outputs and returns their names. */
  nodeN(op: string, inputs: string[], outputCount: number, attrs: Record<string, AttrValue> = {}): string[] {
    const outputs = Array.from({ length: outputCount }, (_, i) =>
      this.claim(this.fresh(`${op}${i === 0 ? '' : i}`)),
    );
    this.nodes.push({
      name: outputs[0],
      opType: op,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attrs).map(([k, v]) => toAttribute(k, v)),
    });
    return outputs;
  }

  /** Appends a single-output node and returns its output's name. */
  node(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.nodeN(op, inputs, 1, attrs)[0] as string;
  }

  /** A named initializer whose bytes arrive in chunks (lets a 600 MB table stream to disk). */
  initializerChunks(
    name: string,
    dataType: DataTypeCode,
    dims: number[],
    chunks: Iterable<ArrayBufferView>,
  ): string {
    const byteLength = dims.reduce((a, b) => a * b, 1) * BYTES_PER_ELEMENT[dataType];
    const placement = this.store.put(byteLength, chunks);
    this.initializers.push({ name: this.claim(name), dataType, dims, ...placement });
    return name;
  }

  initializer(name: string, data: TypedArray, dims: number[]): string {
    return this.initializerChunks(name, dataTypeOf(data), dims, [data]);
  }

  /** An auto-named, deduplicated constant (shapes, axes, epsilons). */
  private constant(data: Float32Array | BigInt64Array, dims: number[]): string {
    const key = `${dataTypeOf(data)}|${dims.join(',')}|${data.join(',')}`;
    let name = this.constants.get(key);
    if (name === undefined) {
      name = this.initializer(this.fresh('const'), data, dims);
      this.constants.set(key, name);
    }
    return name;
  }

  /** An int64 constant (shapes, axes, indices); pass `[]` as dims for a scalar. */
  int64(values: number[], dims: number[] = [values.length]): string {
    return this.constant(BigInt64Array.from(values, BigInt), dims);
  }

  /** A float32 constant: a scalar for a number, a vector for an array. */
  float(values: number | number[], dims?: number[]): string {
    const list = typeof values === 'number' ? [values] : values;
    return this.constant(Float32Array.from(list), dims ?? (typeof values === 'number' ? [] : [list.length]));
  }

  /** Serialises the graph; call after every weight has gone through the store. */
  encodeModel(options: {
    graphName: string;
    opset: number;
    docString: string;
    metadata: Record<string, string>;
  }): Uint8Array {
    const model: onnx.IModelProto = {
      irVersion: 8,
      producerName: 'semantic-radar scripts/make-test-model.ts',
      producerVersion: '1',
      docString: options.docString,
      opsetImport: [{ domain: '', version: options.opset }],
      metadataProps: Object.entries(options.metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: options.graphName,
        node: this.nodes,
        input: this.inputs,
        output: this.outputs,
        initializer: this.initializers,
      },
    };
    return ModelProto.encode(model).finish();
  }

  get nodeCount(): number {
    return this.nodes.length;
  }
}
