/**
 * Every refusal of the front server is counted in /metrics (`semantic_radar_refusals_total`, by
 * reason) and logged, a flood in a line or two rather than a line each; on a server of its own with
 * tight limits. Each flood is bounded in count and time; clients use their own loopback addresses.
 */
import type net from 'node:net';
import { describe, expect, test } from 'vitest';
import { ownServerForThisFile } from '../support/own-server';
import { closed, connect, rawExchange, refusalCounts, request, sleep } from './raw-http';

const LIMITS = {
  HEADERS_TIMEOUT_MS: '1000',
  REQUEST_TIMEOUT_MS: '2500',
  BODY_IDLE_TIMEOUT_MS: '1000',
  MAX_CONNECTIONS: '60',
  MAX_CONNECTIONS_PER_CLIENT: '10',
  CLIENT_RATE_PER_S: '2',
  CLIENT_BURST: '4',
  CLIENT_MAX_CONCURRENT: '50',
  ALLOWED_HOSTS: 'localhost',
};

const server = ownServerForThisFile(LIMITS);

/** How much each reason's count grew while `act` ran. */
async function counted(act: () => Promise<void>): Promise<Record<string, number>> {
  const before = await refusalCounts(server().baseUrl);
  await act();
  await sleep(100);
  const after = await refusalCounts(server().baseUrl);
  return Object.fromEntries(
    Object.entries(after)
      .map(([reason, n]) => [reason, n - (before[reason] ?? 0)])
      .filter(([, grew]) => grew !== 0),
  );
}

const logLinesFor = (reason: string) =>
  server().lines.filter((line) => line.includes(`"refusal":"${reason}"`)).length;

/** `rawExchange`, and the refusals counted meanwhile. */
async function exchangeCounted(raw: string, from: string) {
  let answer = '';
  const grew = await counted(async () => {
    answer = await rawExchange(server().baseUrl, raw, from);
  });
  return { answer, grew };
}

describe('connection caps', () => {
  test('60 connections from one address: the 50 over the per-client cap are counted, and logged in one line', async () => {
    const open: net.Socket[] = [];
    const grew = await counted(async () => {
      const sockets = await Promise.all(
        Array.from({ length: 60 }, () => connect(server().baseUrl, '127.0.1.2')),
      );
      open.push(...sockets);
      await sleep(300);
    });
    for (const socket of open) socket.destroy();
    expect(grew).toEqual({ connections_per_client: 50 });
    expect(logLinesFor('connections_per_client')).toBe(1);
  });

  test('connections past MAX_CONNECTIONS are dropped and counted', async () => {
    const open: net.Socket[] = [];
    const grew = await counted(async () => {
      for (let client = 0; client < 8; client++) {
        const from = `127.0.2.${client + 1}`;
        open.push(...(await Promise.all(Array.from({ length: 10 }, () => connect(server().baseUrl, from)))));
      }
      await sleep(300);
      for (const socket of open) socket.destroy();
      await sleep(300);
    });
    // 80 connections for 60 places; the count may include /metrics's own connection.
    expect(grew.connections_total).toBeGreaterThanOrEqual(20);
    expect((await request(server().baseUrl, { path: '/api/health', from: '127.0.2.99' })).status).toBe(200);
  });
});

describe('slow clients', () => {
  test('headers that never end are answered 408 by the headers timeout and counted', async () => {
    const { answer, grew } = await exchangeCounted(
      'GET /api/health HTTP/1.1\r\nHost: localhost\r\n',
      '127.0.1.3',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(grew).toEqual({ headers_timeout: 1 });
  });

  test('a body trickled faster than the idle timeout is cut off by the request deadline and counted', async () => {
    const socket = await connect(server().baseUrl, '127.0.1.4');
    const grew = await counted(async () => {
      const done = closed(socket);
      socket.write(
        'POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      );
      const trickle = setInterval(() => socket.writable && socket.write(' '), 300);
      await done;
      clearInterval(trickle);
    });
    expect(grew).toEqual({ request_timeout: 1 });
  });

  test('a body that stops is dropped after the body idle timeout and counted', async () => {
    const { grew } = await exchangeCounted(
      'POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      '127.0.1.5',
    );
    expect(grew).toEqual({ body_idle_timeout: 1 });
  });
});

describe('what Node’s parser refuses', () => {
  test('headers over Node’s size limit are a 431, counted', async () => {
    const { answer, grew } = await exchangeCounted(
      `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
      '127.0.1.6',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect(grew).toEqual({ headers_too_large: 1 });
  });

  test('a request that is not HTTP is a 400, counted', async () => {
    const { answer, grew } = await exchangeCounted('HELLO THERE\r\n\r\n', '127.0.1.7');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(grew).toEqual({ malformed_request: 1 });
  });
});

describe('requests refused before Next', () => {
  test('200 requests for a host name outside ALLOWED_HOSTS: each a 421, all counted, two log lines at most', async () => {
    const linesBefore = logLinesFor('host_not_allowed');
    const grew = await counted(async () => {
      for (let batch = 0; batch < 40; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 5 }, () =>
            request(server().baseUrl, {
              path: '/api/health',
              headers: { host: 'rebound.example' },
              from: `127.0.3.${batch + 1}`,
            }),
          ),
        );
        for (const answer of answers) expect(answer.status).toBe(421);
      }
    });
    expect(grew).toEqual({ host_not_allowed: 200 });
    expect(logLinesFor('host_not_allowed') - linesBefore).toBeLessThanOrEqual(2);
  });

  test('a request without a Host (HTTP/1.0) is a JSON 400 naming Host, counted', async () => {
    const { answer, grew } = await exchangeCounted('GET /api/health HTTP/1.0\r\n\r\n', '127.0.1.9');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain('"field":"Host"');
    expect(grew).toEqual({ host_missing: 1 });
  });

  test('TRACE is a 405, counted', async () => {
    const grew = await counted(async () => {
      const res = await request(server().baseUrl, {
        method: 'TRACE',
        path: '/api/search',
        from: '127.0.1.10',
      });
      expect(res.status).toBe(405);
    });
    expect(grew).toEqual({ method_not_allowed: 1 });
  });

  test('a /v1 client over its rate gets 429s in OpenAI’s error shape, each counted', async () => {
    let refused = 0;
    const grew = await counted(async () => {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          request(server().baseUrl, { path: '/v1/models', from: '127.0.1.11' }),
        ),
      );
      for (const answer of answers.filter((a) => a.status === 429)) {
        refused++;
        expect(answer.json.error).toMatchObject({
          type: 'rate_limit_error',
          code: 'rate_limited',
          param: null,
        });
        expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
      }
    });
    expect(refused).toBeGreaterThanOrEqual(3);
    expect(grew).toEqual({ client_rate: refused });
  });
});
