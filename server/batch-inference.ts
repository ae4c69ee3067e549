/**
 * One forward pass for a batch of token rows, exactly as Qwen3-Embedding's authors pool:
 * left padding (pad id, attention_mask 0), position_ids = cumsum(mask) − 1, empty past key/values
 * for every layer the graph asks for, then the hidden state of the last column (each row's EOS
 * token) L2-normalised. Every input name, dtype and shape is read from the session.
 */
import * as ort from 'onnxruntime-node';
import { l2NormalizeInPlace } from '../lib/vector-math';
import { float16BitsToFloat32 } from './float16';
import type { ModelShape } from './model-files';
import type { TokenBatch } from './worker-protocol';

export interface GraphSignature {
  inputs: readonly string[];
  outputName: string;
  /** Element type of the past key/value inputs (float32, or float16 in fp16 files). */
  pastType: 'float32' | 'float16';
  idType: 'int64' | 'int32';
  kvHeads: number;
  headDim: number;
}

const TOKEN_INPUTS = new Set(['input_ids', 'attention_mask', 'position_ids']);

function tensorMeta(session: ort.InferenceSession, name: string) {
  const meta = session.inputMetadata.find((m) => m.name === name);
  return meta?.isTensor ? meta : undefined;
}

/** Reads the signature once per session; an input we cannot feed is an error at load, not at a request. */
export function readSignature(session: ort.InferenceSession, shape: ModelShape): GraphSignature {
  const unknown = session.inputNames.filter((n) => !TOKEN_INPUTS.has(n) && !n.startsWith('past_key_values.'));
  if (unknown.length)
    throw new Error(`The model asks for inputs this app cannot feed: ${unknown.join(', ')}`);
  if (!session.inputNames.includes('input_ids')) throw new Error('The model has no input_ids input');
  const outputName = session.outputNames.includes('last_hidden_state')
    ? 'last_hidden_state'
    : session.outputNames.find((n) => !n.startsWith('present'));
  if (!outputName) throw new Error('The model has no last_hidden_state output');

  const past = session.inputNames.find((n) => n.startsWith('past_key_values.'));
  const pastMeta = past ? tensorMeta(session, past) : undefined;
  const dimOr = (i: number, fallback: number) => {
    const d = pastMeta?.shape[i];
    return typeof d === 'number' && d > 0 ? d : fallback;
  };
  return {
    inputs: session.inputNames,
    outputName,
    pastType: pastMeta?.type === 'float16' ? 'float16' : 'float32',
    idType: tensorMeta(session, 'input_ids')?.type === 'int32' ? 'int32' : 'int64',
    kvHeads: dimOr(1, shape.numKvHeads),
    headDim: dimOr(3, shape.headDim),
  };
}

/** Left-padded id / mask / position matrices for the batch. */
export function leftPad(batch: TokenBatch, padId: number) {
  const rows = batch.lengths.length;
  const width = Math.max(...batch.lengths);
  const ids = new BigInt64Array(rows * width).fill(BigInt(padId));
  const mask = new BigInt64Array(rows * width);
  const positions = new BigInt64Array(rows * width).fill(1n);
  let offset = 0;
  for (let r = 0; r < rows; r++) {
    const len = batch.lengths[r] as number;
    const start = r * width + (width - len);
    for (let j = 0; j < len; j++) {
      ids[start + j] = BigInt(batch.ids[offset + j] as number);
      mask[start + j] = 1n;
      positions[start + j] = BigInt(j);
    }
    offset += len;
  }
  return { rows, width, ids, mask, positions };
}

function intTensor(values: BigInt64Array, dims: number[], type: GraphSignature['idType']): ort.Tensor {
  return type === 'int64'
    ? new ort.Tensor('int64', values, dims)
    : new ort.Tensor('int32', Int32Array.from(values, Number), dims);
}

export function buildFeeds(
  batch: TokenBatch,
  sig: GraphSignature,
  padId: number,
): Record<string, ort.Tensor> {
  const { rows, width, ids, mask, positions } = leftPad(batch, padId);
  const dims = [rows, width];
  const byName: Record<string, ort.Tensor> = {
    input_ids: intTensor(ids, dims, sig.idType),
    attention_mask: intTensor(mask, dims, sig.idType),
    position_ids: intTensor(positions, dims, sig.idType),
  };
  const emptyPast =
    sig.pastType === 'float16'
      ? new ort.Tensor('float16', new Uint16Array(0), [rows, sig.kvHeads, 0, sig.headDim])
      : new ort.Tensor('float32', new Float32Array(0), [rows, sig.kvHeads, 0, sig.headDim]);
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of sig.inputs) feeds[name] = byName[name] ?? emptyPast;
  return feeds;
}

/** Last column of [rows, width, hidden] (left padding puts every row's EOS there), normalised. */
export function poolLastToken(
  hidden: Float32Array,
  rows: number,
  width: number,
  hiddenSize: number,
): Float32Array {
  const out = new Float32Array(rows * hiddenSize);
  for (let r = 0; r < rows; r++) {
    const from = (r * width + width - 1) * hiddenSize;
    const row = out.subarray(r * hiddenSize, (r + 1) * hiddenSize);
    row.set(hidden.subarray(from, from + hiddenSize));
    l2NormalizeInPlace(row);
  }
  return out;
}

export async function embedBatch(
  session: ort.InferenceSession,
  sig: GraphSignature,
  batch: TokenBatch,
  padId: number,
): Promise<{ vectors: Float32Array; hiddenSize: number }> {
  const feeds = buildFeeds(batch, sig, padId);
  const output = (await session.run(feeds, [sig.outputName]))[sig.outputName];
  if (!output) throw new Error(`The model returned no ${sig.outputName}`);
  const [rows, width, hiddenSize] = output.dims as number[];
  const data =
    output.type === 'float16'
      ? float16BitsToFloat32(output.data as Uint16Array)
      : (output.data as Float32Array);
  const vectors = poolLastToken(data, rows as number, width as number, hiddenSize as number);
  output.dispose();
  return { vectors, hiddenSize: hiddenSize as number };
}
