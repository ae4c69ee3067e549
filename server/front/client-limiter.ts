/**
 * Per-client limits for the API: a token bucket (an average rate with a burst allowance) and a cap
 * on requests in flight. A client is its address: one client opening many connections or replaying
 * cheap cached searches gets 429s instead of the main thread, and other users keep their share.
 */

export interface ClientLimits {
  /** Requests per second on average; 0: no rate limit. */
  ratePerS: number;
  /** Requests allowed at once above the rate. */
  burst: number;
  /** Requests in flight at once; 0: no limit. */
  maxConcurrent: number;
}

export type Admission =
  | { ok: true; release: () => void }
  | { ok: false; reason: 'rate' | 'concurrency'; retryAfterSeconds: number };

interface ClientState {
  tokens: number;
  refilledAt: number;
  inFlight: number;
}

/** Clients idle this long with a full bucket are forgotten, so the table stays small. */
const FORGET_AFTER_MS = 60_000;

export class ClientLimiter {
  private readonly clients = new Map<string, ClientState>();
  private sweptAt = 0;

  constructor(
    private readonly limits: ClientLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Admits one request from `client`, or says why not and when to retry. */
  admit(client: string): Admission {
    const now = this.now();
    this.sweep(now);
    const { ratePerS, burst, maxConcurrent } = this.limits;
    let state = this.clients.get(client);
    if (!state) {
      state = { tokens: burst, refilledAt: now, inFlight: 0 };
      this.clients.set(client, state);
    }
    if (ratePerS > 0) {
      state.tokens = Math.min(burst, state.tokens + ((now - state.refilledAt) / 1000) * ratePerS);
      state.refilledAt = now;
    }
    if (maxConcurrent > 0 && state.inFlight >= maxConcurrent) {
      return { ok: false, reason: 'concurrency', retryAfterSeconds: 1 };
    }
    if (ratePerS > 0 && state.tokens < 1) {
      return {
        ok: false,
        reason: 'rate',
        retryAfterSeconds: Math.max(1, Math.ceil((1 - state.tokens) / ratePerS)),
      };
    }
    if (ratePerS > 0) state.tokens -= 1;
    state.inFlight++;
    const held = state;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        held.inFlight--;
      },
    };
  }

  get trackedClients(): number {
    return this.clients.size;
  }

  private sweep(now: number) {
    if (now - this.sweptAt < FORGET_AFTER_MS) return;
    this.sweptAt = now;
    for (const [client, state] of this.clients) {
      if (state.inFlight === 0 && now - state.refilledAt > FORGET_AFTER_MS) this.clients.delete(client);
    }
  }
}
