import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_INSTRUCTION } from '../lib/schemas';
import { maxAbsDiff, norm, startEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';
import { formatQuery } from './tokenizer';

const MIXED = [
  'apple',
  '香蕉富含钾元素,有助于肌肉恢复',
  'A considerably longer document about the weather in Beijing, which today is sunny with 25 degrees and a light breeze from the north.',
  '我想吃点东西',
  'short',
];

let embedder: Embedder;
beforeAll(async () => {
  // A large budget and no cache so that every text of MIXED shares one padded batch.
  embedder = await startEmbedder({ maxBatchTokens: 100_000, CACHE_MAX_BYTES: 0 });
});
afterAll(() => embedder.close());

const doc = (texts: string[], extra = {}) =>
  embedder.embed(texts, { kind: 'document', field: 'texts', ...extra });

describe('Embedder on the random-weight Qwen3 test model', () => {
  test('reports ready with the dims read from the model', () => {
    const health = embedder.health();
    expect(health.status).toBe('ready');
    expect(health.model?.dims).toBe(64);
    expect(health.model?.isTestModel).toBe(true);
    expect(health.device).toBe('cpu');
  });

  test('a text embedded alone equals the same text inside a left-padded batch of mixed lengths', async () => {
    const batch = await doc(MIXED);
    for (const [i, text] of MIXED.entries()) {
      const [alone] = (await doc([text])).vectors;
      expect(maxAbsDiff(alone as Float32Array, batch.vectors[i] as Float32Array)).toBeLessThan(1e-5);
    }
  });

  test('different texts get clearly different vectors (the model is not constant)', async () => {
    const { vectors } = await doc(['apple', 'weather in Beijing']);
    expect(maxAbsDiff(vectors[0] as Float32Array, vectors[1] as Float32Array)).toBeGreaterThan(1e-2);
  });

  test('every vector has unit norm', async () => {
    const { vectors } = await doc(MIXED);
    for (const v of vectors) expect(norm(v)).toBeCloseTo(1, 5);
  });

  test('token counts include the single EOS', async () => {
    const { tokens } = await doc(['我想吃点东西']);
    expect(tokens).toEqual([5]);
  });

  test('queries get the instruction and documents do not', async () => {
    const [asQuery] = (await embedder.embed(['我想吃点东西'], { kind: 'query', field: 'texts' })).vectors;
    const [formatted] = (await doc([formatQuery('我想吃点东西', DEFAULT_INSTRUCTION)])).vectors;
    const [plain] = (await doc(['我想吃点东西'])).vectors;
    expect(maxAbsDiff(asQuery as Float32Array, formatted as Float32Array)).toBeLessThan(1e-6);
    expect(maxAbsDiff(asQuery as Float32Array, plain as Float32Array)).toBeGreaterThan(1e-2);
  });

  test('a custom instruction replaces the default one', async () => {
    const [custom] = (
      await embedder.embed(['x'], { kind: 'query', instruction: 'Find poems', field: 'texts' })
    ).vectors;
    const [formatted] = (await doc(['Instruct: Find poems\nQuery:x'])).vectors;
    expect(maxAbsDiff(custom as Float32Array, formatted as Float32Array)).toBeLessThan(1e-6);
  });

  test('dimensions keeps the leading values and re-normalises', async () => {
    const [full] = (await doc(['apple'])).vectors as Float32Array[];
    const [short] = (await doc(['apple'], { dimensions: 32 })).vectors as Float32Array[];
    expect(short?.length).toBe(32);
    expect(norm(short as Float32Array)).toBeCloseTo(1, 5);
    const scale = norm((full as Float32Array).subarray(0, 32));
    expect(
      maxAbsDiff(
        short as Float32Array,
        (full as Float32Array).subarray(0, 32).map((x) => x / scale),
      ),
    ).toBeLessThan(1e-6);
  });

  test('dimensions above the model width is a 400 naming the field', async () => {
    await expect(doc(['apple'], { dimensions: 65 })).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'dimensions',
    });
  });
});
