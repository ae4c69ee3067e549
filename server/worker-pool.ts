import 'server-only';
/**
 * A pool of inference worker threads, each owning one ONNX session. Each worker, once loaded,
 * pulls its next batch from the queue (the serving engines' pattern: the queue never calls back
 * into the pool). A worker that crashes fails only the batch it held (worker_crashed → 503) and is
 * replaced. A batch whose requests have all gone away (abandoned) is stopped when it would still
 * run longer than starting a worker takes: its worker is stopped through worker-stop.ts and a new
 * one starts at once. The old one cannot be interrupted inside onnxruntime's run, so it burns the
 * CPU until that run returns and then exits unanswered; what the stop buys is that the new worker
 * loads meanwhile and the queue is served by it (docs/benchmarks.md).
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../lib/errors';
import type { Batch } from './batch-scheduler';
import { recordWorkerRestart } from './metrics';
import type { Device, FromWorker, LoadedModel, TokenBatch, ToWorker, WorkerInit } from './worker-protocol';
import { guardWorker, stopWorker } from './worker-stop';

/** Where workers get their batches (the BatchScheduler). */
export interface BatchSource {
  next(device: Device, signal?: AbortSignal): Promise<Batch | undefined>;
  workerStarted(device: Device): void;
  workerStopped(device: Device): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  running?: { id: number; resolve: (vectors: Float32Array) => void; reject: (err: Error) => void };
  /** Set when we stop it on purpose, so its exit is not treated as a crash. */
  retiring: boolean;
  /** Aborted when the worker is gone: ends its wait for a batch. */
  gone: AbortController;
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

export interface PoolOptions {
  log?: (line: string) => void;
  /** Called when a crashed worker cannot be replaced (e.g. the model file is gone). */
  onBroken?: (err: Error) => void;
  /** Creates a worker thread; tests pass one that keeps the handles so they can kill them. */
  spawn?: () => Worker;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  /** How long the last worker took to load the model and warm up: the price of a restart. */
  private restartMs = Number.POSITIVE_INFINITY;
  /** Workers that died unasked and were replaced. */
  restarts = 0;

  constructor(
    private readonly init: WorkerInit,
    private readonly size: number,
    private readonly source: BatchSource,
    private readonly options: PoolOptions = {},
  ) {}

  private log(line: string) {
    (this.options.log ?? console.log)(line);
  }

  /** Starts every worker; resolves once all have loaded the model and run a warm-up inference. */
  async start(): Promise<LoadedModel> {
    const models = await Promise.all(Array.from({ length: this.size }, () => this.startSlot()));
    return models[0] as LoadedModel;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(
      slots.map((s) => {
        s.retiring = true;
        s.running?.reject(new AppError('shutting_down', 'The embedder is shutting down'));
        s.gone.abort();
        return stopWorker(s.worker);
      }),
    );
  }

  private startSlot(): Promise<LoadedModel> {
    const spawn = this.options.spawn ?? spawnWorker;
    const slot: Slot = {
      // Never `worker.terminate()` a guarded worker: stopWorker waits out native calls (worker-stop.ts).
      worker: guardWorker(spawn()),
      ready: false,
      retiring: false,
      gone: new AbortController(),
    };
    this.slots.push(slot);
    return new Promise((resolve, reject) => {
      slot.worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          slot.ready = true;
          this.restartMs = message.model.loadMs;
          resolve(message.model);
          void this.serve(slot, message.model.device);
        } else if (message.type === 'init-failed') {
          slot.retiring = true;
          reject(new Error(message.message));
          void stopWorker(slot.worker);
        } else this.onResult(slot, message);
      });
      slot.worker.on('error', (err) => this.log(`[embedder] worker error: ${err.message}`));
      slot.worker.on('exit', (code) => {
        if (!slot.ready)
          reject(new Error(`The inference worker exited while loading the model (code ${code})`));
        this.onExit(slot, code);
      });
      slot.worker.postMessage({ type: 'init', init: this.init } satisfies ToWorker);
    });
  }

  /** The worker's life once loaded: take a batch, run it, hand back the vectors, repeat. */
  private async serve(slot: Slot, device: Device) {
    this.source.workerStarted(device);
    try {
      while (!slot.gone.signal.aborted) {
        const batch = await this.source.next(device, slot.gone.signal);
        if (!batch) return;
        const onAbandoned = () => this.stopAbandoned(slot, batch);
        batch.abandoned.addEventListener('abort', onAbandoned, { once: true });
        try {
          batch.deliver(await this.run(slot, batch.tokens));
        } catch (err) {
          batch.fail(err as Error);
        } finally {
          batch.abandoned.removeEventListener('abort', onAbandoned);
        }
      }
    } finally {
      this.source.workerStopped(device);
    }
  }

  /**
   * Nobody waits for this batch any more: when it would run longer than a restart takes, stop the
   * worker (it exits when its native run returns) and start a new one now, so the queue does not
   * wait for results nobody reads.
   */
  private stopAbandoned(slot: Slot, batch: Batch) {
    const remainingMs = batch.remainingMs();
    if (this.closed || slot.retiring || !slot.running || remainingMs <= this.restartMs) return;
    slot.retiring = true;
    slot.gone.abort();
    slot.running.reject(new AppError('cancelled', 'The request was cancelled'));
    slot.running = undefined;
    this.log(
      `[embedder] a batch nobody waits for would run about ${Math.round(remainingMs / 1000)} s more; stopping its worker and starting a new one (a start takes about ${Math.round(this.restartMs / 1000)} s)`,
    );
    void stopWorker(slot.worker);
    this.replace();
  }

  private run(slot: Slot, batch: TokenBatch): Promise<Float32Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.running = { id, resolve, reject };
      const message: ToWorker = { type: 'embed', id, batch };
      slot.worker.postMessage(message, [
        batch.ids.buffer as ArrayBuffer,
        batch.lengths.buffer as ArrayBuffer,
      ]);
    });
  }

  private onResult(slot: Slot, message: Extract<FromWorker, { id: number }>) {
    const running = slot.running;
    if (!running || running.id !== message.id) return;
    slot.running = undefined;
    if (message.type === 'embedded') running.resolve(message.vectors);
    else if (message.outOfMemory)
      running.reject(new AppError('out_of_memory', `The model ran out of memory: ${message.message}`));
    else running.reject(new Error(`Inference failed: ${message.message}`));
  }

  /** A worker that dies unasked fails its batch and is replaced (the model stays loaded elsewhere). */
  private onExit(slot: Slot, code: number) {
    slot.gone.abort();
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    if (slot.retiring || !slot.ready) return;
    slot.running?.reject(
      new AppError('worker_crashed', 'The inference worker crashed; it is being restarted. Please retry.', {
        retryAfterSeconds: 1,
      }),
    );
    this.restarts++;
    recordWorkerRestart();
    this.log(
      `[embedder] inference worker exited (code ${code}); starting a new one (restart #${this.restarts})`,
    );
    this.replace();
  }

  private replace() {
    if (this.closed) return;
    this.startSlot().catch((err: Error) => {
      this.log(`[embedder] restarting the worker failed: ${err.message}`);
      this.options.onBroken?.(err);
    });
  }
}
