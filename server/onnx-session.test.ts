/**
 * Which file MODEL_DTYPE opens on the CPU, checked on real generated model folders (fp32 alone,
 * and fp32 beside model_quantized.onnx) through the real embedder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { generateTestModel } from '../scripts/test-model';
import { startEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';
import { pickDtype } from './onnx-session';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'semantic-radar-dtype-'));
const fp32Only = path.join(root, 'fp32-only');
const both = path.join(root, 'both');
let embedder: Embedder | undefined;

beforeAll(() => {
  generateTestModel({ outDir: fp32Only });
  generateTestModel({ outDir: both });
  generateTestModel({ outDir: both, quantized: true });
}, 60_000);

afterEach(async () => {
  await embedder?.close();
  embedder = undefined;
});

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('dtype on CPU', () => {
  test('auto picks q8 when the folder has model_quantized.onnx', () => {
    expect(pickDtype(both, 'auto', 'cpu')).toBe('q8');
  });

  test('auto picks fp32 when the folder has only model.onnx', () => {
    expect(pickDtype(fp32Only, 'auto', 'cpu')).toBe('fp32');
  });

  test('an explicit fp32 is honoured when q8 is present too', () => {
    expect(pickDtype(both, 'fp32', 'cpu')).toBe('fp32');
  });

  test('the embedder on auto serves q8 vectors within cosine 0.99 of the fp32 ones', async () => {
    const texts = [
      'What is the capital of China?',
      '我想吃点东西',
      'a longer line about rivers and mountains',
    ];
    const embed = async (dir: string, dtype: 'auto' | 'fp32') => {
      embedder = await startEmbedder({ EMBEDDER_DEVICE: 'cpu', MODEL_DTYPE: dtype, CACHE_MAX_BYTES: 0 }, dir);
      const health = embedder.health();
      const { vectors } = await embedder.embed(texts, { kind: 'document', field: 'texts' });
      await embedder.close();
      embedder = undefined;
      return { health, vectors };
    };
    const q8 = await embed(both, 'auto');
    const fp32 = await embed(both, 'fp32');
    expect(q8.health.model?.dtype).toBe('q8');
    expect(fp32.health.model?.dtype).toBe('fp32');
    q8.vectors.forEach((v, i) => {
      const w = fp32.vectors[i] as Float32Array;
      expect(v.reduce((s, x, j) => s + x * (w[j] as number), 0)).toBeGreaterThan(0.99);
    });
  });
});
