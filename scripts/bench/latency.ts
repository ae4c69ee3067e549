/**
 * The interactive figures: warm single-query latency against a raw session.run of the same ids,
 * and searching an unchanged knowledge base again (only the query is embedded), with RSS over
 * many searches.
 */
import { DEFAULT_INSTRUCTION, DEFAULT_LONG_ENTRIES } from '../../lib/schemas';
import { Embedder } from '../../server/embedder';
import { runSearch, validateSearch } from '../../server/search';
import type { Settings } from '../../server/settings';
import { type EmbeddingTokenizer, formatQuery } from '../../server/tokenizer';
import { type RawSession, runRows } from './contenders';
import { makeCorpus } from './corpus';
import { quantile, round, rssMiB, timeMs } from './stats';

/** Warm single-query latency: our whole path vs a raw session.run of the same ids, alternating. */
export async function measureLatency(embedder: Embedder, tokenizer: EmbeddingTokenizer, raw: RawSession) {
  const queries = makeCorpus({ count: 30, seed: 99, medianTokens: 12 });
  const ours: number[] = [];
  const rawMs: number[] = [];
  // Cut where the embedder cuts (its MAX_TOKENS for this device), so both sides run the same ids.
  const maxTokens = embedder.requireReady().info.maxTokens;
  for (const q of queries) {
    const ids = tokenizer.encode(formatQuery(q, DEFAULT_INSTRUCTION), maxTokens);
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
export async function measureReSearch(
  cached: Settings,
  modelDir: string,
  kbLines: number,
  searches: number,
  log: (line: string) => void,
) {
  const embedder = new Embedder(cached, modelDir, log);
  await embedder.start();
  const kb = makeCorpus({ count: kbLines, seed: 5, medianTokens: 16 });
  const search = (query: string, knowledgeBase = kb) =>
    runSearch(
      embedder,
      validateSearch(embedder, {
        knowledgeBase,
        query,
        topK: 5,
        threshold: 0.4,
        longEntries: DEFAULT_LONG_ENTRIES,
      }),
    );
  const firstMs = await timeMs(() => search('first question'));
  const againMs = await timeMs(() => search('a different question'));
  const sameQueryMs = await timeMs(() => search('first question'));
  log(
    `re-search: first ${Math.round(firstMs)} ms, again with a new query ${round(againMs, 1)} ms, same query ${round(sameQueryMs, 2)} ms`,
  );

  const smallKb = kb.slice(0, 50);
  const rssAt: Record<string, number> = {};
  const checkpoints = new Set([10, 100, 250, 500, 750, 1000, searches].filter((n) => n <= searches));
  for (let i = 1; i <= searches; i++) {
    await search(`question number ${i}`, smallKb);
    if (checkpoints.has(i)) rssAt[i] = rssMiB();
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
