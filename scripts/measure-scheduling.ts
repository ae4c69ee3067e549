/**
 * Measures what issue 11 promises, in one process on the real embedder (default: the 0.6B-shaped
 * test model):
 * 1. fairness: a 5-entry search submitted 2 s into a big search, vs the same small search on an
 *    idle embedder, and the big search's total time with and without the small one;
 * 2. restart: search a knowledge base (all embedded), stop the embedder, start a new one on the same
 *    disk cache, search the base again with a new query;
 * 3. abandoned batch: a 5-entry search submitted after one long text, (a) while that text's request
 *    is still waiting for it, (b) after the request was cancelled, so the pool stops the worker
 *    running it and starts a new one (server/worker-pool.ts). The native run cannot be interrupted,
 *    so this shows what the stop buys on this machine;
 * 4. burst (only when named in --only): 120 searches of 20 short texts at once, on a measured
 *    embedder: how many are admitted under MAX_QUEUE_WAIT_MS, and how long the last one took.
 *
 *   npx tsx --conditions=react-server scripts/measure-scheduling.ts [--model-dir DIR] [--big N]
 *     [--kb N] [--repeats N] [--long-tokens N] [--burst-requests N]
 *     [--only fairness,restart,abandoned,burst] [--out FILE]
 *
 * Writes bench/scheduling-results.json (or --out). The machine may be shared: every figure comes
 * with the load average before and after, and the repeated ones with each run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AppError } from '../lib/errors';
import { DEFAULT_LONG_ENTRIES, type ParsedSearchRequest } from '../lib/schemas';
import { Embedder } from '../server/embedder';
import { runSearch, validateSearch } from '../server/search';
import { type Settings, settings } from '../server/settings';
import { makeCorpus } from './bench/corpus';
import { recordedModel } from './bench/report';
import { median, round, timeMs } from './bench/stats';

const { values: args } = parseArgs({
  options: {
    'model-dir': { type: 'string', default: 'models/qwen3-embedding-test-0.6b' },
    big: { type: 'string', default: '300' },
    kb: { type: 'string', default: '1000' },
    repeats: { type: 'string', default: '3' },
    'delay-ms': { type: 'string', default: '2000' },
    'long-tokens': { type: 'string', default: '8192' },
    'burst-requests': { type: 'string', default: '120' },
    only: { type: 'string', default: 'fairness,restart,abandoned' },
    out: { type: 'string', default: 'bench/scheduling-results.json' },
  },
});
let workerStops = 0;
const log = (line: string) => {
  if (line.includes('nobody waits for')) workerStops++;
  console.log(`[measure] ${line}`);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const request = (knowledgeBase: string[], query: string): ParsedSearchRequest => ({
  knowledgeBase,
  query,
  topK: 5,
  threshold: 0.4,
  longEntries: DEFAULT_LONG_ENTRIES,
});

const search = (embedder: Embedder, req: ParsedSearchRequest) =>
  runSearch(embedder, validateSearch(embedder, req));

async function started(s: Settings): Promise<Embedder> {
  const embedder = new Embedder(s, args['model-dir'], log);
  await embedder.start();
  if (embedder.health().status !== 'ready') throw new Error(embedder.health().message);
  return embedder;
}

async function fairness(base: Settings) {
  const repeats = Number(args.repeats);
  const delayMs = Number(args['delay-ms']);
  const embedder = await started({ ...base, CACHE_MAX_BYTES: 0 });
  const big = makeCorpus({ count: Number(args.big), seed: 11, medianTokens: 16 });
  const small = (i: number) => makeCorpus({ count: 5, seed: 100 + i, medianTokens: 16 });
  await search(embedder, request(small(99), 'warm up'));
  const idleMs: number[] = [];
  for (let i = 0; i < repeats; i++)
    idleMs.push(await timeMs(() => search(embedder, request(small(i), `idle ${i}`))));
  log(`small search idle: ${idleMs.map((x) => Math.round(x)).join(', ')} ms`);
  const bigAloneMs = await timeMs(() => search(embedder, request(big, 'big alone')));
  log(`big search alone: ${Math.round(bigAloneMs)} ms`);
  const bigStart = performance.now();
  const bigRun = search(embedder, request(big, 'big with company')).then(() => performance.now() - bigStart);
  await sleep(delayMs);
  const smallDuringMs = await timeMs(() => search(embedder, request(small(50), 'small during big')));
  const bigWithSmallMs = await bigRun;
  await embedder.close();
  const idleMedian = median(idleMs);
  const result = {
    bigEntries: big.length,
    smallEntries: 5,
    submittedAfterMs: delayMs,
    smallIdleMs: idleMs.map((x) => round(x, 1)),
    smallDuringBigMs: round(smallDuringMs, 1),
    smallSlowdown: round(smallDuringMs / idleMedian, 2),
    bigAloneMs: round(bigAloneMs),
    bigWithSmallMs: round(bigWithSmallMs),
    bigGrowthMs: round(bigWithSmallMs - bigAloneMs),
  };
  log(`fairness: ${JSON.stringify(result)}`);
  return result;
}

async function restart(base: Settings) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semantic-radar-restart-'));
  const cached = {
    ...base,
    CACHE_MAX_BYTES: 256 * 2 ** 20,
    DISK_CACHE_MAX_BYTES: 2 ** 31,
    DISK_CACHE_DIR: dir,
  };
  const kb = makeCorpus({ count: Number(args.kb), seed: 5, medianTokens: 16 });
  const first = await started(cached);
  const firstMs = await timeMs(() => search(first, request(kb, 'first question')));
  await first.close();
  const startMs = performance.now();
  const second = await started(cached);
  const restartMs = performance.now() - startMs;
  const againMs = await timeMs(() => search(second, request(kb, 'a different question')));
  const queryOnlyMs = await timeMs(() => search(second, request(kb.slice(0, 1), 'yet another question')));
  await second.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const result = {
    entries: kb.length,
    firstSearchMs: round(firstMs),
    restartToReadyMs: round(restartMs),
    searchAfterRestartMs: round(againMs, 1),
    oneEntrySearchMs: round(queryOnlyMs, 1),
    speedup: round(firstMs / againMs, 1),
  };
  log(`restart: ${JSON.stringify(result)}`);
  return result;
}

/** One long text (token ids, so its length is exact) and a small search behind it. */
async function abandoned(base: Settings) {
  const longTokens = Number(args['long-tokens']);
  // No admission limit: the small search must queue behind the long run to measure the wait.
  const embedder = await started({
    ...base,
    CACHE_MAX_BYTES: 0,
    MAX_TOKENS: longTokens,
    MAX_QUEUE_WAIT_MS: 3_600_000,
  });
  const small = (i: number) => makeCorpus({ count: 5, seed: 200 + i, medianTokens: 16 });
  // Measured batches first, so the expected time of the long run comes from this machine.
  await search(embedder, request(makeCorpus({ count: 40, seed: 7, medianTokens: 16 }), 'warm up'));
  const idleMs = await timeMs(() => search(embedder, request(small(0), 'idle')));
  const ids = Array.from({ length: longTokens - 1 }, (_, i) => 1000 + ((i * 7) % 50_000));
  const behind = async (cancel: boolean, seed: number) => {
    const controller = new AbortController();
    const longRun = embedder.embedTokenIds([ids.map((id) => id + seed)], {
      kind: 'document',
      field: 'input',
      signal: controller.signal,
    });
    longRun.catch(() => {});
    await sleep(500);
    if (cancel) controller.abort();
    const smallMs = await timeMs(() => search(embedder, request(small(seed), `behind ${seed}`)));
    await longRun.catch(() => {});
    return smallMs;
  };
  const waitingMs = await behind(false, 1);
  const cancelledMs = await behind(true, 2);
  // Let the stopped worker's run end before the next measurement.
  await sleep(2_000);
  const result = {
    longTokens,
    smallIdleMs: round(idleMs),
    smallBehindLongRunMs: round(waitingMs),
    smallAfterLongRunCancelledMs: round(cancelledMs),
    workerLoadMs: embedder.requireReady().model.loadMs,
    workerStops,
  };
  await embedder.close();
  log(`abandoned: ${JSON.stringify(result)}`);
  return result;
}

/**
 * The burst: 120 searches of 20 short never-seen entries each, all at once, on an embedder
 * whose throughput one warm-up search has measured. Admission should follow the machine: the tiny
 * test model takes them all, the 0.6B-shaped model on this CPU refuses what would wait too long.
 */
async function burstOfSearches(base: Settings) {
  const requests = Number(args['burst-requests']);
  const embedder = await started({ ...base, CACHE_MAX_BYTES: 0 });
  await search(embedder, request(makeCorpus({ count: 20, seed: 3, medianTokens: 12 }), 'warm up'));
  const start = performance.now();
  const one = async (i: number) => {
    try {
      await search(
        embedder,
        request(makeCorpus({ count: 20, seed: 1000 + i, medianTokens: 12 }), `burst ${i}`),
      );
      return { ok: true as const, doneMs: performance.now() - start };
    } catch (err) {
      return {
        ok: false as const,
        code: (err as AppError).code,
        retryAfterSeconds: (err as AppError).retryAfterSeconds,
      };
    }
  };
  const outcomes = await Promise.all(Array.from({ length: requests }, (_, i) => one(i)));
  const done = outcomes.flatMap((o) => (o.ok ? [o.doneMs] : []));
  const refused = outcomes.flatMap((o) =>
    'code' in o && o.code === 'queue_full' ? [o.retryAfterSeconds ?? 0] : [],
  );
  const queue = embedder.health().queue;
  await embedder.close();
  const result = {
    requests,
    textsEach: 20,
    maxWaitMs: base.MAX_QUEUE_WAIT_MS,
    accepted: done.length,
    refused: refused.length,
    otherErrors: requests - done.length - refused.length,
    retryAfterSeconds: refused.length ? { min: Math.min(...refused), max: Math.max(...refused) } : undefined,
    lastAcceptedDoneMs: done.length ? round(Math.max(...done)) : undefined,
    timeInQueueMs: queue?.timeInQueueMs,
    tokensPerSecond: queue ? round(queue.tokensPerSecond) : undefined,
  };
  log(`burst: ${JSON.stringify(result)}`);
  return result;
}

async function main() {
  const base: Settings = { ...settings(), DISK_CACHE_MAX_BYTES: 0 };
  const only = new Set(args.only.split(','));
  const loadAvgBefore = os.loadavg();
  const fair = only.has('fairness') ? await fairness(base) : undefined;
  const loadAvgMid = os.loadavg();
  const re = only.has('restart') ? await restart(base) : undefined;
  const loadAvgLate = os.loadavg();
  const stop = only.has('abandoned') ? await abandoned(base) : undefined;
  const flood = only.has('burst') ? await burstOfSearches(base) : undefined;
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      loadAvgBefore,
      loadAvgMid,
      loadAvgLate,
      loadAvgAfter: os.loadavg(),
    },
    model: recordedModel(args['model-dir']),
    settings: { maxBatchTokens: base.maxBatchTokens, ortThreads: base.ortThreads, dtype: base.MODEL_DTYPE },
    fairness: fair,
    restart: re,
    abandoned: stop,
    burst: flood,
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
