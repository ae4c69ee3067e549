/**
 * The Qwen3 decoder as an ONNX graph, with the onnx-community Qwen3-Embedding export's signature:
 *
 *   inputs   input_ids, attention_mask, position_ids            int64 [batch, seq] (mask: [batch, past+seq])
 *            past_key_values.{i}.key / .value                    f32 [batch, kv_heads, past_seq, head_dim]
 *   outputs  last_hidden_state                                  f32 [batch, seq, hidden]
 *            present.{i}.key / .value                            f32 [batch, kv_heads, past+seq, head_dim]
 *
 * It follows Hugging Face's Qwen3Model: embedding → per layer [RMSNorm → q/k/v → per-head q/k
 * RMSNorm → rotary → grouped-query attention (causal + padding mask) → o_proj → residual →
 * RMSNorm → SwiGLU MLP → residual] → final RMSNorm. Plain opset-17 ops, no fused kernels.
 */
import { DataType, type GraphBuilder } from './graph-builder';
import { QWEN3, type TestModelShape } from './options';
import type { Weights } from './weights';

export const OPSET = 17;

/**
 * What a masked score gets. Finite, unlike -inf: a left-padding row attends to nothing real, and
 * softmax over all -inf is NaN; over all -1e9 it is a harmless uniform average.
 */
const MASKED_SCORE = -1e9;

export function buildQwen3Graph(b: GraphBuilder, shape: TestModelShape, w: Weights): void {
  const { hiddenSize, numLayers, numKvHeads, headDim, intermediateSize } = shape;
  const tokens = ['batch_size', 'sequence_length'];

  const inputIds = b.input('input_ids', DataType.INT64, tokens);
  const attentionMask = b.input('attention_mask', DataType.INT64, ['batch_size', 'total_sequence_length']);
  const positionIds = b.input('position_ids', DataType.INT64, tokens);
  const kvDims = (len: string) => ['batch_size', numKvHeads, len, headDim];
  const past = Array.from({ length: numLayers }, (_, i) => ({
    key: b.input(`past_key_values.${i}.key`, DataType.FLOAT, kvDims('past_sequence_length')),
    value: b.input(`past_key_values.${i}.value`, DataType.FLOAT, kvDims('past_sequence_length')),
  }));

  // The mask and rotary tables depend only on the inputs: build them once, share them across layers.
  const bias = b.scope('mask', () => attentionBias(b, inputIds, attentionMask, past[0]?.key as string));
  const rotary = b.scope('rotary', () => rotaryTables(b, positionIds, headDim));

  let hidden = b.scope('embed_tokens', () =>
    w.embedding('model.embed_tokens.weight', inputIds, QWEN3.vocabSize, hiddenSize),
  );
  const presents: { key: string; value: string }[] = [];
  for (let i = 0; i < numLayers; i++) {
    const p = `model.layers.${i}`;
    const layerPast = past[i] as { key: string; value: string };
    hidden = b.scope(`layers.${i}`, () => {
      const attnIn = rmsNorm(b, w, hidden, `${p}.input_layernorm.weight`, hiddenSize);
      const attn = b.scope('self_attn', () => attention(b, w, shape, p, attnIn, layerPast, rotary, bias));
      presents.push(attn.present);
      const afterAttn = b.node('Add', [hidden, attn.output]);

      const mlpIn = rmsNorm(b, w, afterAttn, `${p}.post_attention_layernorm.weight`, hiddenSize);
      const mlpOut = b.scope('mlp', () => {
        const gate = w.linear(`${p}.mlp.gate_proj.weight`, mlpIn, hiddenSize, intermediateSize);
        const up = w.linear(`${p}.mlp.up_proj.weight`, mlpIn, hiddenSize, intermediateSize);
        const silu = b.node('Mul', [gate, b.node('Sigmoid', [gate])]);
        return w.linear(`${p}.mlp.down_proj.weight`, b.node('Mul', [silu, up]), intermediateSize, hiddenSize);
      });
      return b.node('Add', [afterAttn, mlpOut]);
    });
  }
  const last = b.scope('norm', () => rmsNorm(b, w, hidden, 'model.norm.weight', hiddenSize));

  b.output('last_hidden_state', last, DataType.FLOAT, [...tokens, hiddenSize]);
  presents.forEach((present, i) => {
    b.output(`present.${i}.key`, present.key, DataType.FLOAT, kvDims('total_sequence_length'));
    b.output(`present.${i}.value`, present.value, DataType.FLOAT, kvDims('total_sequence_length'));
  });
}

/** x · rsqrt(mean(x²) + eps) · gain, over the last axis (HF Qwen3RMSNorm). */
function rmsNorm(b: GraphBuilder, w: Weights, x: string, weightName: string, size: number): string {
  const meanSquare = b.node('ReduceMean', [b.node('Mul', [x, x])], { axes: [-1], keepdims: 1 });
  const invRms = b.node('Reciprocal', [
    b.node('Sqrt', [b.node('Add', [meanSquare, b.float(QWEN3.rmsNormEps)])]),
  ]);
  return b.node('Mul', [b.node('Mul', [x, invRms]), w.normWeight(weightName, size)]);
}

interface Rotary {
  cos: string;
  sin: string;
}

/**
 * cos/sin of position · inv_freq, laid out [batch, seq, 1, head_dim] to broadcast over heads.
 * The frequencies are duplicated across both halves, matching HF's rotate_half convention.
 */
function rotaryTables(b: GraphBuilder, positionIds: string, headDim: number): Rotary {
  const half = headDim / 2;
  const invFreq = Array.from({ length: half }, (_, i) => 1 / QWEN3.ropeTheta ** ((2 * i) / headDim));
  const positions = b.node('Unsqueeze', [
    b.node('Cast', [positionIds], { to: DataType.FLOAT }),
    b.int64([-1]),
  ]);
  const freqs = b.node('Mul', [positions, b.float(invFreq)]); // [batch, seq, half]
  const angles = b.node('Concat', [freqs, freqs], { axis: -1 }); // [batch, seq, head_dim]
  const headAxis = b.int64([2]);
  return {
    cos: b.node('Unsqueeze', [b.node('Cos', [angles]), headAxis]),
    sin: b.node('Unsqueeze', [b.node('Sin', [angles]), headAxis]),
  };
}

/** x·cos + rotate_half(x)·sin, with rotate_half(x) = concat(-x₂, x₁) over the last axis. */
function applyRotary(b: GraphBuilder, x: string, rotary: Rotary, headDim: number): string {
  const half = headDim / 2;
  const [x1, x2] = b.nodeN('Split', [x, b.int64([half, half])], 2, { axis: -1 }) as [string, string];
  const rotated = b.node('Concat', [b.node('Neg', [x2]), x1], { axis: -1 });
  return b.node('Add', [b.node('Mul', [x, rotary.cos]), b.node('Mul', [rotated, rotary.sin])]);
}

/**
 * Additive attention bias [batch, 1, 1, seq, past+seq]: 0 where query q may see key k, else
 * MASKED_SCORE. Visible means causal (k ≤ past + q: queries continue after the cached keys) and
 * not padding (attention_mask[k] = 1; the mask spans past + current tokens, as in transformers).
 */
function attentionBias(b: GraphBuilder, inputIds: string, attentionMask: string, pastKey: string): string {
  const seqLen = b.node('Shape', [inputIds], { start: 1, end: 2 });
  const pastLen = b.node('Shape', [pastKey], { start: 2, end: 3 });
  const totalLen = b.node('Add', [pastLen, seqLen]);
  const scalar = (v: string) => b.node('Squeeze', [v, b.int64([0])]);
  const one = b.int64([1], []);
  const queryPos = b.node('Range', [scalar(pastLen), scalar(totalLen), one]); // [seq]
  const keyPos = b.node('Range', [b.int64([0], []), scalar(totalLen), one]); // [total]
  const causal = b.node('LessOrEqual', [
    b.node('Unsqueeze', [keyPos, b.int64([0])]), // [1, total]
    b.node('Unsqueeze', [queryPos, b.int64([1])]), // [seq, 1]
  ]);
  const notPadding = b.node('Unsqueeze', [
    b.node('Cast', [attentionMask], { to: DataType.BOOL }),
    b.int64([1, 2, 3]),
  ]); // [batch, 1, 1, 1, total]
  const visible = b.node('And', [causal, notPadding]); // [batch, 1, 1, seq, total]
  return b.node('Where', [visible, b.float(0), b.float(MASKED_SCORE)]);
}

/**
 * Grouped-query attention. Queries are viewed as [batch, kv_heads, group, seq, head_dim] and keys
 * as [batch, kv_heads, 1, head_dim, total], so MatMul's broadcasting shares each KV head with its
 * group of query heads: query head h uses KV head ⌊h / group⌋, as HF's repeat_kv does.
 */
function attention(
  b: GraphBuilder,
  w: Weights,
  shape: TestModelShape,
  p: string,
  x: string,
  past: { key: string; value: string },
  rotary: Rotary,
  bias: string,
): { output: string; present: { key: string; value: string } } {
  const { hiddenSize, numHeads, numKvHeads, headDim } = shape;
  const group = numHeads / numKvHeads;
  const toHeads = (t: string, heads: number) => b.node('Reshape', [t, b.int64([0, 0, heads, headDim])]);
  const headsFirst = (t: string) => b.node('Transpose', [t], { perm: [0, 2, 1, 3] });

  // [batch, seq, heads, head_dim]: q/k get their per-head RMSNorm and rotary here, before heads move.
  const projectQk = (kind: 'q' | 'k', heads: number) => {
    const projected = toHeads(
      w.linear(`${p}.self_attn.${kind}_proj.weight`, x, hiddenSize, heads * headDim),
      heads,
    );
    const normed = rmsNorm(b, w, projected, `${p}.self_attn.${kind}_norm.weight`, headDim);
    return headsFirst(applyRotary(b, normed, rotary, headDim));
  };
  const q = projectQk('q', numHeads); // [batch, heads, seq, head_dim]
  const k = projectQk('k', numKvHeads); // [batch, kv_heads, seq, head_dim]
  const v = headsFirst(
    toHeads(w.linear(`${p}.self_attn.v_proj.weight`, x, hiddenSize, numKvHeads * headDim), numKvHeads),
  );

  // The cache holds keys after rotary, like transformers' DynamicCache; an empty past concatenates to k/v.
  const keys = b.node('Concat', [past.key, k], { axis: 2 }); // [batch, kv_heads, total, head_dim]
  const values = b.node('Concat', [past.value, v], { axis: 2 });

  const grouped = b.node('Reshape', [q, b.int64([0, numKvHeads, group, -1, headDim])]);
  const keysT = b.node('Transpose', [b.node('Unsqueeze', [keys, b.int64([2])])], { perm: [0, 1, 2, 4, 3] });
  const scores = b.node('Mul', [b.node('MatMul', [grouped, keysT]), b.float(1 / Math.sqrt(headDim))]);
  const probs = b.node('Softmax', [b.node('Add', [scores, bias])], { axis: -1 });
  const context = b.node('MatMul', [probs, b.node('Unsqueeze', [values, b.int64([2])])]); // [b, kv, g, seq, hd]

  const merged = b.node('Reshape', [
    b.node('Transpose', [b.node('Reshape', [context, b.int64([0, numHeads, -1, headDim])])], {
      perm: [0, 2, 1, 3],
    }),
    b.int64([0, 0, numHeads * headDim]),
  ]); // [batch, seq, heads * head_dim]
  const output = w.linear(`${p}.self_attn.o_proj.weight`, merged, numHeads * headDim, hiddenSize);
  return { output, present: { key: keys, value: values } };
}
