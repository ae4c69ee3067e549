/**
 * The model's parameters, and the two ways the graph consumes them:
 *   - fp32: MatMul / Gather on float weights (onnx/model.onnx);
 *   - q8: the pattern onnxruntime's dynamic quantisation writes for the export's
 *     model_quantized.onnx: DynamicQuantizeLinear on the activation, MatMulInteger against uint8
 *     weights, then a float rescale; the embedding table as uint8 + DequantizeLinear after Gather.
 *
 * Both draw every tensor from a stream seeded by (seed, tensor name), so a q8 file quantises exactly
 * the weights its fp32 sibling holds.
 */
import { DataType, type GraphBuilder } from './graph-builder';
import { hashSeed, NormalStream } from './prng';

/** Floats generated per chunk: 4 MB buffers however large the tensor. */
const CHUNK = 1 << 20;

/** Streams `count` normal draws for tensor `name` in reused chunks (consume each before the next). */
function* normalChunks(seed: number, name: string, count: number, std: number, mean = 0) {
  const stream = new NormalStream(hashSeed(seed, name));
  const buffer = new Float32Array(Math.min(CHUNK, count));
  for (let done = 0; done < count; done += buffer.length) {
    yield stream.fillNormal(buffer.subarray(0, Math.min(buffer.length, count - done)), std, mean);
  }
}

/** The whole tensor at once: for projections (≤ 13 MB at the 0.6B shape), so q8 draws them once. */
function normalTensor(seed: number, name: string, count: number, std: number, mean = 0): Float32Array {
  return new NormalStream(hashSeed(seed, name)).fillNormal(new Float32Array(count), std, mean);
}

/** A held tensor viewed as CHUNK-sized pieces, for the chunk-at-a-time quantiser and stores. */
function* chunksOf(values: Float32Array) {
  for (let at = 0; at < values.length; at += CHUNK) yield values.subarray(at, at + CHUNK);
}

/** Asymmetric per-tensor uint8 parameters, as onnxruntime's QUInt8 weight quantisation picks them. */
interface Uint8Quant {
  scale: number;
  zeroPoint: number;
}

function uint8QuantFor(chunks: Iterable<Float32Array>): Uint8Quant {
  // The range always includes 0 so that 0 is exactly representable (padding, ReLU-like zeros).
  let lo = 0;
  let hi = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const x = chunk[i] as number;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const scale = Math.fround(hi > lo ? (hi - lo) / 255 : 1);
  return { scale, zeroPoint: Math.min(255, Math.max(0, Math.round(-lo / scale))) };
}

function* quantizeChunks(chunks: Iterable<Float32Array>, q: Uint8Quant) {
  // A clamped array rounds (half to even, like numpy's rint) and saturates to 0..255 on store,
  // which is exactly quantisation; it avoids three Math calls per weight (600 M at the 0.6B shape).
  const out = new Uint8ClampedArray(CHUNK);
  const inverse = 1 / q.scale;
  for (const chunk of chunks) {
    const view = out.subarray(0, chunk.length);
    for (let i = 0; i < chunk.length; i++) view[i] = (chunk[i] as number) * inverse + q.zeroPoint;
    yield view;
  }
}

export type WeightFormat = 'fp32' | 'q8';

/**
 * Initialisation scales. Projections use std 1/sqrt(fan_in) (0.018–0.031 at the 0.6B shape, the
 * "0.02-ish" of real checkpoints; at the tiny shape it keeps every sublayer's output near unit
 * scale instead of vanishing). The embedding uses std 1 so that token identity and context both
 * weigh in the residual stream, and different texts give clearly different vectors.
 */
const EMBEDDING_STD = 1;
const NORM_WEIGHT_STD = 0.1;

export class Weights {
  constructor(
    private readonly b: GraphBuilder,
    private readonly seed: number,
    readonly format: WeightFormat,
  ) {}

  /** Rows of the `[rows, cols]` table `name` picked by `ids` (the token embedding). */
  embedding(name: string, ids: string, rows: number, cols: number): string {
    const { b, seed } = this;
    const draw = () => normalChunks(seed, name, rows * cols, EMBEDDING_STD);
    if (this.format === 'fp32') {
      return b.node('Gather', [b.initializerChunks(name, DataType.FLOAT, [rows, cols], draw()), ids]);
    }
    // Two passes over the regenerated stream: one for the range, one to quantise. No 600 MB buffer.
    const q = uint8QuantFor(draw());
    const table = b.initializerChunks(
      `${name}_quantized`,
      DataType.UINT8,
      [rows, cols],
      quantizeChunks(draw(), q),
    );
    return b.node('DequantizeLinear', [
      b.node('Gather', [table, ids]),
      b.initializer(`${name}_scale`, Float32Array.of(q.scale), []),
      b.initializer(`${name}_zero_point`, Uint8Array.of(q.zeroPoint), []),
    ]);
  }

  /** x · W for a bias-free projection; W is stored `[inDim, outDim]` (PyTorch's weight, transposed). */
  linear(name: string, x: string, inDim: number, outDim: number): string {
    const { b, seed } = this;
    const std = 1 / Math.sqrt(inDim);
    const values = normalTensor(seed, name, inDim * outDim, std);
    if (this.format === 'fp32') {
      return b.node('MatMul', [x, b.initializer(name, values, [inDim, outDim])]);
    }
    const q = uint8QuantFor([values]);
    const quantized = quantizeChunks(chunksOf(values), q);
    const weight = b.initializerChunks(`${name}_quantized`, DataType.UINT8, [inDim, outDim], quantized);
    const weightScale = b.initializer(`${name}_scale`, Float32Array.of(q.scale), []);
    const weightZero = b.initializer(`${name}_zero_point`, Uint8Array.of(q.zeroPoint), []);
    const [xq, xScale, xZero] = b.nodeN('DynamicQuantizeLinear', [x], 3) as [string, string, string];
    const product = b.node('MatMulInteger', [xq, weight, xZero, weightZero]);
    const rescale = b.node('Mul', [xScale, weightScale]);
    return b.node('Mul', [b.node('Cast', [product], { to: DataType.FLOAT }), rescale]);
  }

  /** An RMSNorm gain: near 1 (1 + N(0, 0.1)) so that a wrong weight/axis pairing would show. */
  normWeight(name: string, size: number): string {
    return this.b.initializer(name, normalTensor(this.seed, name, size, NORM_WEIGHT_STD, 1), [size]);
  }
}
