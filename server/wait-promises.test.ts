import { describe, expect, test } from 'vitest';
import { type QueuedJob, type QueueState, WaitProjection } from './wait-promises';

/** 1 token-equivalent per ms, nothing running, both clocks at 0, limit 100 ms, time 1,000 ms. */
function state(jobs: QueuedJob[], over: Partial<QueueState> = {}): QueueState {
  return {
    now: 1_000,
    ratePerMs: 1,
    runningCost: 0,
    clock: { query: 0, document: 0 },
    jobs: {
      query: jobs.filter((j) => j.priority === 'query'),
      document: jobs.filter((j) => j.priority === 'document'),
    },
    maxWaitMs: 100,
    ...over,
  };
}

const job = (
  priority: QueuedJob['priority'],
  waitingCost: number,
  over: Partial<QueuedJob> = {},
): QueuedJob => ({
  priority,
  served: 0,
  waitingCost,
  submittedAt: 1_000,
  workMs: 0,
  ...over,
});

describe('expected wait under fair sharing', () => {
  test('new work waits for each queued job of its class as much as its own cost, and all queued queries', () => {
    const p = new WaitProjection(
      state([job('document', 1_000), job('document', 30), job('query', 7)], { runningCost: 5 }),
    );
    // running 5 + queries 7 + min(1000, 50) + min(30, 50)
    expect(p.waitMs('document', 50)).toBeCloseTo(92);
    // queries wait only for the running batch and other queries
    expect(p.waitMs('query', 3)).toBeCloseTo(8);
    // the whole queue ahead when the cost is not given
    expect(p.waitMs('document')).toBeCloseTo(1_042);
  });

  test('a job already served past the clock runs only from its start tag on', () => {
    const p = new WaitProjection(state([job('document', 500, { served: 40 })]));
    expect(p.waitMs('document', 50)).toBeCloseTo(10);
    expect(p.waitMs('document', 30)).toBeCloseTo(0);
  });

  test('the throughput turns work into time', () => {
    const p = new WaitProjection(state([job('document', 400)], { ratePerMs: 4 }));
    expect(p.waitMs('document', 200)).toBeCloseTo(50);
  });
});

describe('promises to the requests already queued', () => {
  test('new work that fits the limit itself is refused when it would push a queued job past it', () => {
    // A job that has waited 70 ms and still has 20 ms of others' work before it finishes.
    const waited = job('document', 10, { submittedAt: 930, served: 0 });
    const other = job('document', 20, { submittedAt: 990 });
    const p = new WaitProjection(state([waited, other]));
    expect(p.waitMs('document', 5)).toBeLessThan(100);
    // 70 + 10 (other's share before it finishes) + 5 = 85: kept
    expect(p.brokenPromisesMs('document', 5)).toBe(0);
    // 70 + 10 + min(10, 25) = 90: kept; the newcomer delays it by at most its remaining turn
    expect(p.brokenPromisesMs('document', 25)).toBe(0);
    // a query delays every document by all of its cost: 70 + 10 + 25 = 105 > 100
    expect(p.brokenPromisesMs('query', 25)).toBeGreaterThan(0);
  });

  test('the answer is when the last endangered job is expected to finish', () => {
    const waited = job('document', 30, { submittedAt: 910 });
    const p = new WaitProjection(state([waited], { runningCost: 10 }));
    // 90 waited + running 10 + 5 > 100; it finishes after running 10 + its own 30
    expect(p.brokenPromisesMs('query', 5)).toBeCloseTo(40);
  });

  test('a job finished on the virtual clock before the newcomer starts is not delayed by it', () => {
    const nearlyDone = job('document', 5, { submittedAt: 0, served: 0 });
    const p = new WaitProjection(state([nearlyDone], { clock: { query: 0, document: 10 } }));
    expect(p.brokenPromisesMs('document', 50)).toBe(0);
  });

  test('an empty queue breaks no promise and has no wait', () => {
    const p = new WaitProjection(state([]));
    expect(p.waitMs('document', 1e9)).toBe(0);
    expect(p.brokenPromisesMs('query', 1e9)).toBe(0);
  });
});
