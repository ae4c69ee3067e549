import { describe, expect, test } from 'vitest';
import { RecentSamples, ThroughputMeter } from './throughput';

describe('ThroughputMeter', () => {
  test('before any batch it reports the conservative estimate, per worker, as unmeasured', () => {
    const meter = new ThroughputMeter(50, 512);
    meter.workerStarted('cpu');
    meter.workerStarted('cpu');
    expect(meter.measured).toBe(false);
    expect(meter.total()).toBe(100);
  });

  test('separates per-batch overhead from per-token time: full batches drain faster than small ones suggest', () => {
    // 20 ms per batch plus 0.1 ms per token-equivalent.
    const meter = new ThroughputMeter(50, 500);
    meter.workerStarted('cpu');
    for (const cost of [10, 40, 100, 250, 500, 20, 300]) meter.record('cpu', cost, 20 + 0.1 * cost);
    expect(meter.measured).toBe(true);
    // A full 500-token batch takes 70 ms: 500 / 0.07 s.
    expect(meter.total()).toBeCloseTo(500 / 0.07, 0);
  });

  test('the work worth one batch overhead is the overhead over the time per token-equivalent; unknown before measuring', () => {
    const meter = new ThroughputMeter(50, 500);
    expect(meter.overheadCost('cpu')).toBe(Number.POSITIVE_INFINITY);
    for (const cost of [10, 40, 100, 250, 500]) meter.record('cpu', cost, 20 + 0.1 * cost);
    expect(meter.overheadCost('cpu')).toBeCloseTo(200, 6);
  });

  test('the total counts the workers on each device', () => {
    const meter = new ThroughputMeter(50, 100);
    meter.workerStarted('cpu');
    meter.record('cpu', 100, 100);
    const one = meter.total();
    meter.workerStarted('cpu');
    expect(meter.total()).toBeCloseTo(2 * one, 6);
    meter.workerStopped('cpu');
    expect(meter.total()).toBeCloseTo(one, 6);
  });
});

describe('RecentSamples', () => {
  test('keeps the last samples only and reports their percentiles and how many pass the limit', () => {
    const samples = new RecentSamples(100);
    for (let i = 1; i <= 300; i++) samples.add(i);
    expect(samples.summary(290)).toEqual({ count: 100, p50: 251, p99: 300, max: 300, overLimit: 10 });
  });
});
