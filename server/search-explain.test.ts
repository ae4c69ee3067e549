import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXPLAIN_RESULT_VECTORS, requestSchemas } from '../lib/schemas';
import { dot } from '../lib/vector-math';
import { startEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';
import { runSearch, validateSearch } from './search';

const BASE = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
  'The capital of China is Beijing.',
  'Gravity attracts two bodies towards each other.',
];

let embedder: Embedder;
beforeAll(async () => {
  // Cache counts on: one test checks that the teaching views embed nothing more.
  embedder = await startEmbedder({ REPORT_CACHE_STATS: true });
});
afterAll(() => embedder.close());

const search = (body: Record<string, unknown>) =>
  runSearch(
    embedder,
    validateSearch(
      embedder,
      requestSchemas().search.parse({ knowledgeBase: BASE, query: '我想吃点东西', ...body }),
    ),
  );

async function embedDocs(texts: string[], dimensions?: number) {
  return (await embedder.embed(texts, { kind: 'document', field: 'texts', dimensions })).vectors;
}

describe('search explain', () => {
  test('is absent unless asked for', async () => {
    expect((await search({})).explain).toBeUndefined();
  });

  test('the map has one point per entry plus the query, and shares of variance that add up to at most 1', async () => {
    const { explain } = await search({ explain: {} });
    expect(explain?.map?.points).toHaveLength(BASE.length);
    expect(explain?.map?.query).toHaveLength(2);
    const [a = 0, b = 0] = explain?.map?.explained ?? [];
    expect(a).toBeGreaterThan(0);
    expect(a).toBeGreaterThanOrEqual(b);
    expect(a + b).toBeLessThanOrEqual(1.0001);
  });

  test('heatmap cells are the cosines of the entries’ own embeddings', async () => {
    const { explain } = await search({ explain: {} });
    const vectors = await embedDocs(BASE);
    const { indices, matrix } = explain?.heatmap ?? { indices: [], matrix: [] };
    expect(indices).toEqual(BASE.map((_, i) => i));
    for (const [r, i] of indices.entries()) {
      for (const [c, j] of indices.entries()) {
        expect(matrix[r]?.[c]).toBeCloseTo(dot(vectors[i] as Float32Array, vectors[j] as Float32Array), 5);
      }
    }
  });

  test('a smaller heatmap keeps the entries that score highest, in knowledge-base order', async () => {
    const response = await search({ explain: { heatmapEntries: 3 } });
    const top3 = response.results.slice(0, 3).map((r) => r.index);
    expect(response.explain?.heatmap.indices).toEqual([...top3].sort((a, b) => a - b));
  });

  test('scores and result vectors are the ranking’s own numbers', async () => {
    const response = await search({ explain: {}, topK: 3 });
    const explain = response.explain;
    for (const [k, result] of response.results.entries()) {
      expect(explain?.scores[result.index]).toBeCloseTo(result.score, 6);
      const v = explain?.resultVectors[k] ?? [];
      expect(dot(Float32Array.from(v), Float32Array.from(explain?.queryVector ?? []))).toBeCloseTo(
        result.score,
        4,
      );
    }
  });

  test('32 dimensions gives 32-long vectors, scores from them, and the full-width ranking to compare', async () => {
    const response = await search({ explain: {}, dimensions: 32, topK: 4 });
    const explain = response.explain;
    expect(response.query.dims).toBe(32);
    expect(explain?.dims).toBe(32);
    expect(explain?.queryVector).toHaveLength(32);
    expect(explain?.resultVectors[0]).toHaveLength(32);
    const short = await embedDocs(BASE, 32);
    expect(explain?.heatmap.matrix[0]?.[1]).toBeCloseTo(
      dot(short[0] as Float32Array, short[1] as Float32Array),
      5,
    );
    const full = await search({ topK: BASE.length });
    const fullRank = new Map(full.results.map((r, position) => [r.index, position + 1]));
    expect(explain?.fullRanking?.dims).toBe(64);
    expect(explain?.fullRanking?.ranks).toEqual(response.results.map((r) => fullRank.get(r.index)));
    const fullTop = new Set(full.results.slice(0, 4).map((r) => r.index));
    expect(explain?.fullRanking?.overlap).toBe(response.results.filter((r) => fullTop.has(r.index)).length);
  });

  test('at full width there is no ranking to compare with', async () => {
    expect((await search({ explain: {} })).explain?.fullRanking).toBeNull();
  });

  test('entries report their token counts, EOS included, and none is truncated', async () => {
    const { explain } = await search({ explain: {} });
    const { tokenizer } = embedder.requireReady();
    expect(explain?.entries.map((e) => e.tokens)).toEqual(BASE.map((t) => tokenizer.encode(t, 8192).length));
    expect(explain?.entries.every((e) => !e.truncated)).toBe(true);
  });

  test('two entries get no map (the page explains why) but still a heatmap', async () => {
    const response = await runSearch(
      embedder,
      validateSearch(
        embedder,
        requestSchemas().search.parse({ knowledgeBase: BASE.slice(0, 2), query: 'x', explain: {} }),
      ),
    );
    expect(response.explain?.map).toBeNull();
    expect(response.explain?.heatmap.matrix).toHaveLength(2);
  });

  test('asking for the views embeds nothing more than the search itself', async () => {
    await search({});
    const again = await search({ explain: {}, dimensions: 32 });
    expect(again.cache?.embedded).toBe(0);
  });
});

describe('search explain on a truncating server', () => {
  test('an entry longer than MAX_TOKENS is marked truncated; one that fits is not', async () => {
    const small = await startEmbedder({ MAX_TOKENS: 6 });
    try {
      const parsed = requestSchemas().search.parse({
        knowledgeBase: ['one two three four five six seven eight', 'one two', 'three four five six seven'],
        query: 'q',
        explain: {},
      });
      const response = await runSearch(small, validateSearch(small, parsed));
      expect(response.explain?.entries).toEqual([
        { tokens: 6, truncated: true },
        { tokens: 3, truncated: false },
        { tokens: 6, truncated: false },
      ]);
    } finally {
      await small.close();
    }
  });
});

describe('search explain on a large base', () => {
  test('carries the vectors of at most EXPLAIN_RESULT_VECTORS results', async () => {
    const knowledgeBase = Array.from({ length: EXPLAIN_RESULT_VECTORS + 5 }, (_, i) => `entry ${i}`);
    const parsed = requestSchemas().search.parse({ knowledgeBase, query: 'q', topK: 100, explain: {} });
    const response = await runSearch(embedder, validateSearch(embedder, parsed));
    expect(response.results).toHaveLength(knowledgeBase.length);
    expect(response.explain?.resultVectors).toHaveLength(EXPLAIN_RESULT_VECTORS);
  });
});
