import 'server-only';
/**
 * The part of embedding that does not depend on the backend: query formatting, the vector cache
 * (look-up, de-duplication, fill), the `dimensions` check and Matryoshka shortening. A backend
 * supplies only `run`: the vectors of the inputs the cache did not have.
 */
import { invalid } from '../lib/errors';
import { DEFAULT_INSTRUCTION, type ModelInfo } from '../lib/schemas';
import { shortenEmbedding } from '../lib/vector-math';
import { recordCacheLookups } from './metrics';
import { noteEmbedded } from './request-observer';
import type { EmbedOptions, EmbedOutcome, EmbedTiming } from './text-embedder';
import { formatQuery } from './tokenizer';
import type { CachedEmbedding, VectorCache } from './vector-cache';

export interface EmbedItem<T> {
  /** The exact input the model sees, as a cache key. */
  key: string;
  input: T;
}

export interface RunResult {
  vectors: Float32Array[];
  tokens: number[];
  timing: EmbedTiming;
}

/** Runs the cache misses: `inputs[i]` was at position `positions[i]` of the request (for error fields). */
export type RunMisses<T> = (
  inputs: T[],
  positions: number[],
  onProgress?: (done: number) => void,
) => Promise<RunResult>;

/** The texts as the model sees them: queries with their instruction, documents as they are. */
export function textItems(texts: readonly string[], opts: EmbedOptions): EmbedItem<string>[] {
  const instruction = opts.instruction ?? DEFAULT_INSTRUCTION;
  return texts.map((text) => {
    const input = opts.kind === 'query' ? formatQuery(text, instruction) : text;
    return { key: input, input };
  });
}

/**
 * Token-id rows under keys no text can have: every text reaching the cache had its lone
 * surrogates replaced, so a key starting with one cannot collide with a text.
 */
export function idItems(rows: readonly number[][]): EmbedItem<number[]>[] {
  return rows.map((ids) => ({ key: `\uD800ids:${ids.join(',')}`, input: ids }));
}

/** `dimensions` must not exceed the model's width (the lower bound is in the request schema). */
export function checkDimensions(dimensions: number | undefined, info: ModelInfo): void {
  if (dimensions !== undefined && dimensions > info.dims)
    throw invalid('dimensions', `must be at most ${info.dims} for ${info.id}`);
}

export async function embedThroughCache<T>(
  items: readonly EmbedItem<T>[],
  cache: VectorCache,
  info: ModelInfo,
  opts: EmbedOptions,
  run: RunMisses<T>,
): Promise<EmbedOutcome> {
  checkDimensions(opts.dimensions, info);
  // A cached entry as long as the context may have been cut: a request that refuses cutting re-checks it.
  const reusable = (e: CachedEmbedding | undefined) =>
    e && (opts.overLimit !== 'reject' || e.tokens < info.maxTokens) ? e : undefined;
  const found = items.map((item) => reusable(cache.get(item.key)));
  const firstAt = new Map<string, number>();
  items.forEach((item, i) => {
    if (!found[i] && !firstAt.has(item.key)) firstAt.set(item.key, i);
  });
  const positions = [...firstAt.values()];
  const cachedCount = found.filter(Boolean).length;
  recordCacheLookups(cachedCount, items.length - cachedCount);

  const onProgress = opts.onProgress;
  const result = await run(
    positions.map((i) => (items[i] as EmbedItem<T>).input),
    positions,
    onProgress && ((done) => onProgress(cachedCount + done, items.length)),
  );
  const fresh = new Map<string, CachedEmbedding>();
  positions.forEach((at, i) => {
    const value = { vector: result.vectors[i] as Float32Array, tokens: result.tokens[i] as number };
    fresh.set((items[at] as EmbedItem<T>).key, value);
  });
  cache.setMany(fresh);

  const all = items.map((item, i) => found[i] ?? (fresh.get(item.key) as CachedEmbedding));
  noteEmbedded(
    all.length,
    all.reduce((sum, e) => sum + e.tokens, 0),
    cachedCount,
  );
  const dims = opts.dimensions;
  return {
    vectors: all.map((e) => (dims ? shortenEmbedding(e.vector, dims) : e.vector)),
    tokens: all.map((e) => e.tokens),
    embedded: positions.length,
    cached: cachedCount,
    timing: result.timing,
  };
}
