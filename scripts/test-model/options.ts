/**
 * What a test model is: its shape, seed and file variants, and the Hugging Face config.json that
 * describes it. The shape names follow config.json so the app reads them exactly as it reads a
 * real Qwen3-Embedding download.
 */

import { type ModelShape, TEST_MODEL_DIR } from '../../server/model-files';

/** What the app reads from config.json, plus what only the generator needs to build the graph. */
export interface TestModelShape extends ModelShape {
  numHeads: number;
  intermediateSize: number;
}

export interface TestModelOptions extends TestModelShape {
  /** Output folder (config.json, tokenizer files, onnx/). */
  outDir: string;
  seed: number;
  /** Copy the chat tokenizer as is (no EOS appended, right padding). */
  plainTokenizer: boolean;
  /** Write weights to onnx/<file>_data even when the model would fit in one protobuf. */
  externalData: boolean;
  /** Write onnx/model_quantized.onnx (dynamic q8 MatMuls) instead of onnx/model.onnx. */
  quantized: boolean;
  /** Regenerate even when the stamp says the files are current. */
  force: boolean;
}

/** Qwen3 constants that a test model shares with every real Qwen3-Embedding size. */
export const QWEN3 = {
  vocabSize: 151_669,
  maxPositionEmbeddings: 32_768,
  rmsNormEps: 1e-6,
  ropeTheta: 1_000_000,
  endOfTextId: 151_643,
} as const;

/** Small enough to generate in about a second and run in milliseconds; still GQA (4 heads / 2 KV). */
export const TINY_SHAPE: TestModelShape = {
  hiddenSize: 64,
  numLayers: 2,
  numHeads: 4,
  numKvHeads: 2,
  headDim: 16,
  intermediateSize: 192,
};

export const PRESETS: Record<string, TestModelShape> = {
  tiny: TINY_SHAPE,
  // Qwen3-Embedding-0.6B's shape: same FLOPs and bytes as the real export (~2.4 GB fp32).
  '0.6b': {
    hiddenSize: 1024,
    numLayers: 28,
    numHeads: 16,
    numKvHeads: 8,
    headDim: 128,
    intermediateSize: 3072,
  },
};

export function defaultOptions(overrides: Partial<TestModelOptions> = {}): TestModelOptions {
  return {
    ...TINY_SHAPE,
    outDir: TEST_MODEL_DIR,
    seed: 42,
    plainTokenizer: false,
    externalData: false,
    quantized: false,
    force: false,
    ...overrides,
  };
}

export function validateShape(shape: TestModelShape): void {
  const dims: (keyof TestModelShape)[] = [
    'hiddenSize',
    'numLayers',
    'numHeads',
    'numKvHeads',
    'headDim',
    'intermediateSize',
  ];
  for (const key of dims) {
    if (!Number.isInteger(shape[key]) || shape[key] <= 0)
      throw new Error(`${key} must be a positive integer`);
  }
  if (shape.numHeads % shape.numKvHeads !== 0) {
    throw new Error('heads must be a multiple of kv-heads (grouped-query attention)');
  }
  if (shape.headDim % 2 !== 0) throw new Error('head-dim must be even (rotary embedding halves)');
}

/** A readable model name, e.g. "qwen3-test-h64-l2-s42"; shown by the app next to its banner. */
export function modelName(o: TestModelOptions): string {
  return `qwen3-test-h${o.hiddenSize}-l${o.numLayers}-s${o.seed}`;
}

/** config.json as transformers / transformers.js expect it for model_type "qwen3". */
export function qwen3Config(o: TestModelOptions): Record<string, unknown> {
  return {
    _name: modelName(o),
    _semantic_radar_test_model: true,
    architectures: ['Qwen3Model'],
    model_type: 'qwen3',
    attention_bias: false,
    attention_dropout: 0,
    bos_token_id: QWEN3.endOfTextId,
    eos_token_id: QWEN3.endOfTextId,
    pad_token_id: QWEN3.endOfTextId,
    head_dim: o.headDim,
    hidden_act: 'silu',
    hidden_size: o.hiddenSize,
    initializer_range: 0.02,
    intermediate_size: o.intermediateSize,
    max_position_embeddings: QWEN3.maxPositionEmbeddings,
    max_window_layers: o.numLayers,
    num_attention_heads: o.numHeads,
    num_hidden_layers: o.numLayers,
    num_key_value_heads: o.numKvHeads,
    rms_norm_eps: QWEN3.rmsNormEps,
    rope_scaling: null,
    rope_theta: QWEN3.ropeTheta,
    sliding_window: null,
    tie_word_embeddings: true,
    torch_dtype: 'float32',
    use_cache: true,
    use_sliding_window: false,
    vocab_size: QWEN3.vocabSize,
  };
}
