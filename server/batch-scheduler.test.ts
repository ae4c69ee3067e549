import { afterEach, describe, expect, test } from 'vitest';
import { AppError } from '../lib/errors';
import { maxAbsDiff, startEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';

const lines = (n: number, prefix = 'entry') =>
  Array.from(
    { length: n },
    (_, i) => `${prefix} ${i}: ${'word '.repeat(i % 13)}苹果${i % 5 === 0 ? ' 香蕉富含钾元素' : ''}`,
  );

let embedder: Embedder | undefined;
afterEach(async () => {
  await embedder?.close();
  embedder = undefined;
});

const doc = (e: Embedder, texts: string[], extra = {}) =>
  e.embed(texts, { kind: 'document', field: 'texts', ...extra });

describe('batching and the shared queue', () => {
  test('concurrent requests cut into small length-sorted batches come back in input order, equal to unbatched', async () => {
    embedder = await startEmbedder({ maxBatchTokens: 48, CACHE_MAX_BYTES: 0 });
    const e = embedder;
    const a = lines(40, 'a');
    const b = lines(25, 'b');
    const [ra, rb] = await Promise.all([doc(e, a), doc(e, b)]);
    for (const [texts, result] of [
      [a, ra],
      [b, rb],
    ] as const) {
      for (const i of [0, 7, 13, texts.length - 1]) {
        const [alone] = (await doc(e, [texts[i] as string])).vectors;
        expect(maxAbsDiff(alone as Float32Array, result.vectors[i] as Float32Array)).toBeLessThan(1e-5);
      }
    }
  });

  test('progress is reported up to the total', async () => {
    embedder = await startEmbedder({ maxBatchTokens: 32 });
    const seen: number[] = [];
    await doc(embedder, lines(30), { onProgress: (done: number, total: number) => seen.push(done / total) });
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
  });

  test('a query submitted behind a large knowledge-base job finishes first', async () => {
    embedder = await startEmbedder({ maxBatchTokens: 16 });
    const order: string[] = [];
    const e = embedder;
    const kb = doc(e, lines(2000)).then(() => order.push('knowledge base'));
    while (e.health().queue.pendingTexts === 0) await new Promise((r) => setTimeout(r, 1));
    const query = embedder
      .embed(['我想吃点东西'], { kind: 'query', field: 'query' })
      .then(() => order.push('query'));
    await Promise.all([kb, query]);
    expect(order).toEqual(['query', 'knowledge base']);
  });

  test('a full queue refuses new work at once with queue_full and Retry-After; accepted work still succeeds', async () => {
    embedder = await startEmbedder({ MAX_QUEUE_TEXTS: 10, BATCH_WINDOW_MS: 200 });
    const first = doc(embedder, lines(8));
    const second = doc(embedder, lines(8, 'other'));
    await expect(second).rejects.toMatchObject({ code: 'queue_full', retryAfterSeconds: 1 });
    expect((await first).vectors).toHaveLength(8);
  });

  test('cancelling a queued job removes its texts from the queue and later requests still work', async () => {
    embedder = await startEmbedder({ maxBatchTokens: 16, CACHE_MAX_BYTES: 0 });
    const controller = new AbortController();
    const big = doc(embedder, lines(3000), { signal: controller.signal });
    while (embedder.health().queue.pendingTexts === 0) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    await expect(big).rejects.toBeInstanceOf(AppError);
    await expect(big).rejects.toMatchObject({ code: 'cancelled' });
    expect(embedder.health().queue.pendingTexts).toBe(0);
    expect((await doc(embedder, ['still alive'])).vectors).toHaveLength(1);
  });
});

describe('the vector cache', () => {
  test('searching the same base again embeds nothing; editing one line embeds only that line', async () => {
    embedder = await startEmbedder();
    const base = lines(50);
    const first = await doc(embedder, base);
    expect(first).toMatchObject({ embedded: 50, cached: 0 });
    const again = await doc(embedder, base);
    expect(again).toMatchObject({ embedded: 0, cached: 50 });
    expect(maxAbsDiff(again.vectors[3] as Float32Array, first.vectors[3] as Float32Array)).toBe(0);
    const edited = [...base];
    edited[10] = 'an edited line';
    expect(await doc(embedder, edited)).toMatchObject({ embedded: 1, cached: 49 });
  });

  test('duplicate texts in one request are embedded once', async () => {
    embedder = await startEmbedder();
    const out = await doc(embedder, ['same', 'same', 'other']);
    expect(out.embedded).toBe(2);
    expect(maxAbsDiff(out.vectors[0] as Float32Array, out.vectors[1] as Float32Array)).toBe(0);
  });

  test('a cached vector serves any dimensions', async () => {
    embedder = await startEmbedder();
    await doc(embedder, ['apple']);
    const short = await doc(embedder, ['apple'], { dimensions: 48 });
    expect(short).toMatchObject({ embedded: 0, cached: 1 });
    expect(short.vectors[0]?.length).toBe(48);
  });
});
