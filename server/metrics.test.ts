/**
 * The metrics move with real work: a real embedder on the generated test model, the process-wide
 * registry read back through prom-client. Each test reads deltas, so earlier work does not matter.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { killBusyWorker, startEmbedder, startTestEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';
import { METRICS_PREFIX, metrics, routeLabel, scrape } from './metrics';

let embedder: Embedder | undefined;
afterEach(async () => {
  await embedder?.close();
  embedder = undefined;
});

/** The sum of a metric's samples whose name (with suffix, e.g. `_count`) and labels match. */
async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
  const json = await metrics().registry.getMetricsAsJSON();
  return json
    .flatMap((m) =>
      m.values.map((v) => ({ ...v, metricName: (v as { metricName?: string }).metricName ?? m.name })),
    )
    .filter((v) => v.metricName === `${METRICS_PREFIX}${name}`)
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

const unique = (n: number) => Array.from({ length: n }, (_, i) => `metrics ${i} ${Math.random()}`);

describe('metrics', () => {
  test('tokens_embedded_total grows by exactly the tokens of the texts the model ran', async () => {
    embedder = await startEmbedder();
    const before = await value('tokens_embedded_total', { device: 'cpu' });
    const out = await embedder.embed(unique(5), { kind: 'document', field: 'texts' });
    const tokens = out.tokens.reduce((a, b) => a + b, 0);
    expect(tokens).toBeGreaterThan(5);
    expect((await value('tokens_embedded_total', { device: 'cpu' })) - before).toBe(tokens);
  });

  test('a text embedded again counts as a cache hit, a new text as a miss, and only the miss reaches the model', async () => {
    embedder = await startEmbedder();
    const [seen, fresh] = unique(2) as [string, string];
    await embedder.embed([seen], { kind: 'document', field: 'texts' });
    const hits = await value('cache_hits_total');
    const misses = await value('cache_misses_total');
    const texts = await value('texts_embedded_total');
    await embedder.embed([seen, fresh], { kind: 'document', field: 'texts' });
    expect((await value('cache_hits_total')) - hits).toBe(1);
    expect((await value('cache_misses_total')) - misses).toBe(1);
    expect((await value('texts_embedded_total')) - texts).toBe(1);
  });

  test('every batch is counted in the batch-size, tokens-per-batch and inference-duration histograms', async () => {
    embedder = await startEmbedder({ maxBatchTokens: 64 });
    const batches = await value('batch_size_texts_count');
    const texts = await value('batch_size_texts_sum');
    const batchTokens = await value('batch_tokens_sum');
    const inferences = await value('inference_duration_seconds_count', { device: 'cpu' });
    const seconds = await value('inference_duration_seconds_sum', { device: 'cpu' });
    const out = await embedder.embed(unique(40), { kind: 'document', field: 'texts' });
    const newBatches = (await value('batch_size_texts_count')) - batches;
    expect(newBatches).toBeGreaterThan(1); // 40 texts do not fit one 64-token batch
    expect((await value('batch_size_texts_sum')) - texts).toBe(40);
    expect((await value('batch_tokens_sum')) - batchTokens).toBe(out.tokens.reduce((a, b) => a + b, 0));
    expect((await value('inference_duration_seconds_count', { device: 'cpu' })) - inferences).toBe(
      newBatches,
    );
    expect((await value('inference_duration_seconds_sum', { device: 'cpu' })) - seconds).toBeGreaterThan(0);
  });

  test('model load time is recorded with the device it loaded on', async () => {
    embedder = await startEmbedder();
    expect(await value('model_load_seconds', { device: 'cpu' })).toBeGreaterThan(0);
  });

  test('a worker that crashes and is replaced counts one restart', async () => {
    const started = await startTestEmbedder({ maxBatchTokens: 16, CACHE_MAX_BYTES: 0 });
    embedder = started.embedder;
    const before = await value('worker_restarts_total');
    const running = embedder.embed(unique(2000), { kind: 'document', field: 'texts' }).catch(() => {});
    await killBusyWorker(started);
    await running;
    expect((await value('worker_restarts_total')) - before).toBe(1);
    // Let the replacement finish loading: terminating a worker inside session creation aborts the process.
    await embedder.embed(['after the crash'], { kind: 'document', field: 'texts' });
  });

  test('a scrape reads queue size, admission limit and readiness from the embedder', async () => {
    embedder = await startEmbedder({ MAX_QUEUE_WAIT_MS: 1234 });
    const { body, contentType } = await scrape(embedder);
    expect(contentType).toContain('text/plain');
    expect(body).toContain(`${METRICS_PREFIX}queue_max_wait_seconds 1.234`);
    expect(body).toContain(`${METRICS_PREFIX}queue_estimated_wait_seconds 0`);
    expect(body).toContain(`${METRICS_PREFIX}queue_texts 0`);
    expect(body).toContain(`${METRICS_PREFIX}model_ready 1`);
  });

  test('route labels stop growing past a small bound: further paths are counted as "other"', () => {
    const labels = Array.from({ length: 100 }, (_, i) => routeLabel(`/probe/${i}`));
    expect(labels).toContain('other');
    expect(new Set(labels).size).toBeLessThanOrEqual(33);
    expect(routeLabel('/probe/0')).toBe('/probe/0');
  });
});
