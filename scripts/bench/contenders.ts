/**
 * The ways to embed the corpus that the benchmark compares, all on the same model folder and the
 * same token ids: this app's embedder, transformers.js' pipeline, a naive one-text-per-run loop,
 * and the floor (raw session.run on length-sorted batches, no app code around it).
 */
import path from 'node:path';
import { env, type FeatureExtractionPipeline, pipeline } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { buildFeeds, type GraphSignature, readSignature } from '../../server/batch-inference';
import type { Embedder } from '../../server/embedder';
import { type Dtype, onnxFileFor, readModelConfig } from '../../server/model-files';
import { type SessionTuning, sessionOptions } from '../../server/onnx-session';

export interface RawSession {
  session: ort.InferenceSession;
  sig: GraphSignature;
  padId: number;
}

/** A bare session on `dtype`'s file, opened with exactly the server's CPU session options. */
export async function openRawSession(
  modelDir: string,
  tuning: SessionTuning,
  padId: number,
  dtype: Dtype = 'fp32',
): Promise<RawSession> {
  const session = await ort.InferenceSession.create(
    onnxFileFor(modelDir, dtype),
    sessionOptions(tuning, 'cpu'),
  );
  return { session, sig: readSignature(session, readModelConfig(modelDir)), padId };
}

export async function runRows(raw: RawSession, rows: Int32Array[]): Promise<void> {
  const batch = {
    ids: Int32Array.from(rows.flatMap((r) => Array.from(r))),
    lengths: Int32Array.from(rows, (r) => r.length),
  };
  const out = await raw.session.run(buildFeeds(batch, raw.sig, raw.padId), [raw.sig.outputName]);
  out[raw.sig.outputName]?.dispose();
}

/** Length-sorted batches of at most `budget` padded tokens (rows × longest row). */
export function sortedBatches(rows: Int32Array[], budget: number): Int32Array[][] {
  const sorted = [...rows].sort((a, b) => a.length - b.length);
  const batches: Int32Array[][] = [];
  let current: Int32Array[] = [];
  for (const row of sorted) {
    if (current.length && (current.length + 1) * row.length > budget) {
      batches.push(current);
      current = [];
    }
    current.push(row);
  }
  if (current.length) batches.push(current);
  return batches;
}

export const contenders = {
  ours: (embedder: Embedder, texts: string[]) => embedder.embed(texts, { kind: 'document', field: 'texts' }),

  floor: async (raw: RawSession, batches: Int32Array[][]) => {
    for (const batch of batches) await runRows(raw, batch);
  },

  naive: async (raw: RawSession, rows: Int32Array[]) => {
    for (const row of rows) await runRows(raw, [row]);
  },

  transformersJs: async (extractor: FeatureExtractionPipeline, texts: string[], batchSize: number) => {
    for (let i = 0; i < texts.length; i += batchSize) {
      const out = await extractor(texts.slice(i, i + batchSize), { pooling: 'last_token', normalize: true });
      out.dispose();
    }
  },
};

/** transformers.js on the same folder; its tokenizer.json appends EOS and pads left, so last_token is right. */
export async function openTransformersJs(modelDir: string): Promise<FeatureExtractionPipeline> {
  env.allowRemoteModels = false;
  env.localModelPath = `${path.resolve(path.dirname(modelDir))}${path.sep}`;
  return (await pipeline('feature-extraction', path.basename(modelDir), {
    dtype: 'fp32',
    device: 'cpu',
    local_files_only: true,
  })) as FeatureExtractionPipeline;
}
