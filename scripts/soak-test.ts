/**
 * Soak test (`npm run test:soak`): 10,000 mixed requests (searches, embeds, NDJSON streams, cache
 * hits, invalid bodies, a few 300-text searches; see lib/soak-traffic.ts) at a bounded concurrency
 * against its own production server. It looks for what only shows after thousands of requests:
 * - memory that keeps growing. RSS is sampled every 250 ms; the server runs with --trace-gc so RSS
 *   can be split (lib/gc-trace.ts) into the live JS heap, the heap V8 keeps committed, and the
 *   rest (native). Live heap and native memory must have levelled off a quarter of the way in
 *   (2,500 requests); total RSS is reported, since V8 raises its heap ceiling for longer than that;
 * - the ONNX session being rebuilt (the embedder logs one "ready on" line per load) or inference
 *   workers restarting (/api/health workerRestarts);
 * - any response other than the expected one, and a clean SIGTERM exit at the end.
 * The vector cache is capped small (--cache-mib, default 8) so it fills early: memory then shows
 * leaks, not the cache doing its job (the default 256 MiB cache would grow all run, by design).
 * Options: --model-dir (default: the tiny test model), --requests, --concurrency, --out, --server-log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TEST_MODEL_DIR } from '../server/model-files';
import { freePort, type ServerProcess, startServer, stopServer } from '../tests/support/server-process';
import { committedHeapMiB, liveHeapMiB } from './load/gc-trace';
import { latencyStats } from './load/search-traffic';
import { endOfRunChecks, mib, pollHealth, report, sampleRss } from './load/server-stats';
import { checkBody, type Kind, soakRequest } from './load/soak-traffic';

const { values: args } = parseArgs({
  options: {
    'model-dir': { type: 'string', default: TEST_MODEL_DIR },
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    'cache-mib': { type: 'string', default: '8' },
    'max-minutes': { type: 'string', default: '20' },
    out: { type: 'string', default: 'bench/soak-results.json' },
    /** Write everything the server logged (every garbage collection of every thread) to this file. */
    'server-log': { type: 'string' },
  },
});
const TOTAL = Number(args.requests);
const CONCURRENCY = Number(args.concurrency);
/** By here memory should have settled: 2,500 of 10,000 requests. */
const BASELINE = Math.round(TOTAL / 4);
const CHECKPOINTS = [...new Set([10, 100, 1000, 2500, 5000, 7500, 10_000, BASELINE, TOTAL])]
  .filter((n) => n <= TOTAL)
  .sort((a, b) => a - b);
/** Live heap and native memory at the end may exceed their baseline level by at most this much. */
const MAX_GROWTH = 0.15;
/** The embedder's one JSON log line per model load (pino: `{"component":"embedder","msg":"… ready on cpu …"}`). */
function isReadyLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const entry = JSON.parse(line) as { component?: unknown; msg?: unknown };
    return (
      entry.component === 'embedder' && typeof entry.msg === 'string' && / ready on \w+ /.test(entry.msg)
    );
  } catch {
    return false;
  }
}

interface Checkpoint {
  requests: number;
  rssMiB: number;
  /** What V8 had committed for the main thread's heap at its latest collection. */
  jsHeapCommittedMiB?: number;
  /** RSS less that: ONNX Runtime, tensors, buffers, the workers' heaps, code. */
  outsideJsHeapMiB?: number;
  /** Index in the server's log when the checkpoint was taken. */
  logLine: number;
}

/** Sends the requests from CONCURRENCY loops; `onDone` runs after each answer, with the count so far. */
async function sendAll(server: ServerProcess, dims: number, onDone: (completed: number) => void) {
  const byKind = new Map<Kind, { count: number; cached: number; latencyMs: number[] }>();
  const problems: string[] = [];
  let [next, completed, failures] = [0, 0, 0];
  const deadline = Date.now() + Number(args['max-minutes']) * 60_000;
  const loop = async () => {
    while (next < TOTAL && Date.now() < deadline) {
      const req = soakRequest(next++, dims);
      const sentAt = performance.now();
      let outcome: { problem?: string; cached: number };
      try {
        const res = await fetch(`${server.baseUrl}${req.path}`, {
          method: 'POST',
          headers: req.headers,
          body: req.body,
          signal: AbortSignal.timeout(120_000),
        });
        outcome = checkBody(req, res.status, await res.text());
      } catch (err) {
        outcome = { problem: `${req.kind}: ${(err as Error).message}`, cached: 0 };
      }
      const stats = byKind.get(req.kind) ?? { count: 0, cached: 0, latencyMs: [] };
      byKind.set(req.kind, stats);
      stats.count++;
      stats.cached += outcome.cached;
      stats.latencyMs.push(performance.now() - sentAt);
      if (outcome.problem) failures++;
      if (outcome.problem && problems.length < 10) problems.push(outcome.problem);
      onDone(++completed);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return { byKind, problems, completed, failures };
}

async function main() {
  const port = await freePort(3312);
  const modelDir = args['model-dir'];
  const env = {
    CACHE_MAX_BYTES: String(Number(args['cache-mib']) * 1024 * 1024),
    SHUTDOWN_GRACE_MS: '10000',
    // The soak checks that repeats come from the cache, and all its clients share one address.
    REPORT_CACHE_STATS: 'true',
    CLIENT_RATE_PER_S: '0',
    CLIENT_MAX_CONCURRENT: '0',
  };
  console.log(`Soak: ${TOTAL} requests, concurrency ${CONCURRENCY}, ${modelDir}, port ${port}`);
  const loadAvgBefore = os.loadavg();
  const server = await startServer({
    port,
    modelDir,
    env,
    nodeArgs: ['--trace-gc'],
    readyTimeoutMs: 600_000,
  });
  const health0 = await fetch(`${server.baseUrl}/api/health`).then((r) => r.json());

  let completedNow = 0;
  const rss = sampleRss(server.pid, 250, () => completedNow);
  const health = pollHealth(server.baseUrl, 1000);
  const checkpoints: Checkpoint[] = [];
  const started = performance.now();
  const sent = await sendAll(server, health0.model?.dims ?? 64, (completed) => {
    completedNow = completed;
    if (!CHECKPOINTS.includes(completed)) return;
    rss.take();
    const rssMiB = mib(rss.samples.at(-1)?.rssBytes ?? 0);
    const committed = committedHeapMiB(server.lines);
    const outside = committed === undefined ? undefined : Math.round((rssMiB - committed) * 10) / 10;
    checkpoints.push({
      requests: completed,
      rssMiB,
      jsHeapCommittedMiB: committed,
      outsideJsHeapMiB: outside,
      logLine: server.lines.length,
    });
    console.log(
      `  ${completed} requests: RSS ${rssMiB} MiB (JS heap committed ${committed} MiB, outside it ${outside} MiB)`,
    );
  });
  const seconds = (performance.now() - started) / 1000;
  rss.stop();
  await health.stop();
  const after = await fetch(`${server.baseUrl}/api/health`).then((r) => r.json());
  const exitCode = await stopServer(server);
  if (args['server-log']) fs.writeFileSync(args['server-log'], `${server.lines.join('\n')}\n`);

  const readyLines = server.lines.filter(isReadyLine);
  const [base, end] = [checkpoints.find((c) => c.requests === BASELINE), checkpoints.at(-1)];
  const live = liveHeapMiB(server.lines, base?.logLine ?? 0);
  const growth = (a?: number, b?: number) => (a && b ? Math.round((b / a - 1) * 1000) / 10 : Number.NaN);
  const memory = {
    rssGrowthPercent: growth(base?.rssMiB, end?.rssMiB),
    liveJsHeapMiB: live,
    liveJsHeapGrowthPercent: growth(live.atBaseline, live.atEnd),
    outsideJsHeapGrowthPercent: growth(base?.outsideJsHeapMiB, end?.outsideJsHeapMiB),
    peakRssMiB: mib(Math.max(...rss.samples.map((s) => s.rssBytes))),
  };
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.availableParallelism(), loadAvgBefore, loadAvgAfter: os.loadavg() },
    settings: { modelDir, requests: TOTAL, concurrency: CONCURRENCY, ...env },
    model: health0.model,
    seconds: Math.round(seconds),
    requestsPerSecond: Math.round(sent.completed / seconds),
    completed: sent.completed,
    failures: sent.failures,
    problems: sent.problems,
    byKind: Object.fromEntries(
      [...sent.byKind].map(([kind, s]) => [
        kind,
        { count: s.count, cachedTexts: s.cached, latencyMs: latencyStats(s.latencyMs) },
      ]),
    ),
    checkpoints: checkpoints.map(({ logLine: _, ...c }) => c),
    memory,
    healthLatencyMs: latencyStats(health.polls.map((p) => p.latencyMs)),
    sessionsCreated: readyLines.length,
    workerRestarts: after.workerRestarts,
    serverExitCode: exitCode,
    /** [ms since start, requests completed, RSS MiB], every 250 ms. */
    rssSamples: rss.samples.map((s) => [s.atMs, s.requests, mib(s.rssBytes)]),
  };
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  const { rssSamples: _, ...printable } = results;
  console.log(JSON.stringify(printable, null, 2));
  console.log(
    '\n| requests | RSS (MiB) | JS heap committed (MiB) | outside the JS heap (MiB) |\n|---:|---:|---:|---:|',
  );
  for (const c of checkpoints)
    console.log(`| ${c.requests} | ${c.rssMiB} | ${c.jsHeapCommittedMiB} | ${c.outsideJsHeapMiB} |`);

  const repeatHits = sent.byKind.get('repeat')?.cached ?? 0;
  const passed = report([
    {
      name: 'all requests sent within the time limit',
      ok: sent.completed === TOTAL,
      detail: `${sent.completed} of ${TOTAL} in ${results.seconds} s`,
    },
    {
      name: 'every response as expected',
      ok: sent.failures === 0,
      detail: `${sent.failures} unexpected ${sent.problems.slice(0, 3).join(' | ')}`,
    },
    {
      name: 'repeated requests hit the vector cache',
      ok: repeatHits > 0,
      detail: `${repeatHits} texts from the cache`,
    },
    {
      name: `live JS heap levelled off (≤ +${MAX_GROWTH * 100} % after ${BASELINE} requests)`,
      ok: memory.liveJsHeapGrowthPercent <= MAX_GROWTH * 100,
      detail: `${live.atBaseline} → ${live.atEnd} MiB after full GCs (${memory.liveJsHeapGrowthPercent} %)`,
    },
    {
      name: `memory outside the JS heap levelled off (≤ +${MAX_GROWTH * 100} %)`,
      ok: memory.outsideJsHeapGrowthPercent <= MAX_GROWTH * 100,
      detail: `${base?.outsideJsHeapMiB} → ${end?.outsideJsHeapMiB} MiB (${memory.outsideJsHeapGrowthPercent} %)`,
    },
    {
      name: 'total RSS (info: includes V8 raising its heap ceiling)',
      ok: true,
      detail: `${base?.rssMiB} → ${end?.rssMiB} MiB (${memory.rssGrowthPercent} %), peak ${memory.peakRssMiB} MiB`,
    },
    {
      name: 'the ONNX session was created once',
      ok: readyLines.length === 1,
      detail: `${readyLines.length} "ready on" line(s)`,
    },
    {
      name: 'no worker restarts',
      ok: after.workerRestarts === 0,
      detail: `workerRestarts ${after.workerRestarts}`,
    },
    ...endOfRunChecks(server, exitCode),
  ]);
  process.exit(passed ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
