/**
 * Measures what issue 11 promises, in one process on the real embedder (default: the 0.6B-shaped
 * test model):
 * 1. fairness: a 5-entry search submitted 2 s into a big search, vs the same small search on an
 *    idle embedder, and the big search's total time with and without the small one;
 * 2. restart: search a knowledge base (all embedded), stop the embedder, start a new one on the same
 *    disk cache, search the base again with a new query.
 *
 *   npx tsx --conditions=react-server scripts/measure-scheduling.ts [--model-dir DIR] [--big N]
 *     [--kb N] [--repeats N] [--out FILE]
 *
 * Writes bench/scheduling-results.json (or --out). The machine may be shared: every figure comes
 * with the load average before and after, and the repeated ones with each run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LONG_ENTRIES, type ParsedSearchRequest } from '../lib/schemas';
import { Embedder } from '../server/embedder';
import { runSearch, validateSearch } from '../server/search';
import { type Settings, settings } from '../server/settings';
import { makeCorpus } from './bench/corpus';
import { median, round, timeMs } from './bench/stats';

const { values: args } = parseArgs({
  options: {
    'model-dir': { type: 'string', default: 'models/qwen3-embedding-test-0.6b' },
    big: { type: 'string', default: '300' },
    kb: { type: 'string', default: '1000' },
    repeats: { type: 'string', default: '3' },
    'delay-ms': { type: 'string', default: '2000' },
    out: { type: 'string', default: 'bench/scheduling-results.json' },
  },
});
const log = (line: string) => console.log(`[measure] ${line}`);
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

async function main() {
  const base: Settings = { ...settings(), DISK_CACHE_MAX_BYTES: 0 };
  const loadAvgBefore = os.loadavg();
  const fair = await fairness(base);
  const loadAvgMid = os.loadavg();
  const re = await restart(base);
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism(), loadAvgBefore, loadAvgMid, loadAvgAfter: os.loadavg() },
    model: args['model-dir'],
    settings: { maxBatchTokens: base.maxBatchTokens, ortThreads: base.ortThreads },
    fairness: fair,
    restart: re,
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
