/**
 * Finding a model folder (Hugging Face / transformers.js layout) and reading what the embedder
 * needs from it. Shared by the server and the command-line scripts, so it has no `server-only`.
 */
import fs from 'node:fs';
import path from 'node:path';

export const MODELS_ROOT = 'models';
/** Where `npm run model:pull` puts the real model. */
export const PULLED_MODEL_DIR = path.join(MODELS_ROOT, 'Qwen3-Embedding-0.6B-ONNX');
/** Where the generated random-weight test model lives. */
export const TEST_MODEL_DIR = path.join(MODELS_ROOT, 'qwen3-embedding-test');

/** The dtypes a model folder can hold, in transformers.js' file naming: onnx/model{suffix}.onnx. */
export const DTYPE_FILES = {
  fp32: 'model.onnx',
  fp16: 'model_fp16.onnx',
  q8: 'model_quantized.onnx',
  q4f16: 'model_q4f16.onnx',
} as const;
export type Dtype = keyof typeof DTYPE_FILES;
export const DTYPES = Object.keys(DTYPE_FILES) as [Dtype, ...Dtype[]];

/** The shapes the runtime reads from config.json (the generator in scripts/test-model adds its own). */
export interface ModelShape {
  hiddenSize: number;
  numLayers: number;
  numKvHeads: number;
  headDim: number;
}

export interface ModelConfig extends ModelShape {
  /** config.json's `_name`, else the folder's name. */
  name: string;
  isTestModel: boolean;
  eosTokenId?: number;
  /** Token ids must lie in 0..vocabSize − 1 (unbounded when config.json does not say). */
  vocabSize: number;
  /** The longest input the position embeddings allow (unbounded when config.json does not say). */
  maxPositions: number;
  raw: Record<string, unknown>;
}

export class ModelFileError extends Error {}

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ModelFileError(`Model file not found: ${file}`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new ModelFileError(`Model file is not valid JSON: ${file} (${(err as Error).message})`);
  }
}

function positiveInt(raw: Record<string, unknown>, key: string, file: string): number {
  const value = raw[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ModelFileError(`${file}: "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Reads the shapes from config.json; head_dim is not always hidden/heads (true for 0.6B only). */
export function readModelConfig(dir: string): ModelConfig {
  const file = path.join(dir, 'config.json');
  const raw = readJson(file);
  const hiddenSize = positiveInt(raw, 'hidden_size', file);
  const numHeads = positiveInt(raw, 'num_attention_heads', file);
  const headDim = raw.head_dim === undefined ? hiddenSize / numHeads : positiveInt(raw, 'head_dim', file);
  const eos = Array.isArray(raw.eos_token_id) ? raw.eos_token_id[0] : raw.eos_token_id;
  return {
    hiddenSize,
    numLayers: positiveInt(raw, 'num_hidden_layers', file),
    numKvHeads:
      raw.num_key_value_heads === undefined ? numHeads : positiveInt(raw, 'num_key_value_heads', file),
    headDim,
    name: typeof raw._name === 'string' ? raw._name : path.basename(path.resolve(dir)),
    isTestModel: raw._semantic_radar_test_model === true,
    eosTokenId: typeof eos === 'number' ? eos : undefined,
    vocabSize: typeof raw.vocab_size === 'number' ? raw.vocab_size : Number.MAX_SAFE_INTEGER,
    maxPositions:
      typeof raw.max_position_embeddings === 'number'
        ? raw.max_position_embeddings
        : Number.POSITIVE_INFINITY,
    raw,
  };
}

export function onnxFileFor(dir: string, dtype: Dtype): string {
  return path.join(dir, 'onnx', DTYPE_FILES[dtype]);
}

export function availableDtypes(dir: string): Dtype[] {
  return DTYPES.filter((d) => fs.existsSync(onnxFileFor(dir, d)));
}

function isModelDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'config.json')) && availableDtypes(dir).length > 0;
}

function isTestModelDir(dir: string): boolean {
  try {
    return readModelConfig(dir).isTestModel;
  } catch {
    return false;
  }
}

/** A real (non-test) model folder under models/, preferring the one model:pull writes. */
export function findRealModelDir(root = MODELS_ROOT): string | undefined {
  if (isModelDir(PULLED_MODEL_DIR)) return PULLED_MODEL_DIR;
  // Model folders are chosen at run time: keep Next's file tracer from pulling the project into the build.
  const entries = fs.existsSync(/*turbopackIgnore: true*/ root)
    ? fs.readdirSync(/*turbopackIgnore: true*/ root, { withFileTypes: true })
    : [];
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => path.join(/*turbopackIgnore: true*/ root, e.name))
    .find((dir) => isModelDir(dir) && !isTestModelDir(dir));
}

/** MODEL_DIR when set, else a real model under models/, else the generated test model. */
export function defaultModelDir(explicit?: string): string {
  return explicit ?? findRealModelDir() ?? TEST_MODEL_DIR;
}
