import http from 'node:http';
import { describe, expect, test } from 'vitest';
import { BASE_URL, getJson, postJson, SEED_BASE } from './client';

const search = (body: unknown) => postJson('/api/search', body);

/** Every refusal is JSON in the one error shape, naming the field. */
function expectError(res: { status: number; json: any }, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.json.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  if (field) expect(res.json.error.field).toBe(field);
}

describe('bad values are a 400 naming the field', () => {
  test.each([
    ['topK 0', { topK: 0 }, 'topK'],
    ['topK -1', { topK: -1 }, 'topK'],
    ['topK 1.5', { topK: 1.5 }, 'topK'],
    ['topK 1e308', { topK: 1e308 }, 'topK'],
    ['topK as a string', { topK: '5' }, 'topK'],
    ['threshold as a string', { threshold: '0.4' }, 'threshold'],
    ['dimensions below 32', { dimensions: 8 }, 'dimensions'],
    ['dimensions above the model width', { dimensions: 65 }, 'dimensions'],
    ['dimensions not an integer', { dimensions: 40.5 }, 'dimensions'],
    ['query null', { query: null }, 'query'],
    ['query a number', { query: 42 }, 'query'],
    ['query empty', { query: '' }, 'query'],
    ['query whitespace only', { query: '  \t\n ' }, 'query'],
    ['query zero-width and bidi controls only', { query: '\u200B\u200D\u202E\u2066' }, 'query'],
    ['knowledgeBase null', { knowledgeBase: null }, 'knowledgeBase'],
    ['knowledgeBase a string', { knowledgeBase: 'apple' }, 'knowledgeBase'],
    ['knowledgeBase empty', { knowledgeBase: [] }, 'knowledgeBase'],
    ['a non-string entry', { knowledgeBase: ['ok', 7] }, 'knowledgeBase[1]'],
    ['a null entry', { knowledgeBase: ['ok', null] }, 'knowledgeBase[1]'],
    ['an empty entry', { knowledgeBase: ['ok', ''] }, 'knowledgeBase[1]'],
    ['an invisible-only entry', { knowledgeBase: ['ok', '\u200B\uFEFF'] }, 'knowledgeBase[1]'],
    ['a 100,000-character entry', { knowledgeBase: ['x'.repeat(100_000)] }, 'knowledgeBase[0]'],
    ['10,001 entries', { knowledgeBase: Array.from({ length: 10_001 }, (_, i) => `l${i}`) }, 'knowledgeBase'],
    ['instruction a number', { instruction: 5 }, 'instruction'],
  ])('%s', async (_name, patch, field) => {
    const res = await search({ knowledgeBase: SEED_BASE, query: 'food', ...patch });
    expectError(res, 400, field);
  });

  test('an entry one character over MAX_CHARS_PER_TEXT (default 32,768) is a 400 naming it', async () => {
    const res = await search({ knowledgeBase: ['ok', 'x'.repeat(32_769)], query: 'q' });
    expectError(res, 400, 'knowledgeBase[1]');
    expect(res.json.error.message).toContain('at most 32768 characters');
  });

  test('an entry of exactly 32,768 characters is accepted', async () => {
    const res = await search({ knowledgeBase: ['ok', 'x'.repeat(32_768)], query: 'q' });
    expect(res.status).toBe(200);
  });

  test('a streamed search (NDJSON) with a bad entry still gets a plain JSON 400', async () => {
    const res = await postJson(
      '/api/search',
      { knowledgeBase: ['ok', '\u200B'], query: 'q' },
      { accept: 'application/x-ndjson' },
    );
    expectError(res, 400, 'knowledgeBase[1]');
  });

  test('a missing query says it is required', async () => {
    const res = await search({ knowledgeBase: SEED_BASE });
    expectError(res, 400, 'query');
    expect(res.json.error.message).toContain('required');
  });

  test('/api/embed names the bad text and the bad kind', async () => {
    expectError(await postJson('/api/embed', { texts: ['a', 3] }), 400, 'texts[1]');
    expectError(await postJson('/api/embed', { texts: ['a'], kind: 'poem' }), 400, 'kind');
  });

  test('a JSON array or null body is a 400 naming the body', async () => {
    expectError(await search([1, 2]), 400, 'body');
    expectError(await search('null'), 400, 'body');
  });
});

describe('odd but acceptable input is cleaned deterministically', () => {
  test('lone surrogates, NUL bytes and zero-width characters inside text are cleaned, not refused', async () => {
    const res = await search({ knowledgeBase: ['a\uD800b', 'c\u0000d', 'e\u200Bf'], query: 'q\uDC00' });
    expect(res.status).toBe(200);
    for (const r of res.json.results) expect(Number.isFinite(r.score)).toBe(true);
  });

  test('a __proto__ key is ignored and does not pollute anything', async () => {
    const res = await search(`{"knowledgeBase":["a"],"query":"b","__proto__":{"topK":"x","polluted":true}}`);
    expect(res.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('topK larger than the base returns every entry', async () => {
    const res = await search({ knowledgeBase: ['one', 'two'], query: 'q', topK: 100 });
    expect(res.json.results).toHaveLength(2);
  });
});

describe('the transport', () => {
  test('malformed JSON is a 400', async () => {
    expectError(await search('{"knowledgeBase": ['), 400, 'body');
  });

  test('a wrong Content-Type is a 415', async () => {
    const res = await postJson('/api/search', JSON.stringify({ knowledgeBase: ['a'], query: 'b' }), {
      'content-type': 'text/plain',
    });
    expectError(res, 415, 'Content-Type');
  });

  test('a body over the size limit is refused with 413 before it is read', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL('/api/search', BASE_URL);
      const req = http.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 50_000_000 },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.write('{"knowledgeBase":["');
    });
    expect(status).toBe(413);
  });

  test('a large chunked body without Content-Length is also refused with 413', async () => {
    const big = JSON.stringify({
      knowledgeBase: Array.from({ length: 2000 }, () => 'y'.repeat(3000)),
      query: 'q',
    });
    const res = await fetch(`${BASE_URL}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  test('pages and API answers carry a Content-Security-Policy and the usual security headers, refusals too', async () => {
    // PROPFIND is a method no route can serve: the front server refuses it before Next sees it
    // (server/front/request-gate.ts). A DELETE would reach the route, which Next answers itself.
    for (const [path, method] of [
      ['/', 'GET'],
      ['/api/health', 'GET'],
      ['/api/search', 'PROPFIND'],
    ] as const) {
      const res = await fetch(`${BASE_URL}${path}`, { method });
      expect(res.status).toBe(method === 'PROPFIND' ? 405 : 200);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src '(self|none)'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  test('an unknown API path is a JSON 404', async () => {
    const res = await fetch(`${BASE_URL}/api/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });
});

describe('client disconnects', () => {
  test('a request aborted while queued frees its place and the server keeps answering', async () => {
    // Several seconds of work for the test model, so the abort lands while it is queued or running.
    const base = Array.from(
      { length: 1000 },
      (_, i) => `disconnect probe ${Date.now()} ${i} ${'zeta '.repeat(100 + (i % 50))}`,
    );
    const controller = new AbortController();
    const pending = fetch(`${BASE_URL}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ knowledgeBase: base, query: 'probe' }),
      signal: controller.signal,
    }).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 150));
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    let pendingTexts = -1;
    for (let i = 0; i < 50 && pendingTexts !== 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      pendingTexts = (await getJson('/api/health')).json.queue.pendingTexts;
    }
    expect(pendingTexts).toBe(0);
    expect((await search({ knowledgeBase: ['a'], query: 'b' })).status).toBe(200);
  });
});
