import 'server-only';
/**
 * Prometheus metrics (prom-client), served at GET /metrics. One registry per process, kept on
 * globalThis: Next's dev reloads re-evaluate this module, and a second registry would start every
 * counter again from zero (and prom-client refuses a metric name registered twice).
 *
 * Every name has one prefix; counters end in `_total`; durations are histograms in seconds. Labels
 * stay low-cardinality: route (bounded, see routeLabel), status, device.
 * The hooks are small calls from the places that know the numbers: the request wrapper (requests,
 * durations), the batch scheduler (batches, inference time, tokens), the embedder (cache, model
 * load), the worker pool (restarts). Queue size and model state are read when scraped.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Health } from '../lib/schemas';
import { registerRefusalCounter } from './refusal-metrics';

export const METRICS_PREFIX = 'semantic_radar_';

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Texts per batch and tokens per batch grow in powers of two up to the largest batch budgets. */
const powersOfTwo = (max: number) => Array.from({ length: Math.log2(max) + 1 }, (_, i) => 2 ** i);

/** More distinct route labels than this is a bug or an attack, not a route table: the rest go to "other". */
const MAX_ROUTE_LABELS = 32;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX });
  const registers = [registry];
  const name = (n: string) => `${METRICS_PREFIX}${n}`;
  registerRefusalCounter(registry, METRICS_PREFIX);
  return {
    registry,
    routeLabels: new Set<string>(),
    device: 'none',
    requests: new Counter({
      name: name('http_requests_total'),
      help: 'HTTP requests answered, by route and status code',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
    requestDuration: new Histogram({
      name: name('http_request_duration_seconds'),
      help: 'Time from receiving a request to the last byte of its response',
      labelNames: ['route'] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    inferenceDuration: new Histogram({
      name: name('inference_duration_seconds'),
      help: 'Time one batch spends in an inference worker (hand-over, model run, vectors back)',
      labelNames: ['device'] as const,
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    batchTexts: new Histogram({
      name: name('batch_size_texts'),
      help: 'Texts per inference batch',
      buckets: powersOfTwo(2048),
      registers,
    }),
    batchTokens: new Histogram({
      name: name('batch_tokens'),
      help: 'Real (unpadded) tokens per inference batch',
      buckets: powersOfTwo(65_536),
      registers,
    }),
    tokensEmbedded: new Counter({
      name: name('tokens_embedded_total'),
      help: 'Tokens run through the model (cache hits excluded, padding excluded)',
      labelNames: ['device'] as const,
      registers,
    }),
    textsEmbedded: new Counter({
      name: name('texts_embedded_total'),
      help: 'Texts run through the model (cache hits excluded)',
      labelNames: ['device'] as const,
      registers,
    }),
    cacheHits: new Counter({
      name: name('cache_hits_total'),
      help: 'Texts answered from the vector cache',
      registers,
    }),
    cacheMisses: new Counter({
      name: name('cache_misses_total'),
      help: 'Texts not in the vector cache (sent to the model)',
      registers,
    }),
    queueTexts: new Gauge({
      name: name('queue_texts'),
      help: 'Texts waiting for an inference worker',
      registers,
    }),
    queueEstimatedWait: new Gauge({
      name: name('queue_estimated_wait_seconds'),
      help: 'Expected wait of a new document request behind the queued work, at the measured throughput',
      registers,
    }),
    queueMaxWait: new Gauge({
      name: name('queue_max_wait_seconds'),
      help: 'Longest expected wait a new request is admitted to (MAX_QUEUE_WAIT_MS); past it 429',
      registers,
    }),
    modelReady: new Gauge({
      name: name('model_ready'),
      help: '1 when the model is loaded and warm, else 0',
      registers,
    }),
    modelLoad: new Gauge({
      name: name('model_load_seconds'),
      help: 'Time the last successful model load took (tokenizer, sessions, warm-up)',
      labelNames: ['device'] as const,
      registers,
    }),
    workerRestarts: new Counter({
      name: name('worker_restarts_total'),
      help: 'Inference workers replaced after a crash',
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const holder = globalThis as typeof globalThis & { __semanticRadarMetrics?: Metrics };

export function metrics(): Metrics {
  holder.__semanticRadarMetrics ??= createMetrics();
  return holder.__semanticRadarMetrics;
}

/** The route label for a path: itself while the set of routes seen stays small, else "other". */
export function routeLabel(path: string): string {
  const m = metrics();
  if (m.routeLabels.has(path)) return path;
  if (m.routeLabels.size >= MAX_ROUTE_LABELS) return 'other';
  m.routeLabels.add(path);
  return path;
}

export function recordRequest(route: string, status: number, seconds: number): void {
  const m = metrics();
  m.requests.inc({ route, status: String(status) });
  m.requestDuration.observe({ route }, seconds);
}

/** One batch came back from a worker on `device` (default: the loaded model's): `tokens` are the real tokens of its rows. */
export function recordBatch(texts: number, tokens: number, seconds: number, device?: string): void {
  const m = metrics();
  const label = device ?? m.device;
  m.batchTexts.observe(texts);
  m.batchTokens.observe(tokens);
  m.inferenceDuration.observe({ device: label }, seconds);
  m.tokensEmbedded.inc({ device: label }, tokens);
  m.textsEmbedded.inc({ device: label }, texts);
}

export function recordCacheLookups(hits: number, misses: number): void {
  const m = metrics();
  if (hits > 0) m.cacheHits.inc(hits);
  if (misses > 0) m.cacheMisses.inc(misses);
}

export function recordModelLoad(device: string, seconds: number): void {
  const m = metrics();
  m.device = device;
  m.modelLoad.reset();
  m.modelLoad.set({ device }, seconds);
}

export function recordWorkerRestart(): void {
  metrics().workerRestarts.inc();
}

/** The Prometheus text exposition; queue and model state are read from the embedder now. */
export async function scrape(embedder: { health(): Health }): Promise<{ body: string; contentType: string }> {
  const m = metrics();
  const health = embedder.health();
  // No queue until the model has loaded: nothing waits then.
  m.queueTexts.set(health.queue?.pendingTexts ?? 0);
  m.queueEstimatedWait.set((health.queue?.estimatedWaitMs.document ?? 0) / 1000);
  if (health.queue) m.queueMaxWait.set(health.queue.maxWaitMs / 1000);
  m.modelReady.set(health.status === 'ready' ? 1 : 0);
  return { body: await m.registry.metrics(), contentType: m.registry.contentType };
}
