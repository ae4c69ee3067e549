import 'server-only';
/**
 * Admission for the remote backend, by expected wait as on the local one (MAX_QUEUE_WAIT_MS, the
 * same setting): each request's calls are counted from admission to their end, and new work
 * waits for the calls of its class and above (queries go first through the call slots) spread
 * over EMBEDDINGS_CONCURRENCY slots, at the measured time per call. Until a call has been timed
 * the estimate is a call's deadline (EMBEDDINGS_TIMEOUT_MS): conservative, and /api/health says so.
 * Health reports the local queue's shape: tokensPerSecond from the upstream's token counts,
 * timeInQueueMs the time until a request's first call started.
 */
import { AppError } from '../lib/errors';
import type { Health, TextKind } from '../lib/schemas';
import { queueReport, RecentSamples } from './throughput';

/** Each call keeps this share of the history before it: about the last twenty calls count. */
const DECAY = 0.95;

export interface RemoteAdmissionOptions {
  maxWaitMs: number;
  concurrency: number;
  /** The longest one call may take: the estimate until one has been measured. */
  callDeadlineMs: number;
}

export class RemoteAdmission {
  private readonly calls: Record<TextKind, number> = { query: 0, document: 0 };
  private texts = 0;
  /** Decayed sums of call time (ms) and tokens over calls: the per-call time and token rate. */
  private timed = { n: 0, ms: 0, tokens: 0 };
  private readonly queueTimes = new RecentSamples();

  constructor(private readonly options: RemoteAdmissionOptions) {}

  private get callMs(): number {
    return this.timed.n > 0 ? this.timed.ms / this.timed.n : this.options.callDeadlineMs;
  }

  /** What new work of this class waits for: the calls counted ahead of it, over the slots. */
  estimatedWaitMs(priority: TextKind): number {
    const ahead = this.calls.query + (priority === 'document' ? this.calls.document : 0);
    return Math.ceil(ahead / this.options.concurrency) * this.callMs;
  }

  /**
   * Refuses (429 with the seconds until there would be room) or counts a request of `calls`
   * calls and `texts` texts; the returned function uncounts one finished (or dropped) call.
   */
  admit(priority: TextKind, calls: number, texts: number): { callDone: () => void; release: () => void } {
    const wait = this.estimatedWaitMs(priority);
    if (wait > this.options.maxWaitMs) {
      const retryAfterSeconds = Math.max(1, Math.ceil((wait - this.options.maxWaitMs) / 1000));
      throw new AppError(
        'queue_full',
        `The server is busy: the calls queued ahead for the embedding backend would take about ${Math.ceil(wait / 1000)} s (limit ${this.options.maxWaitMs / 1000} s). Retry in ${retryAfterSeconds} s.`,
        { retryAfterSeconds },
      );
    }
    let left = calls;
    this.calls[priority] += calls;
    this.texts += texts;
    return {
      callDone: () => {
        if (left === 0) return;
        left--;
        this.calls[priority]--;
      },
      // Calls never made (a failure or cancel stopped the request) stop counting too.
      release: () => {
        this.calls[priority] -= left;
        left = 0;
        this.texts -= texts;
      },
    };
  }

  recordCall(ms: number, tokens: number): void {
    this.timed = {
      n: this.timed.n * DECAY + 1,
      ms: this.timed.ms * DECAY + ms,
      tokens: this.timed.tokens * DECAY + tokens,
    };
  }

  recordQueueTime(ms: number): void {
    this.queueTimes.add(ms);
  }

  stats(): NonNullable<Health['queue']> {
    const perCallTokens = this.timed.n > 0 ? this.timed.tokens / this.timed.n : 0;
    return queueReport({
      pendingTexts: this.texts,
      waitMs: (kind) => this.estimatedWaitMs(kind),
      maxWaitMs: this.options.maxWaitMs,
      tokensPerSecond: (perCallTokens * this.options.concurrency * 1000) / this.callMs,
      measured: this.timed.n > 0,
      queueTimes: this.queueTimes,
    });
  }
}
