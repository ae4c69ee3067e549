import 'server-only';
/**
 * A pool of inference worker threads, each owning one ONNX session. A worker that crashes or is
 * killed fails only the batch it held (worker_crashed → 503) and is replaced by a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../lib/errors';
import { recordWorkerRestart } from './metrics';
import type { FromWorker, LoadedModel, TokenBatch, ToWorker, WorkerInit } from './worker-protocol';
import { guardWorker, stopWorker } from './worker-stop';

interface Pending {
  resolve: (vectors: Float32Array) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  pending?: { id: number } & Pending;
  /** Set when we terminate it on purpose, so its exit is not treated as a crash. */
  retiring: boolean;
}

/**
 * From source (vitest, tsx scripts) the worker is a .ts file: start it through tsx's loader.
 * In a Next build, Turbopack bundles `new Worker(new URL(...))` as its own chunk of plain JS.
 */
export function spawnWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // Not `new URL('./embed-worker.ts', …)`: Turbopack would copy the .ts file as an asset.
    const entry = import.meta.url.replace(/worker-pool\.ts$/, 'embed-worker.ts');
    const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
    return new Worker(boot, { eval: true });
  }
  return new Worker(new URL('./embed-worker.ts', import.meta.url));
}

export class WorkerPool {
  private slots: Slot[] = [];
  private nextId = 1;
  restarts = 0;

  constructor(
    private readonly init: WorkerInit,
    private readonly size: number,
    /** Called whenever a worker becomes free, so the scheduler can hand it the next batch. */
    private readonly onIdle: () => void,
    private readonly log: (line: string) => void = console.log,
    /** Called when a crashed worker cannot be replaced (e.g. the model file is gone). */
    private readonly onBroken: (err: Error) => void = () => {},
  ) {}

  /** Starts every worker; resolves once all have loaded the model and run a warm-up inference. */
  async start(): Promise<LoadedModel> {
    const models = await Promise.all(Array.from({ length: this.size }, () => this.startSlot()));
    return models[0] as LoadedModel;
  }

  idleCount(): number {
    return this.slots.filter((s) => s.ready && !s.pending && !s.retiring).length;
  }

  run(batch: TokenBatch): Promise<Float32Array> {
    const slot = this.slots.find((s) => s.ready && !s.pending && !s.retiring);
    if (!slot) return Promise.reject(new Error('WorkerPool.run called with no idle worker'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending = { id, resolve, reject };
      const message: ToWorker = { type: 'embed', id, batch };
      slot.worker.postMessage(message, [
        batch.ids.buffer as ArrayBuffer,
        batch.lengths.buffer as ArrayBuffer,
      ]);
    });
  }

  /** Ends a worker while it runs a batch, as a crash would (it never answers); for the fault-recovery tests. */
  async killBusyWorker(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let slot = this.slots.find((s) => s.pending);
    while (!slot && Date.now() < deadline) {
      await new Promise((resolve) => setImmediate(resolve));
      slot = this.slots.find((s) => s.pending);
    }
    if (!slot) throw new Error('No worker was busy to kill');
    await stopWorker(slot.worker);
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(
      slots.map((s) => {
        s.retiring = true;
        s.pending?.reject(new AppError('shutting_down', 'The embedder is shutting down'));
        return stopWorker(s.worker);
      }),
    );
  }

  private startSlot(): Promise<LoadedModel> {
    // Never `worker.terminate()` a guarded worker: stopWorker waits out native calls (worker-stop.ts).
    const slot: Slot = { worker: guardWorker(spawnWorker()), ready: false, retiring: false };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      slot.worker.on('message', (message: FromWorker) => this.onMessage(slot, message, resolve, reject));
      slot.worker.on('error', (err) => this.log(`[embedder] worker error: ${err.message}`));
      slot.worker.on('exit', (code) => {
        if (!slot.ready)
          reject(new Error(`The inference worker exited while loading the model (code ${code})`));
        this.onExit(slot, code);
      });
      slot.worker.postMessage({ type: 'init', init: this.init } satisfies ToWorker);
    });
  }

  private onMessage(
    slot: Slot,
    message: FromWorker,
    ready: (m: LoadedModel) => void,
    fail: (e: Error) => void,
  ) {
    if (message.type === 'ready') {
      slot.ready = true;
      ready(message.model);
      this.onIdle();
    } else if (message.type === 'init-failed') {
      slot.retiring = true;
      fail(new Error(message.message));
      void stopWorker(slot.worker);
    } else {
      const pending = slot.pending;
      if (!pending || pending.id !== message.id) return;
      slot.pending = undefined;
      if (message.type === 'embedded') pending.resolve(message.vectors);
      else if (message.outOfMemory)
        pending.reject(new AppError('out_of_memory', `The model ran out of memory: ${message.message}`));
      else pending.reject(new Error(`Inference failed: ${message.message}`));
      this.onIdle();
    }
  }

  /** A worker that dies unasked fails its batch and is replaced (the model stays loaded elsewhere). */
  private onExit(slot: Slot, code: number) {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    if (slot.retiring || !slot.ready) return;
    slot.pending?.reject(
      new AppError('worker_crashed', 'The inference worker crashed; it is being restarted. Please retry.', {
        retryAfterSeconds: 1,
      }),
    );
    this.restarts++;
    recordWorkerRestart();
    this.log(
      `[embedder] inference worker exited (code ${code}); starting a new one (restart #${this.restarts})`,
    );
    this.startSlot().catch((err: Error) => {
      this.log(`[embedder] restarting the worker failed: ${err.message}`);
      this.onBroken(err);
    });
  }
}
