import { describe, expect, test } from 'vitest';
import { ClientLimiter } from './client-limiter';

function clock() {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('ClientLimiter', () => {
  test('a client may use its burst at once, then is refused with the seconds until a request is due', () => {
    const time = clock();
    const limiter = new ClientLimiter({ ratePerS: 2, burst: 3, maxConcurrent: 0 }, time.now);
    for (let i = 0; i < 3; i++) expect(limiter.admit('a').ok).toBe(true);
    expect(limiter.admit('a')).toEqual({ ok: false, reason: 'rate', retryAfterSeconds: 1 });
    time.advance(500);
    expect(limiter.admit('a').ok).toBe(true);
  });

  test('one client at its limit does not limit another', () => {
    const limiter = new ClientLimiter({ ratePerS: 1, burst: 1, maxConcurrent: 0 }, clock().now);
    expect(limiter.admit('a').ok).toBe(true);
    expect(limiter.admit('a').ok).toBe(false);
    expect(limiter.admit('b').ok).toBe(true);
  });

  test('requests in flight are capped, and a released request makes room', () => {
    const limiter = new ClientLimiter({ ratePerS: 0, burst: 1, maxConcurrent: 2 }, clock().now);
    const first = limiter.admit('a');
    expect(limiter.admit('a').ok).toBe(true);
    expect(limiter.admit('a')).toMatchObject({ ok: false, reason: 'concurrency' });
    if (first.ok) {
      first.release();
      first.release(); // twice counts once
    }
    expect(limiter.admit('a').ok).toBe(true);
    expect(limiter.admit('a').ok).toBe(false);
  });

  test('idle clients are forgotten after a minute', () => {
    const time = clock();
    const limiter = new ClientLimiter({ ratePerS: 1, burst: 1, maxConcurrent: 1 }, time.now);
    const admission = limiter.admit('a');
    if (admission.ok) admission.release();
    time.advance(61_000);
    limiter.admit('b');
    expect(limiter.trackedClients).toBe(1);
  });
});
