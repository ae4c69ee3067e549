import { afterEach, describe, expect, test } from 'vitest';
import { AppError } from '../lib/errors';
import { maxAbsDiff, sleep, startEmbedder, startTestEmbedder } from '../tests/support/embedder';
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
const pending = (e: Embedder) => e.health().queue?.pendingTexts ?? 0;

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
    while (pending(e) === 0) await new Promise((r) => setTimeout(r, 1));
    const query = embedder
      .embed(['我想吃点东西'], { kind: 'query', field: 'query' })
      .then(() => order.push('query'));
    await Promise.all([kb, query]);
    expect(order).toEqual(['query', 'knowledge base']);
  });

  test('cancelling a queued job removes its texts from the queue and later requests still work', async () => {
    embedder = await startEmbedder({ maxBatchTokens: 16, CACHE_MAX_BYTES: 0 });
    const controller = new AbortController();
    const big = doc(embedder, lines(3000), { signal: controller.signal });
    while (pending(embedder) === 0) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    await expect(big).rejects.toBeInstanceOf(AppError);
    await expect(big).rejects.toMatchObject({ code: 'cancelled' });
    expect(pending(embedder)).toBe(0);
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

describe('fairness between requests', () => {
  test('a small request submitted during a big one finishes after a few batches, before the big one', async () => {
    const t = await startTestEmbedder({ maxBatchTokens: 64, CACHE_MAX_BYTES: 0 });
    embedder = t.embedder;
    let bigDone = false;
    const big = doc(t.embedder, lines(1500, 'big')).then(() => {
      bigDone = true;
    });
    big.catch(() => {});
    while (t.batches.length < 3) await sleep(1);
    const before = t.batches.length;
    await doc(t.embedder, lines(5, 'small'));
    const batchesWhileSmallWaited = t.batches.length - before;
    expect(bigDone).toBe(false);
    // Its own batch (5 short texts fit one), the big job's batch that was running, and one more
    // that may start while the small request is being tokenised.
    expect(batchesWhileSmallWaited).toBeLessThanOrEqual(3);
    await big;
  });

  test('no batch a worker receives is wider than the batch token budget, except a longer text running alone', async () => {
    const t = await startTestEmbedder({ maxBatchTokens: 64, CACHE_MAX_BYTES: 0 });
    embedder = t.embedder;
    const long = Array.from({ length: 6 }, (_, i) => `long ${i}: ${'many words here '.repeat(20 + i * 5)}`);
    await Promise.all([doc(t.embedder, [...lines(60, 'a'), ...long]), doc(t.embedder, lines(40, 'b'))]);
    let alone = 0;
    for (const rows of t.batches) {
      const width = Math.max(...rows);
      if (width > 64) {
        expect(rows).toHaveLength(1);
        alone++;
      } else expect(rows.length * width).toBeLessThanOrEqual(64);
    }
    expect(alone).toBe(long.length);
  });

  test('two equal requests submitted together finish within a few batches of each other', async () => {
    const t = await startTestEmbedder({ maxBatchTokens: 64, CACHE_MAX_BYTES: 0 });
    embedder = t.embedder;
    const finishedAt: number[] = [];
    // Token ids, not texts: both requests are queued in the same tick (texts are tokenised
    // asynchronously, so on a busy machine the second could arrive batches after the first).
    const rows = (seed: number) =>
      Array.from({ length: 300 }, (_, i) =>
        Array.from({ length: 4 + (i % 13) }, (_, k) => 1000 + seed * 5000 + i * 13 + k),
      );
    await Promise.all(
      [1, 2].map((seed) =>
        t.embedder
          .embedTokenIds(rows(seed), { kind: 'document', field: 'input' })
          .then(() => finishedAt.push(t.batches.length)),
      ),
    );
    const [first, second] = finishedAt as [number, number];
    expect(second - first).toBeLessThanOrEqual(2);
  });
});

/** A throttled worker (one thread, one short text per batch) busy with a 3,000-text job. */
async function behindSlowJob() {
  embedder = await startEmbedder({
    MAX_QUEUE_WAIT_MS: 200,
    maxBatchTokens: 16,
    ORT_THREADS: 1,
    ortThreads: 1,
    CACHE_MAX_BYTES: 0,
  });
  const e = embedder;
  const big = doc(e, lines(3000, 'big'));
  while (pending(e) === 0) await sleep(1);
  return { e, big };
}

describe('admission by expected wait', () => {
  test('an idle server admits a request far larger than the wait limit', async () => {
    embedder = await startEmbedder({ MAX_QUEUE_WAIT_MS: 1, CACHE_MAX_BYTES: 0 });
    expect((await doc(embedder, lines(2000))).vectors).toHaveLength(2000);
  });

  test('behind a slow job, large requests get 429 with a Retry-After within the estimated wait; small ones and queries still pass', async () => {
    const { e, big } = await behindSlowJob();
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        doc(e, lines(3000, `burst ${i}`)).then(
          () => undefined,
          (err: AppError) => err,
        ),
      ),
    );
    const wait = e.health().queue?.estimatedWaitMs.document ?? 0;
    for (const err of outcomes) {
      expect(err).toMatchObject({ code: 'queue_full' });
      const retryAfter = (err as AppError).retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      // Never later than the whole queue ahead would take (plus a second for rounding and drift).
      expect(retryAfter).toBeLessThanOrEqual(Math.ceil((wait - 200) / 1000) + 1);
    }
    // Fair sharing: a small request waits for one turn of the big job, not for all of it.
    expect((await doc(e, lines(5, 'small'))).vectors).toHaveLength(5);
    expect((await e.embed(['我想吃点东西'], { kind: 'query', field: 'query' })).vectors).toHaveLength(1);
    expect((await big).vectors).toHaveLength(3000);
    expect((await doc(e, lines(20, 'burst 0'))).vectors).toHaveLength(20);
  });

  test('a storm of queries behind queued documents is refused for the documents’ sake before the queries would wait too long themselves', async () => {
    const { e, big } = await behindSlowJob();
    const queued = doc(e, lines(10, 'queued'));
    // Each query alone waits only for the queries before it; every one delays the documents.
    const outcomes = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        e.embed([`question ${i}`], { kind: 'query', field: 'query' }).then(
          () => undefined,
          (err: AppError) => err,
        ),
      ),
    );
    const refused = outcomes.filter((o): o is AppError => o !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(400);
    for (const err of refused) {
      expect(err).toMatchObject({ code: 'queue_full' });
      expect(err.message).toContain('requests already queued');
      expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect((await queued).vectors).toHaveLength(10);
    expect((await big).vectors).toHaveLength(3000);
  });

  test('admission counts tokens, not texts: behind a slow job, 20 long texts are refused where 20 short ones pass', async () => {
    const { e, big } = await behindSlowJob();
    const longTexts = Array.from(
      { length: 20 },
      (_, i) => `${i} ${'a long passage of many words '.repeat(80)}`,
    );
    await expect(doc(e, longTexts)).rejects.toMatchObject({ code: 'queue_full' });
    expect((await doc(e, lines(20, 'short'))).vectors).toHaveLength(20);
    await big;
  });

  test('health reports the throughput as a conservative guess until a batch is measured', async () => {
    embedder = await startEmbedder({ CACHE_MAX_BYTES: 0 });
    expect(embedder.health().queue).toMatchObject({ throughputMeasured: false, maxWaitMs: 30_000 });
    await doc(embedder, lines(20));
    const queue = embedder.health().queue;
    expect(queue?.throughputMeasured).toBe(true);
    expect(queue?.tokensPerSecond).toBeGreaterThan(0);
    expect(queue?.timeInQueueMs.count).toBe(1);
  });
});
