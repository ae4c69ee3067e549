/**
 * npm run bench [-- --texts 512 --reps 3 --kb-lines 1000 --searches 1000 --sweep | --sweep-only q8]
 * Generates (once) the full-size 0.6B-shaped random model, then in ONE process, alternating the
 * contenders and repeating each, measures throughput on a seeded mixed corpus, warm single-query
 * latency, re-search of an unchanged knowledge base, and RSS over many searches. Writes
 * bench/results.json and docs/benchmarks.md. Not part of the test suite: numbers, not assertions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INSTRUCTION } from '../lib/schemas';
import { Embedder } from '../server/embedder';
import { runSearch, validateSearch } from '../server/search';
import { type Settings, settings } from '../server/settings';
import { EmbeddingTokenizer, formatQuery } from '../server/tokenizer';
import { contenders, openRawSession, openTransformersJs, runRows, sortedBatches } from './bench/contenders';
import { makeCorpus } from './bench/corpus';
import { writeReport } from './bench/report';
import { median, quantile, round, rssMiB, timeMs } from './bench/stats';
import { runSweep } from './bench/sweep';
import { ensureTestModel, PRESETS } from './test-model';

const { values: args } = parseArgs({
  options: {
    texts: { type: 'string', default: '512' },
    reps: { type: 'string', default: '3' },
    'kb-lines': { type: 'string', default: '1000' },
    searches: { type: 'string', default: '1000' },
    'tjs-batch': { type: 'string', default: '8' },
    'model-dir': { type: 'string' },
    sweep: { type: 'boolean', default: false },
    /** Only the sweep variants whose name contains this (plus the default), e.g. --sweep-only q8. */
    'sweep-only': { type: 'string' },
  },
});

const log = (line: string) => console.log(`[bench] ${line}`);

async function main() {
  const modelDir = path.relative(
    process.cwd(),
    args['model-dir'] ?? ensureTestModel({ ...PRESETS['0.6b'], outDir: 'models/qwen3-embedding-test-0.6b' }),
  );
  // No persistent vector cache: every run measures embedding, not an earlier run's vectors on disk.
  const base: Settings = { ...settings(), CACHE_MAX_BYTES: 0, DISK_CACHE_MAX_BYTES: 0 };
  const threads = base.ortThreads;
  log(
    `model ${modelDir}, ${os.availableParallelism()} cores, ${threads} onnxruntime threads, batch budget ${base.maxBatchTokens} tokens`,
  );

  const corpus = makeCorpus({ count: Number(args.texts), seed: 1 });
  if (args['sweep-only']) {
    const sweep = await runSweep(base, modelDir, corpus.slice(0, 48), log, args['sweep-only']);
    fs.writeFileSync(
      `bench/sweep-${args['sweep-only'].replace(/\W+/g, '-')}.json`,
      `${JSON.stringify(sweep, null, 2)}\n`,
    );
    return;
  }
  const tokenizer = await EmbeddingTokenizer.load(modelDir);
  const rows = await tokenizer.encodeAll(corpus, base.MAX_TOKENS);
  const totalTokens = rows.reduce((s, r) => s + r.length, 0);
  const batches = sortedBatches(rows, base.maxBatchTokens);
  log(
    `corpus: ${corpus.length} texts, ${totalTokens} tokens, longest ${Math.max(...rows.map((r) => r.length))}; ${batches.length} floor batches`,
  );

  const embedder = new Embedder(base, modelDir, log);
  await embedder.start();
  const raw = await openRawSession(modelDir, threads, tokenizer.eosId);
  const extractor = await openTransformersJs(modelDir);
  const rssLoaded = rssMiB();

  // The peer must compute the same thing, or its speed means nothing.
  const probe = corpus.slice(0, 4);
  const ours = await contenders.ours(embedder, probe);
  const theirs = (await extractor(probe, { pooling: 'last_token', normalize: true })).tolist() as number[][];
  const agreement = Math.min(
    ...ours.vectors.map((v, i) => v.reduce((s, x, j) => s + x * (theirs[i]?.[j] ?? 0), 0)),
  );
  log(`ours vs transformers.js cosine on 4 texts: min ${agreement.toFixed(6)}`);

  const tjsBatch = Number(args['tjs-batch']);
  const runs: Record<string, () => Promise<unknown>> = {
    ours: () => contenders.ours(embedder, corpus),
    transformersJs: () => contenders.transformersJs(extractor, corpus, tjsBatch),
    naive: () => contenders.naive(raw, rows),
    floor: () => contenders.floor(raw, batches),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  const names = Object.keys(runs);
  for (let rep = 0; rep < Number(args.reps); rep++) {
    // Rotate the order each repetition so drift (thermal, other load) does not favour one contender.
    for (const name of [...names.slice(rep % names.length), ...names.slice(0, rep % names.length)]) {
      const ms = await timeMs(runs[name] as () => Promise<unknown>);
      times[name]?.push(ms);
      log(
        `rep ${rep + 1} ${name}: ${(ms / 1000).toFixed(1)} s (${Math.round(totalTokens / (ms / 1000))} tokens/s)`,
      );
    }
  }
  const tokensPerSecond = Object.fromEntries(
    names.map((n) => [n, round(totalTokens / (median(times[n] as number[]) / 1000), 1)]),
  );

  const latency = await measureLatency(embedder, tokenizer, raw);
  await embedder.close();
  await raw.session.release();
  await extractor.dispose();

  const reSearch = await measureReSearch({ ...base, CACHE_MAX_BYTES: 256 * 2 ** 20 }, modelDir);
  const sweep = args.sweep ? await runSweep(base, modelDir, corpus.slice(0, 48), log) : undefined;

  writeReport({
    machine: {
      cores: os.availableParallelism(),
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memGiB: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
    },
    model: modelDir,
    settings: {
      ortThreads: threads,
      maxBatchTokens: base.maxBatchTokens,
      cpuMemArena: base.ORT_CPU_ARENA,
      workers: base.EMBED_WORKERS,
      tjsBatch,
    },
    corpus: { texts: corpus.length, tokens: totalTokens, reps: Number(args.reps) },
    agreement,
    timesMs: times,
    tokensPerSecond,
    ratios: {
      oursVsTransformersJs: round(
        (tokensPerSecond.ours as number) / (tokensPerSecond.transformersJs as number),
      ),
      oursVsFloor: round((tokensPerSecond.ours as number) / (tokensPerSecond.floor as number)),
      oursVsNaive: round((tokensPerSecond.ours as number) / (tokensPerSecond.naive as number)),
    },
    latency,
    reSearch,
    rss: {
      afterLoadingAllContendersMiB: rssLoaded,
      peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    sweep,
  });
}

/** Warm single-query latency: our whole path vs a raw session.run of the same ids, alternating. */
async function measureLatency(
  embedder: Embedder,
  tokenizer: EmbeddingTokenizer,
  raw: Awaited<ReturnType<typeof openRawSession>>,
) {
  const queries = makeCorpus({ count: 30, seed: 99, medianTokens: 12 });
  const ours: number[] = [];
  const rawMs: number[] = [];
  for (const q of queries) {
    const ids = tokenizer.encode(formatQuery(q, DEFAULT_INSTRUCTION), 8192);
    ours.push(await timeMs(() => embedder.embed([q], { kind: 'query', field: 'query' })));
    rawMs.push(await timeMs(() => runRows(raw, [ids])));
  }
  const p = (xs: number[], q: number) => round(quantile(xs, q), 1);
  return {
    queries: queries.length,
    ours: { p50: p(ours, 0.5), p95: p(ours, 0.95) },
    raw: { p50: p(rawMs, 0.5), p95: p(rawMs, 0.95) },
    ratioP50: round(quantile(ours, 0.5) / quantile(rawMs, 0.5)),
  };
}

/** First search of a knowledge base vs searching it again (new query), then RSS over many searches. */
async function measureReSearch(cached: Settings, modelDir: string) {
  const embedder = new Embedder(cached, modelDir, log);
  await embedder.start();
  const kb = makeCorpus({ count: Number(args['kb-lines']), seed: 5, medianTokens: 16 });
  const search = (query: string, knowledgeBase = kb) =>
    runSearch(embedder, validateSearch(embedder, { knowledgeBase, query, topK: 5, threshold: 0.4 }));
  const firstMs = await timeMs(() => search('first question'));
  const againMs = await timeMs(() => search('a different question'));
  const sameQueryMs = await timeMs(() => search('first question'));
  log(
    `re-search: first ${Math.round(firstMs)} ms, again with a new query ${round(againMs, 1)} ms, same query ${round(sameQueryMs, 2)} ms`,
  );

  const smallKb = kb.slice(0, 50);
  const searches = Number(args.searches);
  const rssAt: Record<string, number> = {};
  for (let i = 1; i <= searches; i++) {
    await search(`question number ${i}`, smallKb);
    if ([10, 100, 250, 500, 750, 1000, searches].includes(i)) rssAt[i] = rssMiB();
  }
  log(`RSS over ${searches} searches: ${JSON.stringify(rssAt)}`);
  await embedder.close();
  return {
    kbLines: kb.length,
    firstMs: round(firstMs, 0),
    againNewQueryMs: round(againMs, 1),
    againSameQueryMs: round(sameQueryMs, 2),
    speedup: round(firstMs / againMs, 1),
    rssMiBAfterSearches: rssAt,
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
