/**
 * The typed messages between the embedder (main thread) and an inference worker thread.
 * The worker owns the ONNX session and nothing else does; token ids travel as one flat
 * Int32Array plus row lengths so they can be transferred, not copied.
 */
import type { Device } from '../lib/schemas';
import type { Dtype, ModelShape } from './model-files';
import type { Settings } from './settings';

export type { Device };
export type DevicePreference = Settings['EMBEDDER_DEVICE'];

export interface WorkerInit {
  modelDir: string;
  dtype: Dtype | 'auto';
  device: DevicePreference;
  shape: ModelShape;
  padTokenId: number;
  intraOpThreads: number;
  cpuMemArena: boolean;
  spinning: boolean;
}

export interface LoadedModel {
  device: Device;
  /** Why this device (and not the other) was chosen; logged once. */
  deviceReason: string;
  dtype: Dtype;
  hiddenSize: number;
  loadMs: number;
}

export interface TokenBatch {
  /** All rows' ids back to back; each row already ends in the EOS token. */
  ids: Int32Array;
  lengths: Int32Array;
}

/** Rows back to back, as a batch travels to the worker. */
export function packRows(rows: readonly Int32Array[]): TokenBatch {
  const lengths = Int32Array.from(rows, (r) => r.length);
  const ids = new Int32Array(lengths.reduce((a, b) => a + b, 0));
  let offset = 0;
  for (const r of rows) {
    ids.set(r, offset);
    offset += r.length;
  }
  return { ids, lengths };
}

export type ToWorker =
  /** First message: the cell through which the pool stops the worker safely (worker-stop.ts). */
  | { type: 'stop-cell'; cell: Int32Array }
  | { type: 'init'; init: WorkerInit }
  | { type: 'embed'; id: number; batch: TokenBatch };

export type FromWorker =
  | { type: 'ready'; model: LoadedModel }
  | { type: 'init-failed'; message: string }
  /** rows × hiddenSize, L2-normalised, in batch row order. */
  | { type: 'embedded'; id: number; vectors: Float32Array }
  | { type: 'failed'; id: number; message: string; outOfMemory: boolean };
