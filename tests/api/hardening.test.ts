/**
 * What the server does for clients that do not play by the rules, on the shared test server with
 * default settings (limits that need settings of their own: front-server.test.ts).
 */
import { describe, expect, test } from 'vitest';
import {
  allowHeader,
  ROUTE_METHODS,
  type RouteMethod,
  type RoutePath,
  SERVED_METHODS,
} from '../../server/route-methods';
import { BASE_URL, postJson } from './client';
import { type RawResponse, rawExchange, request } from './raw-http';

/** A path each route handler serves (a catch-all segment filled in). */
const ROUTES = (Object.keys(SERVED_METHODS) as RoutePath[]).map((route) => ({
  route,
  path: route.replace(/\[\.\.\.\w+\]/, 'some-model'),
  served: SERVED_METHODS[route] as readonly RouteMethod[],
}));
/** Requests from an address of their own, so the shared server's per-client limits see them apart. */
const FROM = '127.0.0.21';

/** The 405 in the error shape of the path: OpenAI's under /v1, the app's elsewhere. */
function expectMethodRefusal(res: RawResponse, path: string, served: readonly RouteMethod[]) {
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe(allowHeader(served));
  if (path.startsWith('/v1/')) {
    expect(res.json.error).toEqual({
      message: expect.any(String),
      type: 'invalid_request_error',
      param: null,
      code: 'method_not_allowed',
    });
  } else {
    expect(res.json.error).toMatchObject({ code: 'method_not_allowed', message: expect.any(String) });
  }
}

describe('methods a route does not serve', () => {
  test.each(ROUTES)(
    '$route refuses the others with a 405 allowing exactly what it serves',
    async ({ path, served }) => {
      for (const method of ROUTE_METHODS) {
        const res = await request(BASE_URL, { method, path, from: FROM });
        if (served.includes(method)) {
          expect(res.status, `${method} ${path}`).not.toBe(405);
        } else if (method === 'HEAD') {
          expect(res.status).toBe(405);
          expect(res.headers.allow).toBe(allowHeader(served));
        } else {
          expectMethodRefusal(res, path, served);
        }
      }
      const options = await request(BASE_URL, { method: 'OPTIONS', path, from: FROM });
      expect(options.headers.allow).toBe(allowHeader(served));
    },
  );

  test.each(ROUTES)(
    'TRACE, which Next cannot route, is a 405 with the Allow of $route',
    async ({ path, served }) => {
      expectMethodRefusal(await request(BASE_URL, { method: 'TRACE', path, from: FROM }), path, served);
    },
  );

  test.each([
    ['/api/nope', { code: 'not_found' }],
    ['/v1/nope', { code: 'not_found', type: 'invalid_request_error' }],
  ])('TRACE to %s, where no route is, is a 404 in that API’s error shape', async (path, error) => {
    const res = await request(BASE_URL, { method: 'TRACE', path, from: FROM });
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject(error);
  });

  test('a page answers POST with a JSON 405 allowing GET and HEAD', async () => {
    const res = await request(BASE_URL, { method: 'POST', path: '/', body: {}, from: FROM });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('refusals do not read the rest of the body', () => {
  test.each([
    ['an unknown API path (404)', '/api/nope', 'application/json'],
    ['a wrong Content-Type (415)', '/api/search', 'text/plain'],
  ])('%s answers and closes the connection while 50 MB are still announced', async (_name, path, type) => {
    const answer = await rawExchange(
      BASE_URL,
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\nContent-Length: 52428800\r\n\r\n{"a":`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 4(04|15)/);
    expect(answer.toLowerCase()).toContain('connection: close');
  });
});

describe('deeply nested JSON', () => {
  test('is refused with a 400 naming the body before it is parsed', async () => {
    const deep = `{"knowledgeBase":${'['.repeat(100_000)}${']'.repeat(100_000)},"query":"q"}`;
    const res = await postJson('/api/search', deep);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'invalid_request', field: 'body' });
    expect(res.json.error.message).toMatch(/nested deeper than \d+ levels/);
  });

  test('brackets inside strings do not count as nesting', async () => {
    const res = await postJson('/api/search', { knowledgeBase: ['[[[[[[[[[[[[{{{{{{{{{{'], query: ']]]]' });
    expect(res.status).toBe(200);
  });
});

describe('Host names (DNS rebinding)', () => {
  test('a request for a host name that is not allowed is a JSON 421', async () => {
    const res = await request(BASE_URL, { path: '/api/health', headers: { host: 'rebound.example:3000' } });
    expect(res.status).toBe(421);
    expect(res.json.error).toMatchObject({ code: 'misdirected_request', field: 'Host' });
  });

  test('localhost and IP addresses are allowed by default', async () => {
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]:80', '192.168.1.20:3000']) {
      expect((await request(BASE_URL, { path: '/api/health', headers: { host } })).status).toBe(200);
    }
  });
});

describe('Content-Security-Policy', () => {
  test('the page allows only scripts with this response’s nonce, and every script carries it', async () => {
    const first = await fetch(`${BASE_URL}/`);
    const policy = first.headers.get('content-security-policy') ?? '';
    const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce).toBeTruthy();
    const scripts = (await first.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const second = await fetch(`${BASE_URL}/`);
    expect(second.headers.get('content-security-policy')).not.toContain(nonce);
  });

  test('the image optimiser the app does not use is off (its endpoint is not found)', async () => {
    const res = await fetch(`${BASE_URL}/_next/image?url=%2Ficon.svg&w=64&q=75`);
    expect(res.status).toBe(404);
  });
});

describe('public error messages', () => {
  test('a malformed body is named without library stack or server paths', async () => {
    const res = await postJson('/api/search', '{"knowledgeBase": [');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/\/(home|srv|tmp|work|usr)\//);
    expect(res.text).not.toMatch(/\bat \w+ \(/);
  });
});
