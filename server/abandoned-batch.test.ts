import { afterEach, describe, expect, test } from 'vitest';
import { sleep, startTestEmbedder, type TestEmbedder } from '../tests/support/embedder';
import type { ToWorker } from './worker-protocol';

let t: TestEmbedder | undefined;
afterEach(async () => {
  await t?.embedder.close();
  t = undefined;
});

/** Polls until `done` holds (counted events, not timings: the deadline only stops a hung test). */
async function until(done: () => boolean, deadlineMs = 20_000) {
  const end = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await sleep(2);
  }
}

/** Cancels the request the moment its batch is posted to the worker: it is then surely running. */
function cancelOnFirstBatch({ workers }: TestEmbedder): AbortController {
  const controller = new AbortController();
  const worker = workers[0];
  if (!worker) throw new Error('no worker');
  const post = worker.postMessage.bind(worker);
  worker.postMessage = (message: ToWorker, transfer?: readonly Transferable[]) => {
    post(message, transfer as never);
    if (message.type === 'embed') controller.abort();
  };
  return controller;
}

describe('a batch whose requests have all gone away', () => {
  test('when it would run longer than a restart, its worker is stopped and a new one serves the queue', async () => {
    // One 4,096-token text: before any batch is measured its expected time (conservative rate,
    // attention's quadratic share counted) is far above the test model's start-up time.
    t = await startTestEmbedder({ MAX_TOKENS: 4096, CACHE_MAX_BYTES: 0 });
    const { embedder, workers, logs } = t;
    const controller = cancelOnFirstBatch(t);
    const ids = Array.from({ length: 4095 }, (_, i) => 1000 + (i % 5000));
    const job = embedder.embedTokenIds([ids], {
      kind: 'document',
      field: 'input',
      signal: controller.signal,
    });
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    await until(() => workers.length === 2);
    expect(logs.some((line) => line.includes('nobody waits for'))).toBe(true);
    // Not a crash: the restart counter stays at zero, and the next request is answered.
    expect(embedder.health().workerRestarts).toBe(0);
    const after = await embedder.embed(['still answering'], { kind: 'document', field: 'texts' });
    expect(after.vectors).toHaveLength(1);
  });

  test('when it is shorter than a restart, it runs to its end on the same worker', async () => {
    t = await startTestEmbedder({ CACHE_MAX_BYTES: 0 });
    const { embedder, workers, logs } = t;
    const controller = cancelOnFirstBatch(t);
    const job = embedder.embed(['a few', 'short', 'texts'], {
      kind: 'document',
      field: 'texts',
      signal: controller.signal,
    });
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    expect((await embedder.embed(['next'], { kind: 'document', field: 'texts' })).vectors).toHaveLength(1);
    expect(workers).toHaveLength(1);
    expect(logs.some((line) => line.includes('nobody waits for'))).toBe(false);
  });
});
