/**
 * An independent, deliberately naive Qwen3 forward pass in float64 (test helper).
 *
 * It reads the weights back out of a generated .onnx file and applies Hugging Face's Qwen3Model
 * formulas token by token, with none of the graph's reshapes, broadcasts or masks. If the ONNX graph
 * wires something wrong (head order, GQA grouping, rotary halves, q/k-norm axis, causal offset),
 * the two disagree.
 */
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { QWEN3, type TestModelShape } from './options';

type Weights = Map<string, Float32Array>;
type Vec = Float64Array;

/** Float initializers of an inline (single-file) model, by name. */
export function readFloatInitializers(modelPath: string): Weights {
  const model = onnxProto.onnx.ModelProto.decode(readFileSync(modelPath));
  const weights: Weights = new Map();
  for (const t of model.graph?.initializer ?? []) {
    if (t.dataType !== 1 || !t.rawData?.length || !t.name) continue;
    const bytes = Uint8Array.from(t.rawData); // copy: aligned, owned
    weights.set(t.name, new Float32Array(bytes.buffer));
  }
  return weights;
}

function get(weights: Weights, name: string): Float32Array {
  const w = weights.get(name);
  if (!w) throw new Error(`no weight ${name}`);
  return w;
}

function rmsNorm(x: Vec, gain: Float32Array, offset = 0, size = x.length): Vec {
  let sum = 0;
  for (let i = 0; i < size; i++) sum += (x[offset + i] as number) ** 2;
  const inv = 1 / Math.sqrt(sum / size + QWEN3.rmsNormEps);
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = (x[offset + i] as number) * inv * (gain[i] as number);
  return out;
}

/** x · W with W stored row-major [inDim, outDim]. */
function project(x: Vec, w: Float32Array, outDim: number): Vec {
  const out = new Float64Array(outDim);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    for (let j = 0; j < outDim; j++) out[j] = (out[j] as number) + xi * (w[i * outDim + j] as number);
  }
  return out;
}

/** Per-head RMSNorm then rotary (rotate_half convention), over `heads` heads of `headDim`. */
function normAndRotate(x: Vec, gain: Float32Array, heads: number, headDim: number, position: number): Vec[] {
  const half = headDim / 2;
  return Array.from({ length: heads }, (_, h) => {
    const v = rmsNorm(x, gain, h * headDim, headDim);
    const out = new Float64Array(headDim);
    for (let i = 0; i < half; i++) {
      const angle = position / QWEN3.ropeTheta ** ((2 * i) / headDim);
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      const [a, b] = [v[i] as number, v[i + half] as number];
      out[i] = a * c - b * s;
      out[i + half] = b * c + a * s;
    }
    return out;
  });
}

const dot = (a: Vec, b: Vec) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
const silu = (x: number) => x / (1 + Math.exp(-x));

/**
 * Hidden states [seq][hidden] for one row. Tokens with mask 0 are never attended to; their own
 * outputs are meaningless (compare only real positions).
 */
export function referenceForward(
  weights: Weights,
  shape: TestModelShape,
  ids: number[],
  positions: number[],
  mask: number[],
): Vec[] {
  const { hiddenSize: H, numHeads, numKvHeads, headDim: D, intermediateSize: I } = shape;
  const group = numHeads / numKvHeads;
  const embed = get(weights, 'model.embed_tokens.weight');
  let x: Vec[] = ids.map((id) => Float64Array.from(embed.subarray(id * H, (id + 1) * H)));

  for (let l = 0; l < shape.numLayers; l++) {
    const p = `model.layers.${l}`;
    const w = (name: string) => get(weights, `${p}.${name}`);
    const normed = x.map((t) => rmsNorm(t, w('input_layernorm.weight')));
    const q = normed.map((t, i) =>
      normAndRotate(
        project(t, w('self_attn.q_proj.weight'), numHeads * D),
        w('self_attn.q_norm.weight'),
        numHeads,
        D,
        positions[i] as number,
      ),
    );
    const k = normed.map((t, i) =>
      normAndRotate(
        project(t, w('self_attn.k_proj.weight'), numKvHeads * D),
        w('self_attn.k_norm.weight'),
        numKvHeads,
        D,
        positions[i] as number,
      ),
    );
    const v = normed.map((t) => project(t, w('self_attn.v_proj.weight'), numKvHeads * D));

    x = x.map((residual, t) => {
      const context = new Float64Array(numHeads * D);
      for (let h = 0; h < numHeads; h++) {
        const kv = Math.floor(h / group);
        const visible = [...Array(t + 1).keys()].filter((s) => mask[s] === 1);
        const scores = visible.map((s) => dot(q[t]?.[h] as Vec, k[s]?.[kv] as Vec) / Math.sqrt(D));
        const max = Math.max(...scores);
        const exps = scores.map((z) => Math.exp(z - max));
        const total = exps.reduce((a, b) => a + b, 0);
        visible.forEach((s, j) => {
          for (let d = 0; d < D; d++) {
            context[h * D + d] =
              (context[h * D + d] as number) +
              ((exps[j] as number) / total) * ((v[s] as Vec)[kv * D + d] as number);
          }
        });
      }
      const attn = project(context, w('self_attn.o_proj.weight'), H);
      const afterAttn = residual.map((r, i) => r + (attn[i] as number));
      const m = rmsNorm(afterAttn, w('post_attention_layernorm.weight'));
      const gate = project(m, w('mlp.gate_proj.weight'), I);
      const up = project(m, w('mlp.up_proj.weight'), I);
      const down = project(
        gate.map((g, i) => silu(g) * (up[i] as number)),
        w('mlp.down_proj.weight'),
        H,
      );
      return afterAttn.map((r, i) => r + (down[i] as number));
    });
  }
  return x.map((t) => rmsNorm(t, get(weights, 'model.norm.weight')));
}
