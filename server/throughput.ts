import 'server-only';
/**
 * How fast the workers embed, measured as they run: a decaying time-weighted average of
 * token-equivalents per second for one worker on each device, times the workers on that device. Until the first batch
 * is measured the conservative estimate stands (and /api/health says so).
 */
import type { Device } from './worker-protocol';

/** Each batch keeps this share of the history before it: about the last ten batches count. */
const DECAY = 0.9;

export class ThroughputMeter {
  /** Decayed sums of work done and time taken, per device: a time-weighted average rate. */
  private readonly sums = new Map<Device, { cost: number; ms: number }>();
  private readonly workers = new Map<Device, number>();

  constructor(private readonly initialPerWorker: number) {}

  get measured(): boolean {
    return this.sums.size > 0;
  }

  workerStarted(device: Device): void {
    this.workers.set(device, (this.workers.get(device) ?? 0) + 1);
  }

  workerStopped(device: Device): void {
    this.workers.set(device, Math.max(0, (this.workers.get(device) ?? 0) - 1));
  }

  /**
   * Weighted by time, not per batch: many small batches (whose fixed overhead makes them slow per
   * token) do not drown out the large ones that most queued work will run as.
   */
  record(device: Device, cost: number, ms: number): void {
    if (ms <= 0 || cost <= 0) return;
    const s = this.sums.get(device) ?? { cost: 0, ms: 0 };
    this.sums.set(device, { cost: s.cost * DECAY + cost, ms: s.ms * DECAY + ms });
  }

  /** Token-equivalents per second of one worker on this device. */
  workerRate(device: Device): number {
    const s = this.sums.get(device);
    return s ? (s.cost * 1000) / s.ms : this.initialPerWorker;
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

  summary(): { count: number; p50: number; p99: number; max: number } {
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  }
}
