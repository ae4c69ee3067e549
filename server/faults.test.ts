import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { killBusyWorker, startEmbedder, startTestEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';
import { TEST_MODEL_DIR } from './model-files';

let embedder: Embedder | undefined;
afterEach(async () => {
  await embedder?.close();
  embedder = undefined;
});

/** A copy of the test model folder that a test may break. */
function copyOfTestModel(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `semantic-radar-${name}-`));
  fs.cpSync(TEST_MODEL_DIR, dir, { recursive: true });
  return dir;
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i} ${'x '.repeat(i % 17)}`);

describe('faults', () => {
  test('a worker killed mid-request fails that request with worker_crashed; a new worker serves the next one', async () => {
    const t = await startTestEmbedder({ maxBatchTokens: 16, CACHE_MAX_BYTES: 0 });
    embedder = t.embedder;
    const e = embedder;
    const running = e.embed(lines(3000), { kind: 'document', field: 'texts' });
    const outcome = running.then(
      () => 'resolved',
      (err: { code?: string }) => err.code,
    );
    await killBusyWorker(t);
    expect(await outcome).toBe('worker_crashed');
    expect(e.health().workerRestarts).toBe(1);
    // The replacement needs a moment to load; the queue holds the request until it is ready.
    const after = await e.embed(['after the crash'], { kind: 'document', field: 'texts' });
    expect(after.vectors).toHaveLength(1);
    expect(e.health().status).toBe('ready');
  });

  test('when a crashed worker cannot be replaced, health reports the error and waiting requests get a 503', async () => {
    const dir = copyOfTestModel('vanishing');
    const t = await startTestEmbedder({ maxBatchTokens: 16, CACHE_MAX_BYTES: 0 }, dir);
    embedder = t.embedder;
    const e = embedder;
    fs.rmSync(path.join(dir, 'onnx', 'model.onnx'));
    const running = e.embed(lines(3000), { kind: 'document', field: 'texts' }).then(
      () => 'resolved',
      (err: { code?: string }) => err.code,
    );
    await killBusyWorker(t);
    // Both are 503s: worker_crashed when the worker died holding one of this request's batches,
    // model_unavailable when it died between two of them and no worker was left to run the rest.
    expect(['worker_crashed', 'model_unavailable']).toContain(await running);
    while (e.health().status === 'ready') await new Promise((r) => setTimeout(r, 10));
    expect(e.health()).toMatchObject({ status: 'error', message: expect.stringContaining('model.onnx') });
    expect(() => e.requireReady()).toThrow(expect.objectContaining({ code: 'model_unavailable' }));
  });

  test('a missing ONNX file leaves the embedder in error with a message naming the file', async () => {
    const dir = copyOfTestModel('missing');
    fs.rmSync(path.join(dir, 'onnx', 'model.onnx'));
    embedder = await startEmbedder({}, dir);
    const health = embedder.health();
    expect(health.status).toBe('error');
    expect(health.message).toContain(path.join('onnx', 'model.onnx'));
    expect(() => embedder?.requireReady()).toThrow(expect.objectContaining({ code: 'model_unavailable' }));
  });

  test('a model folder repaired after a failed load is loaded again without a restart', async () => {
    const dir = copyOfTestModel('repaired');
    const onnx = path.join(dir, 'onnx', 'model.onnx');
    const saved = `${onnx}.saved`;
    fs.renameSync(onnx, saved);
    embedder = await startEmbedder({}, dir);
    expect(embedder.health().status).toBe('error');
    fs.renameSync(saved, onnx);
    // The retry timer reloads on its own: nothing here calls the embedder except to read its health.
    while (embedder.health().status !== 'ready') await new Promise((r) => setTimeout(r, 100));
    expect((await embedder.embed(['back again'], { kind: 'document', field: 'texts' })).vectors).toHaveLength(
      1,
    );
  });

  test('a corrupt ONNX file leaves the embedder in error with a message naming the file', async () => {
    const dir = copyOfTestModel('corrupt');
    fs.writeFileSync(path.join(dir, 'onnx', 'model.onnx'), 'this is not a protobuf');
    embedder = await startEmbedder({}, dir);
    expect(embedder.health()).toMatchObject({
      status: 'error',
      message: expect.stringContaining('model.onnx'),
    });
  });

  test('a missing config.json is named in the error', async () => {
    const dir = copyOfTestModel('noconfig');
    fs.rmSync(path.join(dir, 'config.json'));
    embedder = await startEmbedder({}, dir);
    expect(embedder.health()).toMatchObject({
      status: 'error',
      message: expect.stringContaining('config.json'),
    });
  });

  test('CUDA requested without its libraries runs on CPU and says why', async () => {
    embedder = await startEmbedder({ EMBEDDER_DEVICE: 'cuda' });
    const health = embedder.health();
    expect(health.device).toBe('cpu');
    expect(health.deviceReason).toMatch(/CUDA/);
  });

  test('fp16 requested on CPU falls back to a CPU dtype and says so', async () => {
    embedder = await startEmbedder({ MODEL_DTYPE: 'fp16' });
    expect(embedder.health()).toMatchObject({
      status: 'ready',
      model: { dtype: 'fp32' },
      deviceReason: expect.stringContaining('fp16'),
    });
  });
});
