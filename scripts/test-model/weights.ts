/**
 * The model's parameters, and the two ways the graph consumes them:
 *   - fp32: MatMul / Gather on float weights (onnx/model.onnx);
 *   - q8: the graph that transformers.js' quantisation script writes as model_quantized.onnx.
 *
 * What "q8" is, read from huggingface/transformers.js scripts/quantize.py (its q8 mode) and the
 * onnxruntime quantiser it drives (onnxruntime/python/tools/quantization: onnx_quantizer.py,
 * base_quantizer.py, quant_utils.py, operators/matmul.py, operators/gather.py):
 *   - quantize.py calls ONNXQuantizer in IntegerOps mode, dynamic (static=False), activations
 *     QUInt8, per_channel and reduce_range left at their defaults (off), EnableSubgraph and
 *     MatMulConstBOnly on, op types = IntegerOpsRegistry (Conv, MatMul, Attention, LSTM, Gather,
 *     EmbedLayerNormalization). So only MatMuls with a constant weight are quantised (q/k/v/o and
 *     the three MLP projections); the attention score and context MatMuls stay float.
 *   - The weight type is QInt8 unless the graph holds Conv, GroupQueryAttention or
 *     MultiHeadAttention (QUINT8_OPS). This decoder, like the plain-op Qwen3 export, holds none,
 *     so weights are signed int8. Signed weight types default to symmetric quantisation
 *     (base_quantizer.is_weight_symmetric): range [min(w,0), max(w,0)] widened to ±absmax, qrange
 *     [-127, 127], scale = 2·absmax / 254, zero point 0, one scale per tensor, values
 *     round-half-even(w / scale).
 *   - Each activation is quantised once with DynamicQuantizeLinear (uint8) and the result reused
 *     by every MatMul that reads it (quantized_value_map): q/k/v share one, gate/up share one.
 *   - Each MatMul becomes MatMulInteger(x_q, w_q, x_zp, w_zp) → Cast(float) → Mul(·, Mul(x_scale,
 *     w_scale)), the pattern onnxruntime's MatMulIntegerToFloatFusion turns into one kernel.
 *   - Gather of the embedding table: the table is quantised like a weight (int8, symmetric), the
 *     Gather runs on int8 rows, and a DequantizeLinear follows (its consumer is not quantised).
 * A uint8-weight variant is not generated: the script picks uint8 only for graphs with Conv or
 * fused attention ops, which this graph does not have.
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

/** onnxruntime's symmetric range for QInt8 weights (ONNX_INT_TYPE_SYMMETRIC_RANGE). */
const INT8_SYMMETRIC_MAX = 127;

/** The per-tensor scale of symmetric int8 quantisation (zero point is 0), as float32. */
function symmetricInt8Scale(chunks: Iterable<Float32Array>): number {
  let absMax = 0;
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const x = Math.abs(chunk[i] as number);
      if (x > absMax) absMax = x;
    }
  }
  const scale = Math.fround((2 * absMax) / (2 * INT8_SYMMETRIC_MAX));
  // quant_utils.compute_scale_zp: a range too small to represent gets scale 1.
  return scale < 1.1754943508222875e-38 ? 1 : scale;
}

/** numpy's round (half to even), which the quantiser applies after dividing by the scale. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function* quantizeInt8Chunks(chunks: Iterable<Float32Array>, scale: number) {
  const out = new Int8Array(CHUNK);
  for (const chunk of chunks) {
    const view = out.subarray(0, chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      // float32 division, like numpy on the float32 weight and scale; |w| ≤ absmax keeps it in ±127.
      const q = roundHalfEven(Math.fround((chunk[i] as number) / scale));
      view[i] = Math.max(-INT8_SYMMETRIC_MAX, Math.min(INT8_SYMMETRIC_MAX, q));
    }
    yield view;
  }
}

export type WeightFormat = 'fp32' | 'q8';

/**
 * Names the q8 structure above; stored in the folder's stamp, so a model_quantized.onnx written by
 * an older scheme (uint8 asymmetric weights, one DynamicQuantizeLinear per MatMul) is regenerated.
 */
export const Q8_SCHEME = 'int8-symmetric-per-tensor-shared-dql';

/**
 * Initialisation scales. Projections use std 1/sqrt(fan_in) (0.018–0.031 at the 0.6B shape, the
 * "0.02-ish" of real checkpoints; at the tiny shape it keeps every sublayer's output near unit
 * scale instead of vanishing). The embedding uses std 1 so that token identity and context both
 * weigh in the residual stream, and different texts give clearly different vectors.
 */
const EMBEDDING_STD = 1;
const NORM_WEIGHT_STD = 0.1;

export class Weights {
  /** Activation name → its DynamicQuantizeLinear outputs, so each activation is quantised once. */
  private readonly quantizedActivations = new Map<string, [string, string, string]>();

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
    const scale = symmetricInt8Scale(draw());
    const table = this.int8Weight(name, [rows, cols], quantizeInt8Chunks(draw(), scale), scale);
    return b.node('DequantizeLinear', [b.node('Gather', [table.values, ids]), table.scale, table.zeroPoint]);
  }

  /** x · W for a bias-free projection; W is stored `[inDim, outDim]` (PyTorch's weight, transposed). */
  linear(name: string, x: string, inDim: number, outDim: number): string {
    const { b, seed } = this;
    const std = 1 / Math.sqrt(inDim);
    const values = normalTensor(seed, name, inDim * outDim, std);
    if (this.format === 'fp32') {
      return b.node('MatMul', [x, b.initializer(name, values, [inDim, outDim])]);
    }
    const scale = symmetricInt8Scale([values]);
    const w = this.int8Weight(name, [inDim, outDim], quantizeInt8Chunks(chunksOf(values), scale), scale);
    const [xq, xScale, xZero] = this.quantizedActivation(x);
    const product = b.node('MatMulInteger', [xq, w.values, xZero, w.zeroPoint]);
    const rescale = b.node('Mul', [xScale, w.scale]);
    return b.node('Mul', [b.node('Cast', [product], { to: DataType.FLOAT }), rescale]);
  }

  /** An RMSNorm gain: near 1 (1 + N(0, 0.1)) so that a wrong weight/axis pairing would show. */
  normWeight(name: string, size: number): string {
    return this.b.initializer(name, normalTensor(this.seed, name, size, NORM_WEIGHT_STD, 1), [size]);
  }

  /** The quantiser's initializer names: `<w>_quantized`, `<w>_scale`, `<w>_zero_point` (scalars). */
  private int8Weight(name: string, dims: number[], values: Iterable<Int8Array>, scale: number) {
    const { b } = this;
    return {
      values: b.initializerChunks(`${name}_quantized`, DataType.INT8, dims, values),
      scale: b.initializer(`${name}_scale`, Float32Array.of(scale), []),
      zeroPoint: b.initializer(`${name}_zero_point`, Int8Array.of(0), []),
    };
  }

  private quantizedActivation(x: string): [string, string, string] {
    let quantized = this.quantizedActivations.get(x);
    if (!quantized) {
      quantized = this.b.nodeN('DynamicQuantizeLinear', [x], 3) as [string, string, string];
      this.quantizedActivations.set(x, quantized);
    }
    return quantized;
  }
}
