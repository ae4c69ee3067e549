/**
 * Two instances of the app: an upstream serving the test model, and a front instance pointed at
 * it through EMBEDDINGS_BASE_URL. Between them a small pass-through proxy (a real HTTP server in
 * this test) can make the upstream answer 429, 500, 400 or nothing at all, so the front's retry,
 * timeout and error mapping run against real HTTP; every vector still comes from the real model.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { freePort, type ServerProcess, startServer, stopServer } from '../support/server-process';

const TEST_MODEL = 'models/qwen3-embedding-test';
/** The upstream guards its /v1 with API_KEY; the front sends it as EMBEDDINGS_API_KEY. */
const UPSTREAM_KEY = 'sk-upstream-secret';

type Mode =
  | { kind: 'pass' }
  | { kind: 'fail'; status: number; times: number; body: unknown; retryAfter?: string }
  | { kind: 'hang' }
  | { kind: 'wrong-key' };

let upstream: ServerProcess;
let front: ServerProcess;
let proxy: http.Server;
let proxyUrl: string;
let mode: Mode = { kind: 'pass' };
/** Embedding calls the proxy saw: how many inputs, and when. */
let calls: { inputs: number; at: number }[] = [];

function startProxy(): Promise<string> {
  proxy = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (req.url?.endsWith('/embeddings'))
      calls.push({ inputs: [JSON.parse(body.toString()).input].flat(1).length, at: performance.now() });
    if (mode.kind === 'hang') return; // never answers; the front's timeout must end it
    if (mode.kind === 'fail' && mode.times > 0) {
      mode.times--;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (mode.retryAfter) headers['retry-after'] = mode.retryAfter;
      res.writeHead(mode.status, headers).end(JSON.stringify(mode.body));
      return;
    }
    const authorization =
      mode.kind === 'wrong-key' ? 'Bearer not-the-key' : (req.headers.authorization ?? '');
    const answer = await fetch(`${upstream.baseUrl}${req.url}`, {
      method: req.method,
      headers: { 'content-type': 'application/json', authorization },
      body: req.method === 'POST' ? body : undefined,
    });
    res
      .writeHead(answer.status, { 'content-type': 'application/json' })
      .end(Buffer.from(await answer.arrayBuffer()));
  });
  return new Promise((resolve) =>
    proxy.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`),
    ),
  );
}

beforeAll(async () => {
  upstream = await startServer({
    port: await freePort(3305 + 50),
    modelDir: TEST_MODEL,
    env: { API_KEY: UPSTREAM_KEY },
  });
  proxyUrl = await startProxy();
  front = await startServer({
    port: await freePort(3305 + 51),
    modelDir: TEST_MODEL,
    env: {
      EMBEDDINGS_BASE_URL: proxyUrl,
      EMBEDDINGS_API_KEY: UPSTREAM_KEY,
      EMBEDDINGS_BATCH_SIZE: '3',
      EMBEDDINGS_MAX_RETRIES: '2',
      EMBEDDINGS_TIMEOUT_MS: '4000',
    },
  });
}, 240_000);

afterAll(async () => {
  proxy?.closeAllConnections();
  proxy?.close();
  await Promise.all([front && stopServer(front, 5_000), upstream && stopServer(upstream, 5_000)]);
});

beforeEach(() => {
  mode = { kind: 'pass' };
  calls = [];
});

async function post(server: ServerProcess, path: string, body: unknown) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

function maxAbsDiff(a: number[][], b: number[][]) {
  return Math.max(...a.flatMap((row, i) => row.map((x, j) => Math.abs(x - (b[i]?.[j] as number)))));
}

describe('a front instance embedding through another instance (EMBEDDINGS_BASE_URL)', () => {
  test('/api/health names the remote backend, its model and that it answers', async () => {
    const upstreamHealth = await (await fetch(`${upstream.baseUrl}/api/health`)).json();
    const res = await fetch(`${front.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ready',
      device: 'remote',
      backend: { kind: 'remote', url: proxyUrl, reachable: true },
    });
    // Another instance of this app describes its model, test-model warning included.
    expect((await (await fetch(`${front.baseUrl}/api/health`)).json()).model).toEqual(upstreamHealth.model);
  });

  test('documents, queries with an instruction, and shortened vectors agree with the upstream within 1e-5', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `remote document ${i} 远程文档`);
    for (const body of [
      { texts },
      { texts: ['what is remote?'], kind: 'query', instruction: 'Find remote facts' },
      { texts: texts.slice(0, 2), dimensions: 32 },
    ]) {
      const [viaFront, direct] = await Promise.all([
        post(front, '/api/embed', body),
        post(upstream, '/api/embed', body),
      ]);
      expect(viaFront.status).toBe(200);
      expect(maxAbsDiff(viaFront.json.embeddings, direct.json.embeddings)).toBeLessThan(1e-5);
    }
  });

  test('sends at most EMBEDDINGS_BATCH_SIZE inputs per upstream call', async () => {
    const texts = Array.from({ length: 7 }, (_, i) => `batched input ${i}`);
    expect((await post(front, '/api/embed', { texts })).status).toBe(200);
    expect(calls.map((c) => c.inputs).sort()).toEqual([1, 3, 3]);
  });

  test('/api/search ranks with the same scores as the upstream', async () => {
    const body = { knowledgeBase: ['苹果是水果', '今天天气晴朗', '香蕉富含钾'], query: '我想吃水果' };
    const [viaFront, direct] = await Promise.all([
      post(front, '/api/search', body),
      post(upstream, '/api/search', body),
    ]);
    expect(viaFront.json.device).toBe('remote');
    expect(viaFront.json.results.map((r: { index: number }) => r.index)).toEqual(
      direct.json.results.map((r: { index: number }) => r.index),
    );
    expect(
      maxAbsDiff(
        [viaFront.json.results.map((r: any) => r.score)],
        [direct.json.results.map((r: any) => r.score)],
      ),
    ).toBeLessThan(1e-5);
  });

  test('its own /v1/embeddings answers the openai client with the upstream’s vectors, token ids included', async () => {
    const viaFront = new OpenAI({ baseURL: `${front.baseUrl}/v1`, apiKey: 'x', maxRetries: 0 });
    const direct = new OpenAI({ baseURL: `${upstream.baseUrl}/v1`, apiKey: UPSTREAM_KEY, maxRetries: 0 });
    const model = (await viaFront.models.list()).data[0]?.id as string;
    for (const input of ['openai through two hops', [[3838, 374, 279, 6722]]]) {
      const [a, b] = await Promise.all([
        viaFront.embeddings.create({ model, input }),
        direct.embeddings.create({ model, input }),
      ]);
      expect(
        maxAbsDiff(
          a.data.map((d) => d.embedding),
          b.data.map((d) => d.embedding),
        ),
      ).toBeLessThan(1e-5);
      expect(a.usage.prompt_tokens).toBe(b.usage.prompt_tokens);
    }
  });
});

describe('what needs the model’s tokenizer on the front instance', () => {
  test('/api/tokenize says the tokenizer is on the remote (501), and an explained search still answers', async () => {
    const tokenize = await post(front, '/api/tokenize', { text: 'hello' });
    expect(tokenize.status).toBe(501);
    expect(tokenize.json.error.code).toBe('tokenizer_unavailable');
    const search = await post(front, '/api/search', {
      knowledgeBase: ['explained one', 'explained two'],
      query: 'explained?',
      explain: {},
    });
    expect(search.status).toBe(200);
    expect(search.json.results.every((r: { truncated: boolean }) => r.truncated === false)).toBe(true);
    expect(search.json.explain).toBeDefined();
  });
});

describe('upstream failures, as the front instance reports them', () => {
  test('a 429 is retried after the Retry-After wait, and the request succeeds', async () => {
    mode = {
      kind: 'fail',
      status: 429,
      times: 1,
      retryAfter: '1',
      body: { error: { message: 'slow down' } },
    };
    const { status } = await post(front, '/api/embed', { texts: ['retry after probe'] });
    expect(status).toBe(200);
    expect(calls).toHaveLength(2);
    expect((calls[1]?.at as number) - (calls[0]?.at as number)).toBeGreaterThanOrEqual(950);
  });

  test('a 500 that persists is a 502 with the upstream’s message, after a bounded number of retries', async () => {
    mode = { kind: 'fail', status: 500, times: 99, body: { error: { message: 'backend exploded' } } };
    const { status, json } = await post(front, '/api/embed', { texts: ['server error probe'] });
    expect(status).toBe(502);
    expect(json.error.code).toBe('upstream_error');
    expect(json.error.message).toContain('backend exploded');
    expect(calls).toHaveLength(3);
  });

  test('a 400 from the upstream is the client’s 400, naming the field and quoting the upstream', async () => {
    mode = { kind: 'fail', status: 400, times: 1, body: { error: { message: 'input too long for me' } } };
    const { status, json } = await post(front, '/api/embed', { texts: ['refused input probe'] });
    expect(status).toBe(400);
    expect(json.error.field).toBe('texts');
    expect(json.error.message).toContain('input too long for me');
    expect(calls).toHaveLength(1);
  });

  test('a key the upstream refuses is a 502 that says which setting to check, not retried', async () => {
    mode = { kind: 'wrong-key' };
    const { status, json } = await post(front, '/api/embed', { texts: ['wrong key probe'] });
    expect(status).toBe(502);
    expect(json.error.message).toContain('HTTP 401');
    expect(json.error.message).toContain('EMBEDDINGS_API_KEY');
    expect(calls).toHaveLength(1);
  });

  test('an upstream that does not answer within EMBEDDINGS_TIMEOUT_MS is a 504', async () => {
    mode = { kind: 'hang' };
    const { status, json } = await post(front, '/api/embed', { texts: ['timeout probe'] });
    expect(status).toBe(504);
    expect(json.error.code).toBe('upstream_timeout');
  });

  test('a stopped upstream is a 503 saying so, and /api/health says why', async () => {
    await stopServer(upstream, 5_000);
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    const { status, json } = await post(front, '/api/search', {
      knowledgeBase: ['after the stop'],
      query: 'anyone?',
    });
    expect(status).toBe(503);
    expect(json.error.code).toBe('upstream_unavailable');
    expect(json.error.message).toContain(proxyUrl);

    const health = await fetch(`${front.baseUrl}/api/health`);
    expect(health.status).toBe(503);
    const body = await health.json();
    expect(body).toMatchObject({ status: 'error', backend: { kind: 'remote', reachable: false } });
    expect(body.message).toMatch(/does not answer \(ECONNREFUSED\)/);
  });
});
