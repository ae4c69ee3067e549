import 'server-only';
import {
  type ParsedSearchRequest,
  passesThreshold,
  QUERY_PREVIEW_LENGTH,
  resolveInstruction,
  type SearchResponse,
} from '../lib/schemas';
/**
 * Semantic search: embed the query (with its instruction) and the knowledge base (without), score
 * every entry by cosine similarity (a dot product: vectors are unit length), keep the top k.
 *
 * Two steps, used alike by the route and the benchmark: `validateSearch` checks everything that can
 * be checked before any work (texts empty after clean-up → 400, no model → 503), so a streamed
 * search can still answer with a plain JSON error; `runSearch` does the work.
 */
import { cleanRequiredText, cleanRequiredTexts } from '../lib/text-clean';
import { roundTo, shortenEmbedding, topKIndices } from '../lib/vector-math';
import { checkDimensions } from './embed-pipeline';
import { type LinkedAbort, linkedAbort } from './linked-abort';
import { embedEntries, scoreEntries } from './long-entries';
import { explainSearch } from './search-explain';
import { settings } from './settings';
import type { TextEmbedder } from './text-embedder';

/** A search request that passed every check that needs no model run. */
export interface ValidSearch {
  request: ParsedSearchRequest;
  /** The knowledge base after clean-up, in the request's order. */
  entries: string[];
  query: string;
}

export interface SearchContext {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export function validateSearch(embedder: TextEmbedder, request: ParsedSearchRequest): ValidSearch {
  const entries = cleanRequiredTexts(request.knowledgeBase, 'knowledgeBase');
  const query = cleanRequiredText(request.query, 'query');
  checkDimensions(request.dimensions, embedder.requireReady().info);
  return { request, entries, query };
}

function windowSettings() {
  const s = settings();
  return { windowTokens: s.WINDOW_TOKENS, strideTokens: s.WINDOW_STRIDE_TOKENS };
}

export async function runSearch(
  embedder: TextEmbedder,
  { request, entries, query }: ValidSearch,
  ctx: SearchContext = {},
): Promise<SearchResponse> {
  const started = performance.now();
  // When one of the two embeds fails, the other is cancelled too (its queued work dropped).
  const linked = linkedAbort([ctx.signal]);
  try {
    return await searchWith(embedder, { request, entries, query }, ctx, linked, started);
  } finally {
    linked.dispose();
  }
}

async function searchWith(
  embedder: TextEmbedder,
  { request, entries, query }: ValidSearch,
  ctx: SearchContext,
  linked: LinkedAbort,
  started: number,
): Promise<SearchResponse> {
  const { info, device, tokenizer } = embedder.requireReady();
  const signal = linked.signal;
  // Full-width vectors (what the cache holds anyway); `dimensions` is applied below, so the teaching
  // views can compare the shortened ranking with the full one without embedding anything twice.
  const [q, embedded] = await Promise.all([
    embedder.embed([query], {
      signal,
      kind: 'query',
      searchQuery: true,
      instruction: resolveInstruction(request),
      field: 'query',
    }),
    // Long entries are split into windows there (request.longEntries): server/long-entries.ts.
    embedEntries(embedder, entries, request.longEntries, windowSettings(), {
      signal,
      kind: 'document',
      field: 'knowledgeBase',
      onProgress: ctx.onProgress,
    }),
  ]).catch((err) => {
    linked.abort();
    throw err;
  });
  const embeddedAt = performance.now();

  const dims = request.dimensions ?? info.dims;
  const fullQuery = q.vectors[0] as Float32Array;
  const queryVector = shortenEmbedding(fullQuery, dims);
  // One score and one full-width vector per entry (a long entry's best window, or its windows' mean).
  const {
    scores,
    windows,
    outcome: docs,
  } = scoreEntries(queryVector, dims, request.longEntries, entries, embedded);
  const results = topKIndices(scores, request.topK).map((index) => {
    const score = scores[index] as number;
    return {
      index,
      text: request.knowledgeBase[index] as string,
      score,
      aboveThreshold: passesThreshold(score, request.threshold),
      // Only an entry that fills maxTokens can have been cut; tokenising just those again says if it was.
      // A remote backend cuts (or refuses) by its own rules, and there is no tokenizer here to ask.
      truncated:
        (docs.tokens[index] as number) >= info.maxTokens &&
        (tokenizer?.isTruncated(entries[index] as string, info.maxTokens) ?? false),
      ...(windows[index] ? { window: windows[index] } : {}),
    };
  });
  const rankedAt = performance.now();
  const explain =
    request.explain &&
    (await explainSearch({
      queryVector: fullQuery,
      entryVectors: docs.vectors,
      entries,
      entryTokens: docs.tokens,
      resultIndices: results.map((r) => r.index),
      dims,
      heatmapEntries: request.explain.heatmapEntries,
      tokenizer,
      maxTokens: info.maxTokens,
      signal,
    }));
  const done = performance.now();
  return {
    results,
    query: {
      dims: queryVector.length,
      vector: Array.from(queryVector.subarray(0, QUERY_PREVIEW_LENGTH), (x) => roundTo(x, 6)),
      tokens: q.tokens[0] as number,
    },
    model: info,
    device,
    ...(embedder.reportsCacheStats
      ? { cache: { embedded: q.embedded + docs.embedded, cached: q.cached + docs.cached } }
      : {}),
    timingMs: {
      embed: roundTo(embeddedAt - started, 1),
      rank: roundTo(rankedAt - embeddedAt, 2),
      total: roundTo(done - started, 1),
    },
    ...(explain ? { explain } : {}),
  };
}
