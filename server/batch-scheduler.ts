import 'server-only';
/**
 * The one queue in front of the inference workers, passive as in the serving engines: requests
 * put texts in, each worker pulls its next batch with `next()` when it is free.
 * - queries go before documents; inside a class, batches are shared fairly between requests by
 *   token cost (fair-batching.ts);
 * - admission by expected wait: a request is refused (429 + Retry-After) when the work that would
 *   run before it finishes would take longer than `maxWaitMs` at the measured throughput. Under
 *   fair sharing that is the running batches, every queued query (queries go first), and from each
 *   other job of its class as much as its own cost (a 5-line search waits for one turn of each
 *   big job, not for the whole of them). A request is also refused when it would make one already
 *   queued wait past the limit (wait-promises.ts). The decision is made when the request is queued;
 *   once queued it is never refused; on an idle queue everything is admitted;
 * - a job whose signal aborts leaves the queue and its in-flight results are dropped; a running
 *   batch whose jobs have all gone is marked abandoned, for the pool to weigh stopping its worker.
 */
import { AppError } from '../lib/errors';
import type { TextKind } from '../lib/schemas';
import { type FairJob, type QueuedText, takeFairBatch } from './fair-batching';
import { recordBatch } from './metrics';
import { queueReport, RecentSamples, ThroughputMeter } from './throughput';
import { WaitProjection } from './wait-promises';
import { type CostModel, conservativeThroughput, textCost } from './work-cost';
import { type Device, packRows, type TokenBatch } from './worker-protocol';

/** A job's priority is the kind of text it carries: queries first. */
export type Priority = TextKind;

export interface SchedulerOptions {
  maxBatchTokens: number;
  /** Pause before handing new work to an idle worker, so near-simultaneous requests share a batch. */
  gatherWindowMs: number;
  /** Longest expected wait behind queued work that a new request accepts; past it → 429. */
  maxWaitMs: number;
  cost: CostModel;
}

interface Job extends FairJob<Job> {
  priority: TextKind;
  /** Cost of its texts still waiting. */
  waitingCost: number;
  results: Float32Array[];
  remaining: number;
  total: number;
  settled: boolean;
  submittedAt: number;
  /** This job's share of the batches it rode in, ms: its own work. */
  workMs: number;
  onProgress?: (done: number, total: number) => void;
  onStart?: () => void;
  resolve: (vectors: Float32Array[]) => void;
  reject: (err: Error) => void;
}

/** A batch handed to a worker. */
export interface Batch {
  tokens: TokenBatch;
  deliver(vectors: Float32Array): void;
  fail(err: Error): void;
  /** Aborted when every request with a text in the batch has gone: its results would be dropped. */
  abandoned: AbortSignal;
  /** Expected time the batch still runs, ms, at the measured throughput. */
  remainingMs(): number;
}

interface Running {
  texts: QueuedText<Job>[];
  cost: number;
  /** Real (unpadded) tokens of its rows, for the metrics. */
  tokens: number;
  device: Device;
  startedAt: number;
  abandoned: AbortController;
}

export interface SubmitOptions {
  priority: Priority;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Called once, when the first of the job's texts goes to a worker (its queue time ends). */
  onStart?: () => void;
}

const CLASSES: readonly TextKind[] = ['query', 'document'];

export class BatchScheduler {
  private readonly waitingJobs: Record<TextKind, Set<Job>> = { query: new Set(), document: new Set() };
  /** The least `served` among the class's jobs when its last batch was formed: the virtual time. */
  private readonly clock: Record<TextKind, number> = { query: 0, document: 0 };
  private readonly running = new Set<Running>();
  private idle: { device: Device; give: (batch: Batch | undefined) => void }[] = [];
  private waitingTexts = 0;
  private seq = 0;
  private pumpScheduled = false;
  private readonly meter: ThroughputMeter;
  private readonly queueTimes = new RecentSamples();

  constructor(private readonly options: SchedulerOptions) {
    this.meter = new ThroughputMeter(conservativeThroughput(options.cost), options.maxBatchTokens);
  }

  /** Workers report in and out, so throughput counts the workers that exist. */
  workerStarted(device: Device): void {
    this.meter.workerStarted(device);
  }

  workerStopped(device: Device): void {
    this.meter.workerStopped(device);
  }

  /** Token-equivalents of texts with these token counts. */
  costOf(tokenCounts: Iterable<number>): number {
    let sum = 0;
    for (const n of tokenCounts) sum += textCost(n, this.options.cost);
    return sum;
  }

  /** The queue as admission sees it now (wait-promises.ts). */
  private projection(): WaitProjection {
    let runningCost = 0;
    for (const r of this.running)
      runningCost += (this.remainingMs(r) / 1000) * this.meter.workerRate(r.device);
    return new WaitProjection({
      now: performance.now(),
      ratePerMs: this.meter.total() / 1000,
      runningCost,
      clock: this.clock,
      jobs: { query: [...this.waitingJobs.query], document: [...this.waitingJobs.document] },
      maxWaitMs: this.options.maxWaitMs,
    });
  }

  /**
   * Throws queue_full (429) with the seconds until there would be room, when the new work would wait
   * too long or would make a request already queued wait past the limit.
   */
  admit(priority: TextKind, cost: number): void {
    const refusal = this.projection().refusal(priority, cost);
    if (refusal) throw refusal;
  }

  stats() {
    const projection = this.projection();
    return queueReport({
      pendingTexts: this.waitingTexts,
      waitMs: (kind) => projection.waitMs(kind),
      maxWaitMs: this.options.maxWaitMs,
      tokensPerSecond: this.meter.total(),
      measured: this.meter.measured,
      queueTimes: this.queueTimes,
    });
  }

  /**
   * Admits (or refuses with 429) and queues token rows; resolves with one vector per row, in
   * order. Synchronous up to the queueing, so nothing can slip in between decision and queue.
   */
  submit(rows: Int32Array[], opts: SubmitOptions): Promise<Float32Array[]> {
    if (opts.signal?.aborted) return Promise.reject(cancelledError());
    if (rows.length === 0) return Promise.resolve([]);
    try {
      this.admit(opts.priority, this.costOf(rows.map((ids) => ids.length)));
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      const waiting = this.waitingJobs[opts.priority];
      const job: Job = {
        seq: this.seq++,
        // Start-time fair queuing: a new job starts at the start tag of the batch in service, so
        // it is next in line but earns no credit for the time before it came.
        served: this.clock[opts.priority],
        waiting: [],
        priority: opts.priority,
        waitingCost: 0,
        results: new Array(rows.length),
        remaining: rows.length,
        total: rows.length,
        settled: false,
        submittedAt: performance.now(),
        workMs: 0,
        onProgress: opts.onProgress,
        resolve,
        reject,
        onStart: opts.onStart,
      };
      job.waiting = rows
        .map((ids, index) => ({ job, index, ids, cost: textCost(ids.length, this.options.cost) }))
        .sort((a, b) => a.ids.length - b.ids.length);
      waiting.add(job);
      job.waitingCost = job.waiting.reduce((sum, t) => sum + t.cost, 0);
      this.waitingTexts += rows.length;
      opts.signal?.addEventListener('abort', () => this.fail(job, cancelledError()), { once: true });
      this.schedulePump();
    });
  }

  /** A free worker asks for its next batch; resolves undefined when `signal` aborts first. */
  next(device: Device, signal?: AbortSignal): Promise<Batch | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    if (this.hasWork()) return Promise.resolve(this.dispatch(device));
    return new Promise((give) => {
      const onAbort = () => {
        this.idle = this.idle.filter((w) => w !== waiter);
        give(undefined);
      };
      const waiter = {
        device,
        give: (batch: Batch | undefined) => {
          signal?.removeEventListener('abort', onAbort);
          give(batch);
        },
      };
      this.idle.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Fails every queued job (the workers are gone). */
  failAll(err: Error): void {
    for (const c of CLASSES) for (const job of [...this.waitingJobs[c]]) this.fail(job, err);
  }

  /** Hands waiting work to idle workers after this tick or the gather window. */
  private schedulePump() {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    const run = () => {
      this.pumpScheduled = false;
      while (this.idle.length > 0 && this.hasWork()) {
        const waiter = this.idle.shift() as (typeof this.idle)[number];
        waiter.give(this.dispatch(waiter.device));
      }
    };
    if (this.options.gatherWindowMs > 0) setTimeout(run, this.options.gatherWindowMs);
    else setImmediate(run);
  }

  private hasWork(): boolean {
    return this.waitingJobs.query.size > 0 || this.waitingJobs.document.size > 0;
  }

  private dispatch(device: Device): Batch {
    const priority = this.waitingJobs.query.size > 0 ? 'query' : 'document';
    const jobs = [...this.waitingJobs[priority]];
    this.clock[priority] = Math.min(...jobs.map((j) => j.served));
    const texts = takeFairBatch(jobs, this.options.maxBatchTokens, this.meter.overheadCost(device));
    const now = performance.now();
    let cost = 0;
    for (const t of texts) {
      cost += t.cost;
      t.job.served += t.cost;
      t.job.waitingCost -= t.cost;
      if (t.job.waiting.length === 0) this.waitingJobs[priority].delete(t.job);
      t.job.onStart?.();
      t.job.onStart = undefined;
    }
    this.waitingTexts -= texts.length;
    const tokens = texts.reduce((sum, t) => sum + t.ids.length, 0);
    const run: Running = { texts, cost, tokens, device, startedAt: now, abandoned: new AbortController() };
    this.running.add(run);
    return {
      tokens: packRows(texts.map((t) => t.ids)),
      deliver: (vectors) => this.deliver(run, vectors),
      fail: (err) => {
        this.running.delete(run);
        for (const t of texts) this.fail(t.job, err);
      },
      abandoned: run.abandoned.signal,
      remainingMs: () => this.remainingMs(run),
    };
  }

  private remainingMs(run: Running): number {
    const expected = (run.cost / this.meter.workerRate(run.device)) * 1000;
    return Math.max(0, expected - (performance.now() - run.startedAt));
  }

  private deliver(run: Running, vectors: Float32Array) {
    this.running.delete(run);
    const elapsed = performance.now() - run.startedAt;
    this.meter.record(run.device, run.cost, elapsed);
    recordBatch(run.texts.length, run.tokens, elapsed / 1000, run.device);
    const dims = vectors.length / run.texts.length;
    run.texts.forEach((t, row) => {
      const job = t.job;
      if (job.settled) return;
      job.workMs += (elapsed * t.cost) / run.cost;
      job.results[t.index] = vectors.slice(row * dims, (row + 1) * dims);
      job.remaining--;
      job.onProgress?.(job.total - job.remaining, job.total);
      if (job.remaining > 0) return;
      job.settled = true;
      this.queueTimes.add(Math.max(0, performance.now() - job.submittedAt - job.workMs));
      job.resolve(job.results);
    });
  }

  /** Settles a job with an error and frees its place in the queue. */
  private fail(job: Job, err: Error) {
    if (job.settled) return;
    job.settled = true;
    if (this.waitingJobs[job.priority].delete(job)) {
      job.waitingCost = 0;
      this.waitingTexts -= job.waiting.length;
      job.waiting = [];
    }
    job.reject(err);
    for (const run of this.running)
      if (run.texts.every((t) => t.job.settled) && run.texts.some((t) => t.job === job))
        run.abandoned.abort();
  }
}

function cancelledError(): AppError {
  return new AppError('cancelled', 'The request was cancelled');
}
