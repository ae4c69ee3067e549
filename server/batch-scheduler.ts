import 'server-only';
/**
 * The one queue in front of the inference workers. Texts from all requests wait here; whenever a
 * worker is free it gets the next batch:
 * - queries go before documents, so a search never waits behind another user's knowledge base;
 * - a batch starts from the oldest waiting text (fairness) and is filled with the texts closest to
 *   it in length, up to `maxBatchTokens` padded tokens (rows × longest row), so padding stays small;
 * - the queue is bounded in texts: a request that does not fit is refused at once (429);
 * - a job whose signal aborts leaves the queue, and its in-flight results are dropped.
 */
import { AppError } from '../lib/errors';
import type { TextKind } from '../lib/schemas';
import { recordBatch } from './metrics';
import type { TokenBatch } from './worker-protocol';

/** A job's priority is the kind of text it carries: queries first. */
export type Priority = TextKind;

export interface Runner {
  idleCount(): number;
  run(batch: TokenBatch): Promise<Float32Array>;
}

export interface SchedulerOptions {
  maxBatchTokens: number;
  /** Pause before dispatching to an idle worker, so near-simultaneous requests share a batch. */
  gatherWindowMs: number;
  capacityTexts: number;
}

interface Job {
  results: Float32Array[];
  remaining: number;
  total: number;
  settled: boolean;
  onProgress?: (done: number, total: number) => void;
  onStart?: () => void;
  resolve: (vectors: Float32Array[]) => void;
  reject: (err: Error) => void;
}

interface Item {
  job: Job;
  /** Position in the job's input, where its result goes. */
  index: number;
  ids: Int32Array;
  priority: Priority;
  seq: number;
}

export interface SubmitOptions {
  priority: Priority;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Called once, when the first of the job's texts goes to a worker (its queue time ends). */
  onStart?: () => void;
}

export class BatchScheduler {
  private waiting: Item[] = [];
  private seq = 0;
  private pumpScheduled = false;

  constructor(
    private readonly runner: Runner,
    private readonly options: SchedulerOptions,
  ) {}

  get pendingTexts(): number {
    return this.waiting.length;
  }

  /** Throws queue_full (429) when `texts` more would not fit in the queue right now. */
  assertRoomFor(texts: number): void {
    if (this.waiting.length + texts <= this.options.capacityTexts) return;
    throw new AppError(
      'queue_full',
      `The server is busy: ${this.waiting.length} texts are waiting and this request adds ${texts} (limit ${this.options.capacityTexts}). Retry shortly.`,
      { retryAfterSeconds: 1 },
    );
  }

  /** Embeds token rows; resolves with one vector per row, in input order. */
  submit(rows: Int32Array[], opts: SubmitOptions): Promise<Float32Array[]> {
    if (opts.signal?.aborted) return Promise.reject(cancelledError());
    if (rows.length === 0) return Promise.resolve([]);
    try {
      this.assertRoomFor(rows.length);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const job: Job = {
        results: new Array(rows.length),
        remaining: rows.length,
        total: rows.length,
        settled: false,
        resolve,
        reject,
        onProgress: opts.onProgress,
        onStart: opts.onStart,
      };
      rows.forEach((ids, index) => {
        this.waiting.push({ job, index, ids, priority: opts.priority, seq: this.seq++ });
      });
      opts.signal?.addEventListener('abort', () => this.fail(job, cancelledError()), { once: true });
      this.schedulePump();
    });
  }

  /** Fails every waiting job (the workers are gone); their places in the queue are freed. */
  failAll(err: Error): void {
    for (const job of new Set(this.waiting.map((item) => item.job))) this.fail(job, err);
  }

  /** Called by the worker pool when a worker frees up (or a new one is ready). */
  pump = (): void => {
    while (this.runner.idleCount() > 0 && this.waiting.length > 0) this.dispatch(this.takeBatch());
  };

  /**
   * Dispatches after the current tick (so requests arriving together share a batch) or after the
   * gather window. While workers are busy, texts gather in the queue anyway.
   */
  private schedulePump() {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    const run = () => {
      this.pumpScheduled = false;
      this.pump();
    };
    if (this.options.gatherWindowMs > 0) setTimeout(run, this.options.gatherWindowMs);
    else setImmediate(run);
  }

  /** Removes and returns the next batch: oldest item of the top priority plus its nearest-length peers. */
  private takeBatch(): Item[] {
    const hasQuery = this.waiting.some((i) => i.priority === 'query');
    const pool = this.waiting.filter((i) => (hasQuery ? i.priority === 'query' : true));
    pool.sort((a, b) => a.ids.length - b.ids.length || a.seq - b.seq);
    const seedAt = pool.reduce((best, item, i) => (item.seq < (pool[best] as Item).seq ? i : best), 0);
    let lo = seedAt;
    let hi = seedAt;
    const fits = (from: number, to: number) =>
      (to - from + 1) * (pool[to] as Item).ids.length <= this.options.maxBatchTokens;
    for (;;) {
      const canLeft = lo > 0 && fits(lo - 1, hi);
      const canRight = hi < pool.length - 1 && fits(lo, hi + 1);
      if (!canLeft && !canRight) break;
      const leftGap = canLeft
        ? (pool[hi] as Item).ids.length - (pool[lo - 1] as Item).ids.length
        : Number.POSITIVE_INFINITY;
      const rightGap = canRight
        ? (pool[hi + 1] as Item).ids.length - (pool[lo] as Item).ids.length
        : Number.POSITIVE_INFINITY;
      if (leftGap <= rightGap) lo--;
      else hi++;
    }
    const batch = pool.slice(lo, hi + 1);
    const taken = new Set(batch);
    this.waiting = this.waiting.filter((i) => !taken.has(i));
    return batch;
  }

  private dispatch(batch: Item[]) {
    for (const item of batch) {
      item.job.onStart?.();
      item.job.onStart = undefined;
    }
    const lengths = Int32Array.from(batch, (i) => i.ids.length);
    const ids = new Int32Array(lengths.reduce((a, b) => a + b, 0));
    let offset = 0;
    for (const item of batch) {
      ids.set(item.ids, offset);
      offset += item.ids.length;
    }
    const tokens = ids.length; // read now: the ids are transferred to the worker
    const started = performance.now();
    this.runner.run({ ids, lengths }).then(
      (vectors) => {
        recordBatch(batch.length, tokens, (performance.now() - started) / 1000);
        this.deliver(batch, vectors);
      },
      (err: Error) => {
        for (const item of batch) this.fail(item.job, err);
      },
    );
  }

  private deliver(batch: Item[], vectors: Float32Array) {
    const dims = vectors.length / batch.length;
    batch.forEach((item, row) => {
      const job = item.job;
      if (job.settled) return;
      job.results[item.index] = vectors.slice(row * dims, (row + 1) * dims);
      job.remaining--;
      job.onProgress?.(job.total - job.remaining, job.total);
      if (job.remaining === 0) {
        job.settled = true;
        job.resolve(job.results);
      }
    });
  }

  /** Settles a job with an error and frees its place in the queue. */
  private fail(job: Job, err: Error) {
    if (job.settled) return;
    job.settled = true;
    this.waiting = this.waiting.filter((i) => i.job !== job);
    job.reject(err);
  }
}

function cancelledError(): AppError {
  return new AppError('cancelled', 'The request was cancelled');
}
