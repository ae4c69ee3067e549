import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { l2NormalizeInPlace } from '../lib/vector-math';
import { maxAbsDiff } from '../tests/support/embedder';
import { embedBatch, type GraphSignature, leftPad, readSignature } from './batch-inference';
import { onnxFileFor, readModelConfig, TEST_MODEL_DIR } from './model-files';

const EOS = 151643;
let session: ort.InferenceSession;
let sig: GraphSignature;
const config = readModelConfig(TEST_MODEL_DIR);

beforeAll(async () => {
  session = await ort.InferenceSession.create(onnxFileFor(TEST_MODEL_DIR, 'fp32'));
  sig = readSignature(session, config);
});
afterAll(() => session.release());

/** Reference: one unpadded row through the raw session, hidden state at its last position. */
async function reference(ids: number[]): Promise<Float32Array> {
  const n = ids.length;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids, BigInt), [1, n]),
    attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
    position_ids: new ort.Tensor(
      'int64',
      BigInt64Array.from({ length: n }, (_, i) => BigInt(i)),
      [1, n],
    ),
  };
  for (const name of session.inputNames.filter((x) => x.startsWith('past_key_values.'))) {
    feeds[name] = new ort.Tensor('float32', new Float32Array(0), [1, config.numKvHeads, 0, config.headDim]);
  }
  const out = (await session.run(feeds)).last_hidden_state as ort.Tensor;
  const h = config.hiddenSize;
  return l2NormalizeInPlace((out.data as Float32Array).slice((n - 1) * h, n * h));
}

const rows = [
  [3838, 374, 279, 6722, 315, 5616, 30, EOS],
  [104100, 99405, EOS],
  [3838, EOS],
];
const batchOf = (r: number[][]) => ({
  ids: Int32Array.from(r.flat()),
  lengths: Int32Array.from(r, (x) => x.length),
});

describe('batch inference', () => {
  test('reads every layer’s past key/value input and the hidden size from the graph', () => {
    expect(sig.inputs.filter((n) => n.startsWith('past_key_values.'))).toHaveLength(2 * config.numLayers);
    expect(sig.kvHeads).toBe(config.numKvHeads);
    expect(sig.headDim).toBe(config.headDim);
  });

  test('left padding puts each row at the right edge with positions counting from 0', () => {
    const { ids, mask, positions, width } = leftPad(batchOf([[7, 8, 9], [5]]), EOS);
    expect(width).toBe(3);
    expect(Array.from(ids, Number)).toEqual([7, 8, 9, EOS, EOS, 5]);
    expect(Array.from(mask, Number)).toEqual([1, 1, 1, 0, 0, 1]);
    expect(Array.from(positions, Number)).toEqual([0, 1, 2, 1, 1, 0]);
  });

  test('pools the last token (EOS) of each row: equals the raw session on the unpadded row', async () => {
    const { vectors, hiddenSize } = await embedBatch(session, sig, batchOf(rows), EOS);
    for (const [r, ids] of rows.entries()) {
      const ours = vectors.subarray(r * hiddenSize, (r + 1) * hiddenSize);
      expect(maxAbsDiff(ours, await reference(ids))).toBeLessThan(1e-5);
    }
  });

  test('the first token’s state differs from the last one’s, so the pooling position is observable', async () => {
    const ids = rows[0] as number[];
    const first = await reference(ids.slice(0, 1));
    expect(maxAbsDiff(first, await reference(ids))).toBeGreaterThan(1e-2);
  });
});
