import { describe, expect, test } from 'vitest';
import { type FairJob, type QueuedText, takeFairBatch } from './fair-batching';

interface TestJob extends FairJob<TestJob> {
  name: string;
}

/** A job whose texts have the given token lengths; cost = tokens (attention ignored here). */
function job(name: string, seq: number, lengths: number[]): TestJob {
  const j: TestJob = { name, seq, served: 0, waiting: [] };
  j.waiting = lengths
    .map((len, index): QueuedText<TestJob> => ({ job: j, index, ids: new Int32Array(len), cost: len }))
    .sort((a, b) => a.ids.length - b.ids.length);
  return j;
}

/** Forms batches until every job is empty, charging jobs as the scheduler does. */
function drain(jobs: TestJob[], budget: number, onBatch: (batch: QueuedText<TestJob>[]) => void) {
  for (;;) {
    const live = jobs.filter((j) => j.waiting.length > 0);
    if (live.length === 0) return;
    const batch = takeFairBatch(live, budget);
    for (const t of batch) t.job.served += t.cost;
    onBatch(batch);
  }
}

describe('takeFairBatch', () => {
  test('no batch holds more padded tokens than the budget, except a single text longer than it', () => {
    const jobs = [job('a', 0, [3, 9, 40, 700, 12, 64, 5]), job('b', 1, [30, 31, 2, 2, 2, 600])];
    drain(jobs, 128, (batch) => {
      const width = Math.max(...batch.map((t) => t.ids.length));
      if (width > 128) expect(batch).toHaveLength(1);
      else expect(batch.length * width).toBeLessThanOrEqual(128);
    });
  });

  test('at least half of every batch is real tokens, not padding', () => {
    const lengths = Array.from({ length: 200 }, (_, i) => 1 + ((i * 37) % 90));
    drain(
      [
        job('a', 0, lengths),
        job(
          'b',
          1,
          lengths.map((l) => l + 3),
        ),
      ],
      256,
      (batch) => {
        const width = Math.max(...batch.map((t) => t.ids.length));
        const real = batch.reduce((sum, t) => sum + t.ids.length, 0);
        expect(real).toBeGreaterThanOrEqual(0.5 * batch.length * width);
      },
    );
  });

  test('two busy jobs share the model by tokens, not by text count', () => {
    // One job of long texts, one of short ones: each should get about half the tokens while both wait.
    const long = job('long', 0, Array(100).fill(100));
    const short = job('short', 1, Array(2000).fill(5));
    const tokens = { long: 0, short: 0 };
    for (let i = 0; i < 40; i++) {
      const batch = takeFairBatch([long, short], 200);
      for (const t of batch) {
        t.job.served += t.cost;
        tokens[t.job.name as 'long' | 'short'] += t.ids.length;
      }
    }
    expect(Math.abs(tokens.long - tokens.short)).toBeLessThanOrEqual(200);
  });

  test("other jobs add at most the seed job's own work to its batch, or the fill cost when that is more", () => {
    const bigRiders = (fillCost: number) => {
      const big = job('big', 0, Array(500).fill(10));
      big.served = 1_000; // the small job is behind in service: it seeds the batch
      const batch = takeFairBatch([big, job('small', 1, Array(5).fill(10))], 512, fillCost);
      expect(batch.filter((t) => t.job.name === 'small')).toHaveLength(5);
      return batch.filter((t) => t.job.name === 'big').length;
    };
    // Compute-bound (no overhead worth sharing): 5 small texts carry 5 of the big job's.
    expect(bigRiders(0)).toBe(5);
    // A per-batch overhead worth 200 token-equivalents: 20 riders.
    expect(bigRiders(200)).toBe(20);
    // Overhead not yet measured: the batch fills to the budget (51 rows of 10 tokens in 512).
    expect(bigRiders(Number.POSITIVE_INFINITY)).toBe(46);
  });

  test('the least-served job seeds the next batch; an older job wins a tie', () => {
    const older = job('older', 0, [10, 10]);
    const newer = job('newer', 1, [10, 10]);
    expect(takeFairBatch([newer, older], 10)[0]?.job.name).toBe('older');
    older.served = 10;
    expect(takeFairBatch([older, newer], 10)[0]?.job.name).toBe('newer');
  });
});
