/** A real Embedder on the generated random-weight Qwen3 model, with settings overridden per test. */
import type { Worker } from 'node:worker_threads';
import { Embedder } from '../../server/embedder';
import { TEST_MODEL_DIR } from '../../server/model-files';
import { type Settings, settings } from '../../server/settings';
import { spawnWorker } from '../../server/worker-pool';
import type { ToWorker } from '../../server/worker-protocol';
import { stopWorker } from '../../server/worker-stop';

/** An embedder, the worker threads it started (to kill one as a crash would), what it logged, and the batches it ran. */
export interface TestEmbedder {
  embedder: Embedder;
  workers: Worker[];
  logs: string[];
  /** The row lengths (tokens) of each batch handed to a worker, in order. */
  batches: Int32Array[];
}

export async function startTestEmbedder(
  overrides: Partial<Settings> = {},
  modelDir = TEST_MODEL_DIR,
): Promise<TestEmbedder> {
  const workers: Worker[] = [];
  const logs: string[] = [];
  const batches: Int32Array[] = [];
  const spawn = () => {
    const worker = spawnWorker();
    const post = worker.postMessage.bind(worker);
    // Counts batches on their way to the worker (read before the buffers are transferred away).
    worker.postMessage = (message: ToWorker, transfer?: readonly Transferable[]) => {
      if (message.type === 'embed') batches.push(Int32Array.from(message.batch.lengths));
      post(message, transfer as never);
    };
    workers.push(worker);
    return worker;
  };
  // The disk cache persists across test runs: off unless a test turns it on (with its own folder).
  const merged = { ...settings(), DISK_CACHE_MAX_BYTES: 0, ...overrides };
  const embedder = new Embedder(merged, modelDir, (line) => logs.push(line), spawn);
  await embedder.start();
  return { embedder, workers, logs, batches };
}

export async function startEmbedder(
  overrides: Partial<Settings> = {},
  modelDir = TEST_MODEL_DIR,
): Promise<Embedder> {
  return (await startTestEmbedder(overrides, modelDir)).embedder;
}

/**
 * Waits until the (single) worker is running a batch with more queued behind it, then stops
 * it the way a crash would.
 */
export async function killBusyWorker({ embedder, workers }: TestEmbedder, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while ((embedder.health().queue?.pendingTexts ?? 0) === 0) {
    if (Date.now() > deadline) throw new Error('No worker was busy to kill');
    await new Promise((resolve) => setImmediate(resolve));
  }
  const worker = workers.at(-1);
  if (worker) await stopWorker(worker);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
  return Math.sqrt(s);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}
