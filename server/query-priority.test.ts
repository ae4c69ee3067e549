/**
 * Which work may overtake the queue, checked by the order in which real requests finish on one
 * busy worker (an order, not a timing: the scheduler decides it).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';

let embedder: Embedder;
beforeAll(async () => {
  // Small batches so that the first request keeps the one worker busy for many batches.
  embedder = await startEmbedder({ maxBatchTokens: 64, CACHE_MAX_BYTES: 0, EMBED_WORKERS: 1 });
});
afterAll(() => embedder.close());

/** Resolves once the documents are in the queue (tokenising is async: without this, order of submission is a race). */
async function queued() {
  while ((embedder.health().queue?.pendingTexts ?? 0) === 0) await new Promise((r) => setTimeout(r, 1));
}

const words = (tag: string, n: number) => `${tag} ${Array.from({ length: n }, (_, i) => `w${i}`).join(' ')}`;

describe('query priority', () => {
  test('long texts sent as kind "query" wait their turn, while a search query still goes first', async () => {
    const finished: string[] = [];
    const track = (name: string, work: Promise<unknown>) => work.then(() => finished.push(name));
    // Documents already queued: short rows, many batches of work.
    const documents = Array.from({ length: 100 }, (_, i) => words(`doc${i}`, 3));
    const busy = track('documents', embedder.embed(documents, { kind: 'document', field: 'texts' }));
    await queued();
    // Then /api/embed with kind "query" but far more tokens than a query has, and more work in all
    // than the documents: sharing the worker fairly with them (document class), they finish after
    // the documents; had they got query priority, they would finish before.
    const longQueries = Array.from({ length: 24 }, (_, i) => words(`long${i}`, 60));
    const bulk = track('long "queries"', embedder.embed(longQueries, { kind: 'query', field: 'texts' }));
    // Then the one query of a search.
    const search = track(
      'search query',
      embedder.embed(['where is the station?'], { kind: 'query', field: 'query', searchQuery: true }),
    );
    await Promise.all([busy, bulk, search]);
    expect(finished).toEqual(['search query', 'documents', 'long "queries"']);
  });

  test('a few short texts sent as kind "query" keep query priority', async () => {
    const finished: string[] = [];
    const track = (name: string, work: Promise<unknown>) => work.then(() => finished.push(name));
    const documents = Array.from({ length: 400 }, (_, i) => words(`other${i}`, 3));
    const busy = track('documents', embedder.embed(documents, { kind: 'document', field: 'texts' }));
    await queued();
    const queries = track(
      'short queries',
      embedder.embed(['first question', 'second question'], { kind: 'query', field: 'texts' }),
    );
    await Promise.all([busy, queries]);
    expect(finished).toEqual(['short queries', 'documents']);
  });
});
