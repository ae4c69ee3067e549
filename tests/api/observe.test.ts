/**
 * Observing the server from outside: /metrics (Prometheus text) moves with real requests, every
 * response carries an x-request-id, and (on a server of our own, whose output we read) every
 * request leaves one JSON log line without the texts in it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort, type ServerProcess, startServer, stopServer } from '../support/server-process';
import { BASE_URL, postJson } from './client';

const PREFIX = 'semantic_radar_';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1] as string, type[2] as string);
    const sample = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!sample) continue;
    const labels = Object.fromEntries(
      [...(sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    samples.push({ name: sample[1] as string, labels, value: Number(sample[3]) });
  }
  return { samples, types };
}

async function scrape(base = BASE_URL) {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  const { samples } = parseExposition(await res.text());
  return (name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === `${PREFIX}${name}`)
      .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
}

const unique = (n: number) => Array.from({ length: n }, (_, i) => `observe ${i} ${Math.random()}`);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('GET /metrics', () => {
  test('answers Prometheus text where every sample has the one prefix and every counter ends in _total', async () => {
    const res = await fetch(`${BASE_URL}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const { samples, types } = parseExposition(await res.text());
    expect(samples.length).toBeGreaterThan(20);
    expect(samples.every((s) => s.name.startsWith(PREFIX))).toBe(true);
    const counters = [...types].filter(([, type]) => type === 'counter').map(([name]) => name);
    expect(counters).toContain(`${PREFIX}tokens_embedded_total`);
    expect(counters.every((name) => name.endsWith('_total'))).toBe(true);
    for (const name of ['queue_texts', 'model_ready', 'model_load_seconds', 'worker_restarts_total'])
      expect(types.has(`${PREFIX}${name}`), name).toBe(true);
  });

  test('a real /api/embed moves tokens_embedded_total by its tokens and counts the request by route and status', async () => {
    const was = await scrape();
    const { status, json } = await postJson('/api/embed', { texts: unique(3) });
    expect(status).toBe(200);
    const now = await scrape();
    const tokens = sum(json.tokens);
    expect(tokens).toBeGreaterThan(3);
    expect(now('tokens_embedded_total') - was('tokens_embedded_total')).toBe(tokens);
    expect(now('texts_embedded_total') - was('texts_embedded_total')).toBe(3);
    const ok = { route: '/api/embed', status: '200' };
    expect(now('http_requests_total', ok) - was('http_requests_total', ok)).toBe(1);
    const route = { route: '/api/embed' };
    expect(
      now('http_request_duration_seconds_count', route) - was('http_request_duration_seconds_count', route),
    ).toBe(1);
    expect(now('batch_size_texts_sum') - was('batch_size_texts_sum')).toBe(3);
  });

  test('embedding the same texts again counts cache hits, not tokens', async () => {
    const texts = unique(2);
    await postJson('/api/embed', { texts });
    const was = await scrape();
    await postJson('/api/embed', { texts });
    const now = await scrape();
    expect(now('cache_hits_total') - was('cache_hits_total')).toBe(2);
    expect(now('cache_misses_total') - was('cache_misses_total')).toBe(0);
    expect(now('tokens_embedded_total') - was('tokens_embedded_total')).toBe(0);
  });

  test('a refused request is counted under its status', async () => {
    const was = await scrape();
    const { status } = await postJson('/api/embed', { texts: [] });
    expect(status).toBe(400);
    const now = await scrape();
    const bad = { route: '/api/embed', status: '400' };
    expect(now('http_requests_total', bad) - was('http_requests_total', bad)).toBe(1);
  });
});

describe('x-request-id', () => {
  test('a sane id from the client comes back unchanged', async () => {
    const { headers } = await postJson('/api/embed', { texts: ['id'] }, { 'x-request-id': 'client-42.a:b' });
    expect(headers.get('x-request-id')).toBe('client-42.a:b');
  });

  test('an id that is too long or not plain is replaced by a fresh one', async () => {
    for (const bad of ['x'.repeat(200), 'two words', 'new\tline']) {
      const { headers } = await postJson('/api/embed', { texts: ['id'] }, { 'x-request-id': bad });
      expect(headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  test('without one, every response (errors included) gets its own id', async () => {
    const a = await postJson('/api/embed', { texts: ['id'] });
    const b = await postJson('/api/embed', { texts: 'not a list' });
    const c = await fetch(`${BASE_URL}/api/no-such-route`);
    const ids = [a.headers, b.headers, c.headers].map((h) => h.get('x-request-id'));
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('request logs', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ port: await freePort(0), modelDir: 'models/qwen3-embedding-test' });
  });
  afterAll(async () => {
    if (server) await stopServer(server, 5_000);
  });

  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  /** The JSON log line of one request; waits briefly, since it is written as the body ends. */
  async function logLineOf(requestId: string) {
    for (let i = 0; i < 250; i++) {
      const line = server.lines.find((l) => l.includes(`"requestId":"${requestId}"`));
      if (line) return JSON.parse(line);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no log line for ${requestId}:\n${server.lines.join('\n')}`);
  }

  test('each request logs one JSON line with id, route, status, duration, texts and tokens, and never the texts', async () => {
    const secret = `secret-${Math.random()}`;
    const res = await post(
      '/api/embed',
      { texts: [secret, `${secret} again`] },
      { 'x-request-id': 'log-embed-1' },
    );
    const tokens = sum((await res.json()).tokens);
    expect(await logLineOf('log-embed-1')).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'log-embed-1',
      method: 'POST',
      route: '/api/embed',
      status: 200,
      durationMs: expect.any(Number),
      texts: 2,
      tokens,
    });
    expect(server.lines.filter((l) => l.includes('log-embed-1'))).toHaveLength(1);
    expect(server.lines.some((l) => l.includes(secret))).toBe(false);
  });

  test('a streamed search is logged once its stream ends, with the query and every entry counted', async () => {
    const knowledgeBase = ['alpha', 'beta gamma', 'delta epsilon zeta'];
    const res = await post(
      '/api/search',
      { knowledgeBase, query: 'letters' },
      { 'x-request-id': 'log-search-1', accept: 'application/x-ndjson' },
    );
    const events = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const result = events.at(-1);
    expect(result.type).toBe('result');
    // The entries' token counts, asked for separately (the same texts as documents).
    const entries = await (await post('/api/embed', { texts: knowledgeBase }, {})).json();
    expect(await logLineOf('log-search-1')).toMatchObject({
      route: '/api/search',
      status: 200,
      texts: 4,
      tokens: result.data.query.tokens + sum(entries.tokens),
    });
  });

  test('a refused request logs its status and error code', async () => {
    await post('/api/embed', { texts: [''] }, { 'x-request-id': 'log-bad-1' });
    expect(await logLineOf('log-bad-1')).toMatchObject({ status: 400, error: 'invalid_request', texts: 0 });
  });

  test('a client that goes away mid-request still leaves its one line', async () => {
    const knowledgeBase = Array.from(
      { length: 600 },
      (_, i) => `abandoned ${i} ${'eta '.repeat(60 + (i % 40))}`,
    );
    const controller = new AbortController();
    const pending = fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-abort-1' },
      body: JSON.stringify({ knowledgeBase, query: 'q' }),
      signal: controller.signal,
    }).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 150));
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    const line = await logLineOf('log-abort-1');
    expect(line.route).toBe('/api/search');
    expect(line.outcome === 'aborted' || line.error === 'cancelled').toBe(true);
    expect(server.lines.filter((l) => l.includes('log-abort-1'))).toHaveLength(1);
  });

  test('the embedder announces it is ready as a JSON line too', () => {
    const ready = server.lines
      .map((l) => (l.startsWith('{') ? JSON.parse(l) : {}))
      .find((l) => l.component === 'embedder');
    expect(ready?.msg).toMatch(/ready on cpu/);
  });
});
