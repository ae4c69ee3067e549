import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { generateTestModel } from '../scripts/test-model';
import { maxAbsDiff, startTestEmbedder, type TestEmbedder } from '../tests/support/embedder';
import { DiskVectorCache } from './disk-cache';
import { TEST_MODEL_DIR } from './model-files';
import { modelIdentity } from './model-identity';
import type { Settings } from './settings';

const lines = (n: number, prefix = 'entry') =>
  Array.from({ length: n }, (_, i) => `${prefix} ${i}: ${'word '.repeat(i % 7)}苹果`);

let running: TestEmbedder | undefined;
afterEach(async () => {
  await running?.embedder.close();
  running = undefined;
});

const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `semantic-radar-${name}-`));

/** Starts an embedder with the disk cache in `dir` (closing the previous one: a restart). */
async function restart(dir: string, overrides: Partial<Settings> = {}, modelDir = TEST_MODEL_DIR) {
  await running?.embedder.close();
  running = await startTestEmbedder(
    { DISK_CACHE_DIR: dir, DISK_CACHE_MAX_BYTES: 2 ** 30, ...overrides },
    modelDir,
  );
  return running.embedder;
}

const embedDocs = (texts: string[]) =>
  (running as TestEmbedder).embedder.embed(texts, { kind: 'document', field: 'texts' });

describe('the persistent vector cache', () => {
  test('vectors embedded before a restart are served from disk after it, bit for bit', async () => {
    const dir = path.join(tempDir('disk-hit'), 'vectors');
    await restart(dir);
    const first = await embedDocs(lines(30));
    expect(first).toMatchObject({ embedded: 30, cached: 0 });
    await restart(dir);
    const again = await embedDocs(lines(30));
    expect(again).toMatchObject({ embedded: 0, cached: 30 });
    expect(again.tokens).toEqual(first.tokens);
    for (const [i, v] of again.vectors.entries())
      expect(maxAbsDiff(v, first.vectors[i] as Float32Array)).toBe(0);
  });

  test('an empty folder given as the store is used as a new store, not reported damaged', async () => {
    const dir = tempDir('disk-empty');
    await restart(dir);
    expect(running?.logs.some((l) => l.includes('damaged'))).toBe(false);
    expect(fs.readdirSync(path.dirname(dir)).some((n) => n.startsWith(`${path.basename(dir)}.broken-`))).toBe(
      false,
    );
    await embedDocs(lines(5));
    await restart(dir);
    expect(await embedDocs(lines(5))).toMatchObject({ embedded: 0, cached: 5 });
  });

  test('a different model in the same folder misses instead of getting the old vectors', async () => {
    const dir = path.join(tempDir('disk-model'), 'vectors');
    const modelDir = tempDir('disk-model-files');
    generateTestModel({ outDir: modelDir, seed: 1 });
    await restart(dir, {}, modelDir);
    const before = await embedDocs(lines(10));
    generateTestModel({ outDir: modelDir, seed: 2, force: true });
    await restart(dir, {}, modelDir);
    const after = await embedDocs(lines(10));
    expect(after).toMatchObject({ embedded: 10, cached: 0 });
    expect(maxAbsDiff(after.vectors[0] as Float32Array, before.vectors[0] as Float32Array)).toBeGreaterThan(
      1e-3,
    );
  });

  test('the model identity changes with the dtype and the token limit', () => {
    const onnxFile = path.join(TEST_MODEL_DIR, 'onnx', 'model.onnx');
    const base = { modelDir: TEST_MODEL_DIR, onnxFile, dtype: 'fp32', maxTokens: 8192 };
    const id = modelIdentity(base);
    expect(modelIdentity(base)).toBe(id);
    expect(modelIdentity({ ...base, dtype: 'q8' })).not.toBe(id);
    expect(modelIdentity({ ...base, maxTokens: 512 })).not.toBe(id);
  });

  test.each([
    [
      'overwritten with garbage',
      (file: string) => fs.writeFileSync(file, Buffer.alloc(fs.statSync(file).size, 7)),
    ],
    [
      'cut in half, as a kill during a write might leave it',
      (file: string) => fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2)),
    ],
  ])(
    'a store %s is moved aside with a log line and rebuilt; the embedder still starts',
    async (_, damage) => {
      const parent = tempDir('disk-corrupt');
      const dir = path.join(parent, 'vectors');
      await restart(dir);
      await embedDocs(lines(40));
      await running?.embedder.close();
      running = undefined;
      damage(path.join(dir, 'data.mdb'));

      const embedder = await restart(dir);
      expect(embedder.health().status).toBe('ready');
      const logs = (running as TestEmbedder | undefined)?.logs ?? [];
      expect(logs.some((l) => l.includes('is damaged') && l.includes('moved to'))).toBe(true);
      expect(fs.readdirSync(parent).some((name) => name.startsWith('vectors.broken-'))).toBe(true);
      expect(await embedDocs(lines(40))).toMatchObject({ embedded: 40, cached: 0 });
      await restart(dir);
      expect(await embedDocs(lines(40))).toMatchObject({ embedded: 0, cached: 40 });
    },
  );

  test('past its byte bound the store evicts the oldest vectors first', async () => {
    const dir = path.join(tempDir('disk-evict'), 'vectors');
    const bound = 16 * 1024;
    await restart(dir, { DISK_CACHE_MAX_BYTES: bound });
    for (let i = 0; i < 10; i++) await embedDocs(lines(10, `batch ${i}`));
    await running?.embedder.close();
    running = undefined;

    const store = await DiskVectorCache.open({ dir, maxBytes: bound, log: () => {} });
    const stored = await store.storedBytes();
    await store.close();
    expect(stored).toBeLessThanOrEqual(bound);
    expect(stored).toBeGreaterThan(bound / 2);

    await restart(dir, { DISK_CACHE_MAX_BYTES: bound });
    expect(await embedDocs(lines(10, 'batch 0'))).toMatchObject({ cached: 0 });
    expect(await embedDocs(lines(10, 'batch 9'))).toMatchObject({ embedded: 0, cached: 10 });
  });
});
