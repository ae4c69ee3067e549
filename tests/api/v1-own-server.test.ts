/**
 * /v1 behaviours that depend on server settings, each on a server of its own (same build, same
 * entry point as `npm start`): API_KEY, and the context limit with and without AUTO_TRUNCATE.
 */
import OpenAI from 'openai';
import { afterEach, describe, expect, test } from 'vitest';
import { freePort, type ServerProcess, startServer, stopServer } from '../support/server-process';

const TEST_MODEL = 'models/qwen3-embedding-test';
const KEY = 'sk-test-a-long-enough-secret';
/** 100 words: far more than the 16 tokens these servers allow per input. */
const LONG_TEXT = Array.from({ length: 100 }, (_, i) => `word${i % 7}`).join(' ');

let server: ServerProcess | undefined;
afterEach(async () => {
  if (server) await stopServer(server, 5_000);
  server = undefined;
});

async function start(env: Record<string, string>) {
  server = await startServer({ port: await freePort(3305 + 40), modelDir: TEST_MODEL, env });
  return server;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server?.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('API_KEY', () => {
  test('guards /v1 with a bearer token while the page, /api/* and health stay open', async () => {
    const { baseUrl } = await start({ API_KEY: KEY });

    const missing = await post('/v1/embeddings', { input: 'x' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await missing.json()).error).toMatchObject({
      code: 'invalid_api_key',
      type: 'authentication_error',
    });
    expect((await fetch(`${baseUrl}/v1/models`)).status).toBe(401);

    const wrong = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: `${KEY}x`, maxRetries: 0 });
    const err = await wrong.embeddings.create({ model: 'any', input: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.code).toBe('invalid_api_key');

    const right = new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: KEY, maxRetries: 0 });
    const model = (await right.models.list()).data[0]?.id as string;
    expect((await right.embeddings.create({ model, input: 'x' })).data).toHaveLength(1);

    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
    expect((await post('/api/embed', { texts: ['x'] })).status).toBe(200);
    expect((await fetch(baseUrl)).status).toBe(200);
  });
});

describe('the context limit on /v1/embeddings', () => {
  test('is a 400 even for a text /api/embed already cut and cached', async () => {
    await start({ MAX_TOKENS: '16' });
    const cut = await post('/api/embed', { texts: [LONG_TEXT] });
    expect((await cut.json()).tokens).toEqual([16]);

    const refused = await post('/v1/embeddings', { input: LONG_TEXT });
    expect(refused.status).toBe(400);
    const { error } = await refused.json();
    expect(error.param).toBe('input[0]');
    expect(error.message).toMatch(/maximum context length is 16 tokens, however you requested \d+ tokens/);
  });

  test('with AUTO_TRUNCATE=true cuts the input as /api/embed does', async () => {
    // No cache, so /api/embed computes its vector itself instead of reusing /v1's.
    await start({ MAX_TOKENS: '16', AUTO_TRUNCATE: 'true', CACHE_MAX_BYTES: '0' });
    const res = await post('/v1/embeddings', { input: LONG_TEXT });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.usage.prompt_tokens).toBe(16);
    const viaApi = await (await post('/api/embed', { texts: [LONG_TEXT] })).json();
    expect(body.data[0].embedding).toEqual(viaApi.embeddings[0]);
  });
});
