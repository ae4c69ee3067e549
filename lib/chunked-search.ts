/**
 * Big knowledge bases: the page sends a base larger than one request may be (MAX_INPUTS entries,
 * MAX_REQUEST_TOKENS tokens) as consecutive searches of parts of it, and merges their rankings.
 * Scores are comparable across parts (the same query vector, cosine similarity), so the merged top
 * k is the top k of the whole base. Each part's vectors stay cached on the server, so searching the
 * whole base again costs about one query embedding.
 */
import { type PostSearchOptions, postSearch } from './api-client';
import { AppError } from './errors';
import { DEFAULT_TOP_K, type RequestLimits, type SearchRequest, type SearchResponse } from './schemas';

/** The most entries the page itself takes in one knowledge base (it searches them in parts). */
export const MAX_PAGE_ENTRIES = 20_000;

const utf8 = new TextEncoder();

/**
 * [start, end) ranges of entries for one request each: at most `maxInputs` entries and at most half
 * of `maxRequestTokens` UTF-8 bytes (a token covers at least one byte; long entries' overlapping
 * windows can double their tokens).
 */
export function chunkRanges(
  texts: readonly string[],
  limits: Pick<RequestLimits, 'maxInputs' | 'maxRequestTokens'>,
): [number, number][] {
  const maxBytes = Math.max(1, Math.floor(limits.maxRequestTokens / 2));
  const ranges: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  for (const [i, text] of texts.entries()) {
    const size = utf8.encode(text).length;
    if (i > start && (i - start >= limits.maxInputs || bytes + size > maxBytes)) {
      ranges.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (texts.length > start) ranges.push([start, texts.length]);
  return ranges;
}

/** One ranking from the parts' rankings: indices shifted to the whole base, best first, top k kept. */
export function mergeResponses(
  parts: { offset: number; response: SearchResponse }[],
  topK: number,
): SearchResponse {
  const first = parts[0]?.response;
  if (!first) throw new Error('no parts to merge');
  const results = parts
    .flatMap(({ offset, response }) =>
      response.results.map((result) => ({ ...result, index: result.index + offset })),
    )
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, topK);
  const sum = (pick: (r: SearchResponse) => number) =>
    parts.reduce((total, part) => total + pick(part.response), 0);
  // Cache counts come only from a server that reports them (REPORT_CACHE_STATS).
  const reportsCache = parts.every((part) => part.response.cache);
  return {
    ...first,
    results,
    ...(reportsCache
      ? {
          cache: {
            embedded: sum((r) => r.cache?.embedded ?? 0),
            cached: sum((r) => r.cache?.cached ?? 0),
          },
        }
      : {}),
    timingMs: {
      embed: sum((r) => r.timingMs.embed),
      rank: sum((r) => r.timingMs.rank),
      total: sum((r) => r.timingMs.total),
    },
  };
}

/** A part's refusal names the entry by its index in the whole base, so the page can name its line. */
function shiftField(error: unknown, offset: number): unknown {
  if (!AppError.is(error) || !error.field) return error;
  const match = /^knowledgeBase\[(\d+)\]/.exec(error.field);
  if (!match) return error;
  const field = error.field.replace(match[0], `knowledgeBase[${Number(match[1]) + offset}]`);
  return new AppError(error.code, error.message, { field, retryAfterSeconds: error.retryAfterSeconds });
}

/** /api/search for a base of any size up to MAX_PAGE_ENTRIES: one request when it fits, else parts in turn. */
export async function searchInParts(
  request: SearchRequest,
  limits: RequestLimits | undefined,
  { signal, onProgress }: PostSearchOptions = {},
): Promise<SearchResponse> {
  const ranges = limits ? chunkRanges(request.knowledgeBase, limits) : [];
  if (ranges.length <= 1) return postSearch(request, { signal, onProgress });
  const total = request.knowledgeBase.length;
  const parts: { offset: number; response: SearchResponse }[] = [];
  for (const [start, end] of ranges) {
    const part = { ...request, knowledgeBase: request.knowledgeBase.slice(start, end) };
    // One progress bar for the whole base: a part's progress counts within its share of entries.
    const progress = (p: { done: number; total: number }) =>
      onProgress?.({ done: start + Math.round((p.done / Math.max(1, p.total)) * (end - start)), total });
    try {
      parts.push({ offset: start, response: await postSearch(part, { signal, onProgress: progress }) });
    } catch (error) {
      throw shiftField(error, start);
    }
    onProgress?.({ done: end, total });
  }
  return mergeResponses(parts, request.topK ?? DEFAULT_TOP_K);
}
