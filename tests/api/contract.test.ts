import { describe, expect, test } from 'vitest';
import { CPU_DEFAULT_MAX_TOKENS } from '../../server/settings-schema';
import { getJson, norm, postJson, SEED_BASE } from './client';

describe('GET /api/health', () => {
  test('is 200 and ready with model id, dims, dtype, the CPU default maxTokens and device', async () => {
    const { status, json } = await getJson('/api/health');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      status: 'ready',
      model: {
        id: expect.any(String),
        dims: 64,
        dtype: 'fp32',
        maxTokens: CPU_DEFAULT_MAX_TOKENS,
        isTestModel: true,
      },
      device: 'cpu',
    });
  });

  test('reports the request limits this server enforces', async () => {
    const { json } = await getJson('/api/health');
    expect(json.limits).toEqual({
      maxInputs: 2048,
      maxCharsPerText: 32_768,
      maxInstructionChars: 2_000,
      maxTokens: CPU_DEFAULT_MAX_TOKENS,
      maxRequestTokens: 262_144,
    });
  });
});

describe('POST /api/search', () => {
  test('ranks every entry best first with its submitted index, text and score', async () => {
    const { status, json } = await postJson('/api/search', {
      knowledgeBase: SEED_BASE,
      query: '我想吃点东西',
    });
    expect(status).toBe(200);
    expect(json.results).toHaveLength(4);
    const scores = json.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const r of json.results) expect(r.text).toBe(SEED_BASE[r.index]);
    expect(new Set(json.results.map((r: { index: number }) => r.index)).size).toBe(4);
  });

  test('returns topK results when the base is larger, and marks aboveThreshold by the threshold', async () => {
    const base = Array.from({ length: 12 }, (_, i) => `entry number ${i}`);
    const { json } = await postJson('/api/search', {
      knowledgeBase: base,
      query: 'entry',
      topK: 3,
      threshold: 0,
    });
    expect(json.results).toHaveLength(3);
    for (const r of json.results) expect(r.aboveThreshold).toBe(r.score > 0);
  });

  test('returns the query vector’s first 50 values and its full dimension count', async () => {
    const { json } = await postJson('/api/search', { knowledgeBase: SEED_BASE, query: 'fruit' });
    expect(json.query.dims).toBe(64);
    expect(json.query.vector).toHaveLength(50);
    expect(json.model.dims).toBe(64);
    expect(json.timingMs.total).toBeGreaterThanOrEqual(0);
  });

  test('scores are the cosine between the /api/embed query vector and document vectors', async () => {
    const query = 'what should I eat';
    const { json: search } = await postJson('/api/search', { knowledgeBase: SEED_BASE, query });
    const { json: q } = await postJson('/api/embed', { texts: [query], kind: 'query' });
    const { json: d } = await postJson('/api/embed', { texts: SEED_BASE });
    for (const r of search.results) {
      const cos = q.embeddings[0].reduce(
        (s: number, x: number, i: number) => s + x * d.embeddings[r.index][i],
        0,
      );
      expect(r.score).toBeCloseTo(cos, 5);
    }
  });

  test('dimensions shortens the query vector', async () => {
    const { json } = await postJson('/api/search', {
      knowledgeBase: SEED_BASE,
      query: 'fruit',
      dimensions: 32,
    });
    expect(json.query.dims).toBe(32);
  });

  test('a search does not tell the client what the shared cache holds (REPORT_CACHE_STATS off)', async () => {
    const body = { knowledgeBase: ['cache probe one', 'cache probe two'], query: 'cache probe' };
    await postJson('/api/search', body);
    const { json } = await postJson('/api/search', body);
    expect(json.results).toHaveLength(2);
    expect(json).not.toHaveProperty('cache');
  });

  test('an embed does not reveal whether someone else embedded the same text', async () => {
    await postJson('/api/embed', { texts: ['someone else typed this'] });
    const { json } = await postJson('/api/embed', { texts: ['someone else typed this'] });
    expect(json.embeddings).toHaveLength(1);
    expect(json).not.toHaveProperty('cache');
  });

  test('streams progress events then the result as NDJSON when asked', async () => {
    const base = Array.from({ length: 300 }, (_, i) => `streamed line ${i} ${'word '.repeat(i % 9)}`);
    const { status, headers, text } = await postJson(
      '/api/search',
      { knowledgeBase: base, query: 'line' },
      { accept: 'application/x-ndjson' },
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/x-ndjson');
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.at(-1)).toMatchObject({ type: 'result', data: { results: expect.any(Array) } });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: 300, total: 300 });
  });

  test('a streamed search ends with its result line', async () => {
    const { text } = await postJson(
      '/api/search',
      { knowledgeBase: ['stream end one', 'stream end two'], query: 'end' },
      { accept: 'application/x-ndjson' },
    );
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text.trim().split('\n').at(-1) as string).type).toBe('result');
  });

  test('a streamed search is not marked no-store, which Chromium reports as aborted when the page reads it', async () => {
    const { headers } = await postJson(
      '/api/search',
      { knowledgeBase: ['a'], query: 'b' },
      { accept: 'application/x-ndjson' },
    );
    expect(headers.get('content-type')).toContain('application/x-ndjson');
    expect(headers.get('cache-control')).not.toContain('no-store');
  });
});

describe('POST /api/embed', () => {
  test('returns one normalised vector and a token count per text, in order', async () => {
    const { status, json } = await postJson('/api/embed', {
      texts: ['我想吃点东西', 'What is the capital of China?'],
    });
    expect(status).toBe(200);
    expect(json.dims).toBe(64);
    expect(json.embeddings).toHaveLength(2);
    for (const v of json.embeddings) expect(norm(v)).toBeCloseTo(1, 5);
    expect(json.tokens).toEqual([5, 8]);
  });

  test('query kind differs from document kind for the same text', async () => {
    const { json: asDoc } = await postJson('/api/embed', { texts: ['hello'] });
    const { json: asQuery } = await postJson('/api/embed', { texts: ['hello'], kind: 'query' });
    expect(asDoc.embeddings[0]).not.toEqual(asQuery.embeddings[0]);
  });
});
