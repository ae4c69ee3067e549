import 'server-only';
/**
 * A cap on large responses being sent at once (MAX_LARGE_RESPONSES). A response waits for its
 * client to read it; hundreds of clients that never read a 2,048-vector answer held +0.8 GB. With
 * the cap, past the limit a large request is refused (429) before any work, and the front server's
 * send timeout frees a slot whose client stopped reading.
 */
import { AppError } from '../lib/errors';
import { LARGE_RESPONSE_BYTES } from './front/unread-responses';
import { settings } from './settings';

/** Upper bound of one float in the JSON (sign, digits, exponent, comma). */
const BYTES_PER_FLOAT = 24;

class Slots {
  private taken = 0;
  constructor(private readonly capacity: number) {}

  /** A release function, or undefined when every slot is taken. */
  tryTake(): (() => void) | undefined {
    if (this.taken >= this.capacity) return undefined;
    this.taken++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken--;
    };
  }
}

// On globalThis: Next bundles each route separately, and every route must share one count.
const holder = globalThis as typeof globalThis & { __semanticRadarLargeResponses?: Slots };

/**
 * Reserves a slot for a response of `floats` numbers; returns its release (a no-op for small
 * responses), or throws rate_limited (429) when all slots are taken.
 */
export function reserveResponse(floats: number): () => void {
  if (floats * BYTES_PER_FLOAT < LARGE_RESPONSE_BYTES) return () => {};
  holder.__semanticRadarLargeResponses ??= new Slots(settings().MAX_LARGE_RESPONSES);
  const release = holder.__semanticRadarLargeResponses.tryTake();
  if (release) return release;
  throw new AppError(
    'rate_limited',
    `The server is sending ${settings().MAX_LARGE_RESPONSES} large responses already; retry shortly or ask for fewer texts`,
    { retryAfterSeconds: 2 },
  );
}
