/**
 * What the front server refuses, counted by reason and logged without flooding the log. A flood is
 * exactly when refusals come by the thousand (one probe left 170k log lines), so each reason writes
 * its first refusal at once and then at most one summary line per REFUSAL_LOG_INTERVAL_MS saying
 * how many more there were. The counts are exact; /metrics reads them when scraped
 * (server/refusal-metrics.ts).
 */

export const REFUSAL_REASONS = [
  /** Node's headersTimeout: the request's headers did not arrive in time (HEADERS_TIMEOUT_MS). */
  'headers_timeout',
  /** Node's requestTimeout: the whole request did not arrive in time (REQUEST_TIMEOUT_MS). */
  'request_timeout',
  /** No byte of a request body for BODY_IDLE_TIMEOUT_MS. */
  'body_idle_timeout',
  /** The client accepted no byte of its answer for SEND_TIMEOUT_MS. */
  'send_timeout',
  /** MAX_CONNECTIONS_PER_CLIENT. */
  'connections_per_client',
  /** MAX_CONNECTIONS. */
  'connections_total',
  /** Headers larger than Node's limit (431). */
  'headers_too_large',
  /** Not HTTP that Node's parser accepts (400). */
  'malformed_request',
  /** A Host outside ALLOWED_HOSTS (421). */
  'host_not_allowed',
  /** No Host header (400). */
  'host_missing',
  /** A method no route can serve (405). */
  'method_not_allowed',
  /** CLIENT_RATE_PER_S / CLIENT_BURST (429). */
  'client_rate',
  /** CLIENT_MAX_CONCURRENT (429). */
  'client_concurrency',
  /** A request that arrived during a graceful stop (503). */
  'shutting_down',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** At most one log line per reason this often while refusals of that reason keep coming. */
export const REFUSAL_LOG_INTERVAL_MS = 10_000;

interface ReasonLog {
  loggedAt: number;
  suppressed: number;
  timer?: ReturnType<typeof setTimeout>;
}

export type RefusalLine = { refusal: RefusalReason; client?: string; suppressed?: number };

/** Writes a refusal's line now, or counts it into the next summary line of its reason. */
export class RefusalLog {
  private readonly reasons = new Map<RefusalReason, ReasonLog>();

  constructor(
    private readonly write: (line: RefusalLine) => void,
    private readonly intervalMs = REFUSAL_LOG_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  note(refusal: RefusalReason, client?: string): void {
    const now = this.now();
    const state = this.reasons.get(refusal);
    if (!state || now - state.loggedAt >= this.intervalMs) {
      if (state?.timer) clearTimeout(state.timer);
      const suppressed = state?.suppressed ?? 0;
      this.reasons.set(refusal, { loggedAt: now, suppressed: 0 });
      this.write({ refusal, client, ...(suppressed > 0 ? { suppressed } : {}) });
      return;
    }
    state.suppressed++;
    // The flood may stop before the next refusal would write the summary: write it when the interval ends.
    state.timer ??= setTimeout(
      () => {
        state.timer = undefined;
        if (state.suppressed === 0) return;
        this.write({ refusal, suppressed: state.suppressed });
        state.suppressed = 0;
        state.loggedAt = this.now();
      },
      Math.max(0, state.loggedAt + this.intervalMs - now),
    );
    state.timer.unref?.();
  }
}

/**
 * Counts by reason, on globalThis: the front server counts, and /metrics (in Next's bundle, with
 * its own copy of this module) reads the same map.
 */
const holder = globalThis as typeof globalThis & { __semanticRadarRefusals?: Map<RefusalReason, number> };

export function refusalCounts(): Map<RefusalReason, number> {
  holder.__semanticRadarRefusals ??= new Map(REFUSAL_REASONS.map((reason) => [reason, 0]));
  return holder.__semanticRadarRefusals;
}

/** The front server's one place to refuse: count it, log it (rate-limited). */
export function createRefusals(
  write: (line: RefusalLine) => void,
): (reason: RefusalReason, client?: string) => void {
  const log = new RefusalLog(write);
  const counts = refusalCounts();
  return (reason, client) => {
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
    log.note(reason, client);
  };
}
