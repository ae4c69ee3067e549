import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { meanVector } from '../lib/long-entries';
import { DEFAULT_WINDOW_STRIDE_TOKENS, DEFAULT_WINDOW_TOKENS } from '../lib/schemas';
import { dot } from '../lib/vector-math';
import { startEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';
import { embedEntries, planWindows, scoreEntries } from './long-entries';

const WINDOWS = { windowTokens: DEFAULT_WINDOW_TOKENS, strideTokens: DEFAULT_WINDOW_STRIDE_TOKENS };
// About 1,300 tokens: sentences about different things, so the windows differ.
const LONG = Array.from(
  { length: 120 },
  (_, i) => `Sentence ${i} talks about ${['apples', 'the weather', 'trains', '数学', 'music'][i % 5]} today.`,
).join(' ');

let embedder: Embedder;
beforeAll(async () => {
  embedder = await startEmbedder({});
});
afterAll(() => embedder.close());

const docOptions = { kind: 'document' as const, field: 'knowledgeBase' };

describe('long entries split into windows', () => {
  test('a long entry becomes overlapping windows that cover it from start to end', () => {
    const { tokenizer } = embedder.requireReady();
    const plan = planWindows(tokenizer, ['short entry', LONG], WINDOWS);
    expect(plan.entries[0]?.spans).toEqual([{ start: 0, end: 'short entry'.length }]);
    const spans = plan.entries[1]?.spans ?? [];
    expect(spans.length).toBeGreaterThan(2);
    expect(spans[0]?.start).toBe(0);
    expect(spans.at(-1)?.end).toBe(LONG.length);
    for (let i = 1; i < spans.length; i++) expect(spans[i]?.start).toBeLessThan(spans[i - 1]?.end ?? 0);
    // Each window is at most a window long once tokenised again (EOS included).
    for (const span of spans) {
      expect(tokenizer.encode(LONG.slice(span.start, span.end), 100_000).length).toBeLessThanOrEqual(
        DEFAULT_WINDOW_TOKENS + 2,
      );
    }
  });

  test('in window mode an entry scores as its best window, and the result names that window', async () => {
    const [query] = (await embedder.embed(['trains today'], { kind: 'query', field: 'query' })).vectors;
    const q = query as Float32Array;
    const embedded = await embedEntries(embedder, [LONG], 'window', WINDOWS, docOptions);
    const { scores, windows } = scoreEntries(q, q.length, 'window', [LONG], embedded);
    const spans = embedded.plan?.entries[0]?.spans ?? [];
    const each = (
      await embedder.embed(
        spans.map((s) => LONG.slice(s.start, s.end)),
        docOptions,
      )
    ).vectors.map((v) => dot(q, v));
    expect(scores[0]).toBeCloseTo(Math.max(...each), 6);
    const best = each.indexOf(Math.max(...each));
    expect(windows[0]).toEqual({
      ...spans[best],
      text: LONG.slice(spans[best]?.start, spans[best]?.end),
      count: spans.length,
    });
  });

  test('in mean mode the score is the query against the re-normalised mean of the window vectors', async () => {
    const [query] = (await embedder.embed(['apples'], { kind: 'query', field: 'query' })).vectors;
    const q = query as Float32Array;
    const embedded = await embedEntries(embedder, [LONG], 'mean', WINDOWS, docOptions);
    const spans = embedded.plan?.entries[0]?.spans ?? [];
    const vectors = (
      await embedder.embed(
        spans.map((s) => LONG.slice(s.start, s.end)),
        docOptions,
      )
    ).vectors;
    const mean = scoreEntries(q, q.length, 'mean', [LONG], embedded).scores[0] as number;
    expect(mean).toBeCloseTo(dot(q, meanVector(vectors)), 6);
    const truncated = scoreEntries(
      q,
      q.length,
      'truncate',
      [LONG],
      await embedEntries(embedder, [LONG], 'truncate', WINDOWS, docOptions),
    );
    expect(mean).not.toBeCloseTo(truncated.scores[0] as number, 4);
  });

  test('a repeated search embeds no window again', async () => {
    await embedEntries(embedder, [LONG], 'window', WINDOWS, docOptions);
    const again = await embedEntries(embedder, [LONG], 'window', WINDOWS, docOptions);
    expect(again.outcome.embedded).toBe(0);
  });
});
