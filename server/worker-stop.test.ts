import { describe, expect, test } from 'vitest';
import { readModelConfig, TEST_MODEL_DIR } from './model-files';
import { spawnWorker } from './worker-pool';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';
import { guardWorker, stopWorker } from './worker-stop';

/** A guarded real embed-worker on the test model, and every message it sent. */
function startWorker() {
  const config = readModelConfig(TEST_MODEL_DIR);
  const padTokenId = config.eosTokenId ?? 0;
  const worker = guardWorker(spawnWorker());
  const messages: FromWorker[] = [];
  const exitCode = new Promise<number>((resolve) => worker.once('exit', resolve));
  const ready = new Promise<void>((resolve) =>
    worker.on('message', (message: FromWorker) => {
      messages.push(message);
      if (message.type === 'ready') resolve();
    }),
  );
  const init: WorkerInit = {
    modelDir: TEST_MODEL_DIR,
    dtype: 'auto',
    device: 'cpu',
    shape: config,
    padTokenId,
    intraOpThreads: 1,
    cpuMemArena: false,
    spinning: false,
  };
  worker.postMessage({ type: 'init', init } satisfies ToWorker);
  const embed = (tokens: number) => {
    const ids = new Int32Array(tokens).fill(padTokenId);
    const batch = { ids, lengths: new Int32Array([tokens]) };
    worker.postMessage({ type: 'embed', id: 1, batch } satisfies ToWorker, [ids.buffer]);
  };
  return { worker, messages, exitCode, ready, embed };
}

// Without the guard each of these aborts the whole test process (SIGABRT from an uncaught
// Napi::Error), so getting to the expectations at all is half of what they prove.
describe('stopping an inference worker', () => {
  test('a worker stopped in the middle of a batch exits without answering it', async () => {
    const w = startWorker();
    await w.ready;
    // A long batch (about a second on the test model): the stop lands while session.run runs.
    w.embed(1024);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await stopWorker(w.worker);
    expect(await w.exitCode).toBe(1);
    expect(w.messages.map((m) => m.type)).toEqual(['ready']);
  });

  test('a worker stopped before it has loaded the model exits without reporting ready', async () => {
    const w = startWorker();
    // At once: the worker is still starting (loading onnxruntime's binding, then the model).
    await stopWorker(w.worker);
    expect(await w.exitCode).toBe(1);
    expect(w.messages).toEqual([]);
  });
});
