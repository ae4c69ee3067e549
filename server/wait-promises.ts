import 'server-only';
/**
 * Admission's arithmetic: how long new work would wait, and whether admitting it would break the
 * promise made to the requests already queued (each was admitted to wait at most `maxWaitMs`
 * besides its own work).
 *
 * Batches are shared by start-time fair queuing (fair-batching.ts): on its class's virtual clock, a
 * job with start tag s (its `served`) and w of work waiting runs while the clock goes from s to
 * F = s + w. So before the clock reaches x, job i runs clamp(x − sᵢ, 0, wᵢ) = max(x − sᵢ, 0) −
 * max(x − Fᵢ, 0) of work, and a job j finishes once the clock reaches Fⱼ. A new job starts at the
 * class's clock, so it delays every queued job of its class that is not finished by then (by as much
 * of its own work as runs before that job's F), and a new query delays every queued document by all
 * of its work (queries go first). Without this check each admission was right on its own and the
 * later ones broke the earlier ones' bound: in the load test most of the time over the limit was work
 * of requests that came after.
 *
 * Work is in token-equivalents (work-cost.ts), turned into time at the measured throughput; the time a
 * job has already waited is measured, not estimated, so an estimate that lagged is corrected as it
 * shows.
 */
import { AppError } from '../lib/errors';
import type { TextKind } from '../lib/schemas';

/** What admission needs to know of a queued job. */
export interface QueuedJob {
  priority: TextKind;
  /** Start tag: work charged so far on its class's virtual clock. */
  served: number;
  /** Work of its texts not yet handed to a worker. */
  waitingCost: number;
  submittedAt: number;
  /** Its share of the batches already run for it, ms. */
  workMs: number;
}

export interface QueueState {
  now: number;
  /** Token-equivalents per millisecond, all workers together. */
  ratePerMs: number;
  /** Work the running batches still have to do. */
  runningCost: number;
  /** Each class's virtual clock: the start tag a new job gets. */
  clock: Record<TextKind, number>;
  jobs: Record<TextKind, readonly QueuedJob[]>;
  maxWaitMs: number;
}

/** Σ over one class's queued jobs of the work each runs before the class's clock reaches x. */
class ClassBacklog {
  private readonly starts: number[];
  private readonly finishes: number[];
  private readonly startSums: number[];
  private readonly finishSums: number[];
  readonly total: number;

  constructor(jobs: readonly QueuedJob[]) {
    this.starts = jobs.map((j) => j.served).sort((a, b) => a - b);
    this.finishes = jobs.map((j) => j.served + j.waitingCost).sort((a, b) => a - b);
    this.startSums = prefixSums(this.starts);
    this.finishSums = prefixSums(this.finishes);
    this.total = jobs.reduce((sum, j) => sum + j.waitingCost, 0);
  }

  before(x: number): number {
    if (x === Number.POSITIVE_INFINITY) return this.total;
    return runBefore(this.starts, this.startSums, x) - runBefore(this.finishes, this.finishSums, x);
  }
}

/** sums[k] = values[0] + … + values[k − 1]. */
function prefixSums(values: number[]): number[] {
  const sums = [0];
  for (const v of values) sums.push((sums.at(-1) as number) + v);
  return sums;
}

/** Σ max(x − v, 0) over sorted values. */
function runBefore(sorted: number[], sums: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo * x - (sums[lo] as number);
}

export class WaitProjection {
  private readonly backlog: Record<TextKind, ClassBacklog>;

  constructor(private readonly q: QueueState) {
    this.backlog = { query: new ClassBacklog(q.jobs.query), document: new ClassBacklog(q.jobs.document) };
  }

  /** Work that runs before a job of this class finishing at virtual time `finish`, itself included. */
  private aheadOf(priority: TextKind, finish: number): number {
    const queries = priority === 'document' ? this.backlog.query.total : 0;
    return this.q.runningCost + queries + this.backlog[priority].before(finish);
  }

  private toMs(cost: number): number {
    return cost / this.q.ratePerMs;
  }

  /** Expected wait, ms, of new work of this class and cost: what runs before it finishes besides itself. */
  waitMs(priority: TextKind, cost = Number.POSITIVE_INFINITY): number {
    return this.toMs(this.aheadOf(priority, this.q.clock[priority] + cost));
  }

  /**
   * The 429 (queue_full, with the seconds until there would be room) for new work that would wait
   * too long itself or would make a queued job wait past the limit; undefined when it may come in.
   */
  refusal(priority: TextKind, cost: number): AppError | undefined {
    const limitMs = this.q.maxWaitMs;
    const wait = this.waitMs(priority, cost);
    const excessMs = Math.max(wait - limitMs, this.brokenPromisesMs(priority, cost));
    if (excessMs <= 0) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil(excessMs / 1000));
    const reason =
      wait > limitMs
        ? `the work queued ahead would take about ${Math.ceil(wait / 1000)} s (limit ${limitMs / 1000} s)`
        : `admitting it would make requests already queued wait past the limit (${limitMs / 1000} s)`;
    return new AppError('queue_full', `The server is busy: ${reason}. Retry in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    });
  }

  /**
   * The queued jobs whose promise new work of this class and cost would break: 0 when there are
   * none, else the ms until the last of them is expected to finish (when the new work would fit).
   */
  brokenPromisesMs(priority: TextKind, cost: number): number {
    let until = 0;
    const affected =
      priority === 'query' ? this.q.jobs.query.concat(this.q.jobs.document) : this.q.jobs.document;
    for (const job of affected) {
      const finish = job.served + job.waitingCost;
      const delay =
        job.priority === priority ? Math.min(Math.max(finish - this.q.clock[priority], 0), cost) : cost;
      if (delay <= 0) continue;
      const ahead = this.aheadOf(job.priority, finish);
      const waitedMs = this.q.now - job.submittedAt - job.workMs;
      const projectedMs = waitedMs + this.toMs(ahead - job.waitingCost + delay);
      if (projectedMs > this.q.maxWaitMs) until = Math.max(until, this.toMs(ahead));
    }
    return until;
  }
}
