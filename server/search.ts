import 'server-only';
/**
 * Semantic search: embed the query (with its instruction) and the knowledge base (without), score
 * every entry by cosine similarity (a dot product: vectors are unit length), keep the top k.
 */
import { invalid } from '../lib/errors';
import { type ParsedSearchRequest, QUERY_PREVIEW_LENGTH, type SearchResponse } from '../lib/schemas';
import { cleanText } from '../lib/text-clean';
import { dot, roundTo, topKIndices } from '../lib/vector-math';
import type { Embedder } from './embedder';
import { settings } from './settings';

/** Cleans every text; one that is empty afterwards is a 400 naming it (e.g. `knowledgeBase[3]`). */
export function cleanTexts(texts: readonly string[], field: string): string[] {
  return texts.map((text, i) => {
    const cleaned = cleanText(text);
    if (!cleaned)
      throw invalid(`${field}[${i}]`, 'is empty (after removing whitespace and invisible characters)');
    return cleaned;
  });
}

export function cleanQuery(query: string): string {
  const cleaned = cleanText(query);
  if (!cleaned) throw invalid('query', 'is empty (after removing whitespace and invisible characters)');
  return cleaned;
}

/** An AbortController that follows `parent` and can also be aborted on its own (a sibling failed). */
function linkedController(parent?: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent?.aborted) controller.abort();
  parent?.addEventListener('abort', () => controller.abort(), { once: true });
  return controller;
}

export interface SearchContext {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export type PreparedSearch = (ctx?: SearchContext) => Promise<SearchResponse>;

/**
 * Checks everything that can be checked before any work (texts empty after clean-up → 400, no
 * model → 503), so a streamed search can still answer with a plain JSON error; returns the search.
 */
export function prepareSearch(embedder: Embedder, req: ParsedSearchRequest): PreparedSearch {
  const entries = cleanTexts(req.knowledgeBase, 'knowledgeBase');
  const query = cleanQuery(req.query);
  embedder.ready();
  return (ctx = {}) => runSearch(embedder, req, entries, query, ctx);
}

export function search(
  embedder: Embedder,
  req: ParsedSearchRequest,
  ctx: SearchContext = {},
): Promise<SearchResponse> {
  return prepareSearch(embedder, req)(ctx);
}

async function runSearch(
  embedder: Embedder,
  req: ParsedSearchRequest,
  entries: string[],
  query: string,
  ctx: SearchContext,
): Promise<SearchResponse> {
  const started = performance.now();
  const { info, model } = embedder.ready();
  const controller = linkedController(ctx.signal);
  const common = { dimensions: req.dimensions, signal: controller.signal };
  const [q, docs] = await Promise.all([
    embedder.embed([query], {
      ...common,
      kind: 'query',
      searchQuery: true,
      instruction: req.instruction,
      field: 'query',
    }),
    embedder.embed(entries, {
      ...common,
      kind: 'document',
      field: 'knowledgeBase',
      onProgress: ctx.onProgress,
    }),
  ]).catch((err) => {
    controller.abort();
    throw err;
  });
  const embeddedAt = performance.now();

  const queryVector = q.vectors[0] as Float32Array;
  const scores = docs.vectors.map((v) => dot(queryVector, v));
  const results = topKIndices(scores, req.topK).map((index) => {
    const score = scores[index] as number;
    return { index, text: req.knowledgeBase[index] as string, score, aboveThreshold: score > req.threshold };
  });
  const done = performance.now();
  return {
    results,
    query: {
      dims: queryVector.length,
      vector: Array.from(queryVector.subarray(0, QUERY_PREVIEW_LENGTH), (x) => roundTo(x, 6)),
      tokens: q.tokens[0] as number,
    },
    model: info,
    device: model.device,
    ...(settings().REPORT_CACHE_STATS
      ? { cache: { embedded: q.embedded + docs.embedded, cached: q.cached + docs.cached } }
      : {}),
    timingMs: {
      embed: roundTo(embeddedAt - started, 1),
      rank: roundTo(done - embeddedAt, 2),
      total: roundTo(done - started, 1),
    },
  };
}
