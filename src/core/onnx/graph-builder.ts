/**
 * A tiny typed DSL that builds ONNX `ModelProto` bytes in TypeScript (no Python export step).
 *
 *   const g = new GraphBuilder();
 *   const x = g.input('x', 'float32', ['batch', 4]);
 *   const w = g.initializer('w', weights, [4, 3]);
 *   g.output(g.softmax(g.add(g.matMul(x, w), g.constant([0.1, 0.2, 0.3], [3])), -1), 'y', 'float32', ['batch', 3]);
 *   const bytes = g.toBytes(); // → ort.InferenceSession.create(bytes)
 *
 * Every op helper takes value names (strings) and returns the name of its output, so graphs read as
 * ordinary expressions. Attributes: a JS number is an INT, a number[] is INTS, a string is STRING; wrap
 * floats with {@link float} / {@link floats}. Opset 17 of the default domain (IR version 8), using only
 * standard ops that both the WASM and WebGPU execution providers implement.
 * Reusable neural-network blocks built on top of this live in `nn-blocks.ts`.
 */
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto as unknown as { onnx: typeof OnnxTypes };

export type DType = 'float32' | 'int64' | 'int32' | 'bool';
/** A dimension: a fixed size or a symbolic name such as 'batch'. */
export type Dim = number | string;

const ELEMENT_TYPE: Record<DType, number> = { float32: 1, int32: 6, int64: 7, bool: 9 };

/** Float attribute (plain numbers are INT attributes). */
export interface FloatAttr { kind: 'float'; value: number }
export interface FloatsAttr { kind: 'floats'; value: number[] }
export type AttrValue = number | number[] | string | FloatAttr | FloatsAttr;
export const float = (value: number): FloatAttr => ({ kind: 'float', value });
export const floats = (value: number[]): FloatsAttr => ({ kind: 'floats', value });

/** The most negative finite float32, used for additive attention masks (−Infinity would give NaN rows). */
export const FLOAT32_MIN = -3.4028234663852886e38;

interface ValueInfo { name: string; dtype: DType; dims: Dim[] }

export class GraphBuilder {
  private readonly nodes: OnnxTypes.INodeProto[] = [];
  private readonly initializers: OnnxTypes.ITensorProto[] = [];
  private readonly inputs: ValueInfo[] = [];
  private readonly outputs: ValueInfo[] = [];
  private readonly constantCache = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private counter = 0;

  constructor(readonly graphName = 'graph') {}

  /** A fresh value name with a readable prefix. */
  fresh(prefix: string): string {
    let name: string;
    do name = `${prefix}_${this.counter++}`;
    while (this.usedNames.has(name));
    this.usedNames.add(name);
    return name;
  }

  private claim(name: string): string {
    if (this.usedNames.has(name)) throw new Error(`graph-builder: value name "${name}" is already used`);
    this.usedNames.add(name);
    return name;
  }

  /** Declares a graph input; returns its name. */
  input(name: string, dtype: DType, dims: Dim[]): string {
    this.inputs.push({ name: this.claim(name), dtype, dims });
    return name;
  }

  /**
   * Declares `value` as a graph output called `name` (an Identity node renames it when needed).
   */
  output(value: string, name: string, dtype: DType, dims: Dim[]): string {
    if (value !== name) this.nodes.push({ opType: 'Identity', input: [value], output: [this.claim(name)], name: `out_${name}` });
    this.outputs.push({ name, dtype, dims });
    return name;
  }

  /** A float32 initializer; the data is referenced, not copied, until `toBytes()`. */
  initializer(name: string, data: Float32Array, dims: number[]): string {
    return this.addFloatInitializer(this.claim(name), data, dims);
  }

  /** An initializer under a fresh name built from `prefix`. */
  anonymousInitializer(prefix: string, data: Float32Array, dims: number[]): string {
    return this.addFloatInitializer(this.fresh(prefix), data, dims);
  }

  private addFloatInitializer(name: string, data: Float32Array, dims: number[]): string {
    const count = dims.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`graph-builder: initializer "${name}" has ${data.length} values but dims [${dims}]`);
    this.initializers.push({
      name,
      dataType: ELEMENT_TYPE.float32,
      dims,
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    });
    return name;
  }

  /** A float32 constant (deduplicated by value). */
  constant(values: ArrayLike<number>, dims: number[] = [values.length]): string {
    const key = `f:${dims}:${Array.from(values)}`;
    const cached = this.constantCache.get(key);
    if (cached) return cached;
    const name = this.anonymousInitializer('const', Float32Array.from(values), dims);
    this.constantCache.set(key, name);
    return name;
  }

  /** A 1-D int64 constant (shapes, axes, indices), deduplicated by value. */
  int64s(values: number[], dims: number[] = [values.length]): string {
    const key = `i:${dims}:${values}`;
    const cached = this.constantCache.get(key);
    if (cached) return cached;
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    const name = this.fresh('ints');
    this.initializers.push({ name, dataType: ELEMENT_TYPE.int64, dims, rawData: new Uint8Array(data.buffer) });
    this.constantCache.set(key, name);
    return name;
  }

  /** Adds one node; returns its output names. Empty-string inputs mean "optional input omitted". */
  node(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}, outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({
      opType,
      input: inputs,
      output: outputs,
      name: `${opType}_${this.nodes.length}`,
      attribute: Object.entries(attrs).map(([name, value]) => attribute(name, value)),
    });
    return outputs;
  }

  /** A single-output node. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.node(opType, inputs, attrs)[0];
  }

  // ---- element-wise -------------------------------------------------------------------------------
  add(a: string, b: string): string { return this.op('Add', [a, b]); }
  sub(a: string, b: string): string { return this.op('Sub', [a, b]); }
  mul(a: string, b: string): string { return this.op('Mul', [a, b]); }
  div(a: string, b: string): string { return this.op('Div', [a, b]); }
  neg(x: string): string { return this.op('Neg', [x]); }
  sqrt(x: string): string { return this.op('Sqrt', [x]); }
  relu(x: string): string { return this.op('Relu', [x]); }
  sigmoid(x: string): string { return this.op('Sigmoid', [x]); }
  sinh(x: string): string { return this.op('Sinh', [x]); }
  asinh(x: string): string { return this.op('Asinh', [x]); }
  exp(x: string): string { return this.op('Exp', [x]); }
  /** `condition ? a : b`, broadcasting. */
  where(condition: string, a: string, b: string): string { return this.op('Where', [condition, a, b]); }
  cast(x: string, to: DType): string { return this.op('Cast', [x], { to: ELEMENT_TYPE[to] }); }
  equal(a: string, b: string): string { return this.op('Equal', [a, b]); }

  // ---- linear algebra and reductions --------------------------------------------------------------
  matMul(a: string, b: string): string { return this.op('MatMul', [a, b]); }
  softmax(x: string, axis = -1): string { return this.op('Softmax', [x], { axis }); }
  /** Opset 17: axes are an attribute. */
  reduceMean(x: string, axes: number[], keepdims = true): string {
    return this.op('ReduceMean', [x], { axes, keepdims: keepdims ? 1 : 0 });
  }

  // ---- shapes -------------------------------------------------------------------------------------
  /** `shape` follows ONNX Reshape: 0 copies the input dimension, -1 is inferred. */
  reshape(x: string, shape: number[] | string): string {
    return this.op('Reshape', [x, typeof shape === 'string' ? shape : this.int64s(shape)]);
  }
  transpose(x: string, perm: number[]): string { return this.op('Transpose', [x], { perm }); }
  concat(xs: string[], axis: number): string { return this.op('Concat', xs, { axis }); }
  unsqueeze(x: string, axes: number[]): string { return this.op('Unsqueeze', [x, this.int64s(axes)]); }
  squeeze(x: string, axes: number[]): string { return this.op('Squeeze', [x, this.int64s(axes)]); }
  gather(x: string, indices: string, axis = 0): string { return this.op('Gather', [x, indices], { axis }); }
  /** Split along `axis` into pieces of the given sizes. */
  split(x: string, sizes: number[], axis: number): string[] {
    return this.node('Split', [x, this.int64s(sizes)], { axis }, sizes.length);
  }
  /** Static slice; `starts`/`ends` may also be names of int64 tensors for dynamic bounds. */
  slice(x: string, starts: number[] | string, ends: number[] | string, axes: number[]): string {
    const s = typeof starts === 'string' ? starts : this.int64s(starts);
    const e = typeof ends === 'string' ? ends : this.int64s(ends);
    return this.op('Slice', [x, s, e, this.int64s(axes)]);
  }
  /** The int64 shape of `x`, optionally only dimensions [start, end). */
  shape(x: string, start?: number, end?: number): string {
    const attrs: Record<string, AttrValue> = {};
    if (start !== undefined) attrs.start = start;
    if (end !== undefined) attrs.end = end;
    return this.op('Shape', [x], attrs);
  }
  expand(x: string, shape: string): string { return this.op('Expand', [x, shape]); }

  /** Serialises the model (ONNX IR 8, opset 17) with every initializer inside the protobuf. */
  toBytes(metadata: Record<string, string> = {}): Uint8Array {
    return this.toModel({ metadata }).model;
  }

  /**
   * Serialises the model. With `externalData`, initializers of at least `threshold` bytes are left out
   * of the protobuf and returned as ONNX external data, one entry per tensor referencing the tensor's own
   * bytes (no copy), to be passed to ORT as `InferenceSession.create(model, { externalData })`. That skips
   * copying hundreds of MB of weights through protobuf on both sides.
   */
  toModel(options: { metadata?: Record<string, string>; externalData?: boolean; threshold?: number } = {}): BuiltModel {
    const { metadata = {}, threshold = 1024 } = options;
    let initializers = this.initializers;
    let externalData: BuiltModel['externalData'];
    if (options.externalData) {
      externalData = [];
      initializers = this.initializers.map((t, i) => {
        const raw = t.rawData as Uint8Array;
        if (raw.byteLength < threshold) return t;
        const path = `initializer_${i}.bin`;
        externalData!.push({ path, data: raw });
        return {
          name: t.name,
          dataType: t.dataType,
          dims: t.dims,
          dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
          externalData: [
            { key: 'location', value: path },
            { key: 'offset', value: '0' },
            { key: 'length', value: String(raw.byteLength) },
          ],
        };
      });
    }
    const model: OnnxTypes.IModelProto = {
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      producerName: 'quant-lens graph-builder',
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.graphName,
        node: this.nodes,
        initializer: initializers,
        input: this.inputs.map(valueInfo),
        output: this.outputs.map(valueInfo),
      },
    };
    return { model: onnx.ModelProto.encode(model).finish(), externalData };
  }
}

/** A serialised model, optionally with its large initializers as external data (ORT's `externalData`). */
export interface BuiltModel {
  model: Uint8Array;
  externalData?: { path: string; data: Uint8Array }[];
}

function valueInfo({ name, dtype, dims }: ValueInfo): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEMENT_TYPE[dtype],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, value: AttrValue): OnnxTypes.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') return { name, type: T.INT, i: value };
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if (value.kind === 'float') return { name, type: T.FLOAT, f: value.value };
  return { name, type: T.FLOATS, floats: value.value };
}

/** Row-major [rows, cols] → [cols, rows] (e.g. a torch Linear weight [out, in] → MatMul's [in, out]). */
export function transpose2d(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[base + c];
  }
  return out;
}
