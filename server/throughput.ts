import 'server-only';
/**
 * How fast the workers embed, measured as they run. Each batch costs a fixed overhead (messages
 * between threads, the event loop, onnxruntime's set-up) plus a time per token-equivalent; on a
 * small model or a busy machine the overhead dominates, so the rate of small batches says little
 * about how fast a backlog drains. Per device, a decaying least-squares fit of batch time against
 * batch cost gives both; the rate reported and used for admission is that of full batches (what a
 * backlog runs as), for one worker, times the workers on that device. Until the first batch is
 * measured the conservative estimate stands (and /api/health says so).
 */
import type { Health, TextKind } from '../lib/schemas';
import type { Device } from './worker-protocol';

/** Each batch keeps this share of the history before it: about the last twenty batches count. */
const DECAY = 0.95;

/** Decayed sums for the fit ms = overhead + msPerCost × cost. */
interface Fit {
  n: number;
  x: number;
  y: number;
  xx: number;
  xy: number;
}

export class ThroughputMeter {
  private readonly fits = new Map<Device, Fit>();
  private readonly workers = new Map<Device, number>();

  constructor(
    private readonly initialPerWorker: number,
    /** Cost of a full batch (the batch token budget): the batches a backlog is run as. */
    private readonly fullBatchCost: number,
  ) {}

  get measured(): boolean {
    return this.fits.size > 0;
  }

  workerStarted(device: Device): void {
    this.workers.set(device, (this.workers.get(device) ?? 0) + 1);
  }

  workerStopped(device: Device): void {
    this.workers.set(device, Math.max(0, (this.workers.get(device) ?? 0) - 1));
  }

  record(device: Device, cost: number, ms: number): void {
    if (ms <= 0 || cost <= 0) return;
    const f = this.fits.get(device) ?? { n: 0, x: 0, y: 0, xx: 0, xy: 0 };
    this.fits.set(device, {
      n: f.n * DECAY + 1,
      x: f.x * DECAY + cost,
      y: f.y * DECAY + ms,
      xx: f.xx * DECAY + cost * cost,
      xy: f.xy * DECAY + cost * ms,
    });
  }

  /** The fitted batch time on this device: fixed overhead plus time per token-equivalent. */
  private line(f: Fit): { msPerCost: number; overheadMs: number } {
    const spread = f.n * f.xx - f.x * f.x;
    // Too little variety in batch sizes to separate overhead from work: treat it all as work.
    if (spread > 1e-9 * f.n * f.xx) {
      const slope = (f.n * f.xy - f.x * f.y) / spread;
      const intercept = (f.y - slope * f.x) / f.n;
      if (slope > 0 && intercept >= 0) return { msPerCost: slope, overheadMs: intercept };
    }
    return { msPerCost: f.y / f.x, overheadMs: 0 };
  }

  /** Token-equivalents per second of one worker on this device, running full batches. */
  workerRate(device: Device): number {
    const f = this.fits.get(device);
    if (!f) return this.initialPerWorker;
    const { msPerCost, overheadMs } = this.line(f);
    const batchCost = Math.max(this.fullBatchCost, f.x / f.n);
    return (batchCost * 1000) / (overheadMs + msPerCost * batchCost);
  }

  /**
   * The work whose compute time equals one batch's fixed overhead on this device: riding along in
   * a batch saves about that much, adding it costs everyone in the batch that much time. Unknown
   * (infinite: batching always pays) until a batch is measured.
   */
  overheadCost(device: Device): number {
    const f = this.fits.get(device);
    if (!f) return Number.POSITIVE_INFINITY;
    const { msPerCost, overheadMs } = this.line(f);
    return overheadMs / msPerCost;
  }

  /** Token-equivalents per second of all workers together (one worker's worth while none runs). */
  total(): number {
    let sum = 0;
    for (const [device, count] of this.workers) sum += count * this.workerRate(device);
    return sum > 0 ? sum : this.initialPerWorker;
  }
}

/** The last `capacity` samples, for percentiles in /api/health. */
export class RecentSamples {
  private readonly values: number[] = [];
  private next = 0;

  constructor(private readonly capacity = 1_000) {}

  add(value: number): void {
    if (this.values.length < this.capacity) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Percentiles, and how many samples exceed `limit`. */
  summary(limit: number): { count: number; p50: number; p99: number; max: number; overLimit: number } {
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const overLimit = sorted.filter((v) => v > limit).length;
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0, overLimit };
  }
}

/** The health report's queue section: one shape for the local queue and the remote backend. */
export function queueReport(q: {
  pendingTexts: number;
  waitMs: (kind: TextKind) => number;
  maxWaitMs: number;
  tokensPerSecond: number;
  measured: boolean;
  queueTimes: RecentSamples;
}): NonNullable<Health['queue']> {
  return {
    pendingTexts: q.pendingTexts,
    estimatedWaitMs: { query: Math.round(q.waitMs('query')), document: Math.round(q.waitMs('document')) },
    maxWaitMs: q.maxWaitMs,
    tokensPerSecond: Math.round(q.tokensPerSecond),
    throughputMeasured: q.measured,
    timeInQueueMs: q.queueTimes.summary(q.maxWaitMs),
  };
}
