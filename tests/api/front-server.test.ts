/**
 * The front server's limits, on a server of its own with tight settings so that each limit shows
 * within seconds. Clients come from different loopback addresses (127.0.0.x) where a test needs a
 * second, unaffected client. Every flood is bounded in count and time.
 */
import { spawnSync } from 'node:child_process';
import type net from 'node:net';
import { describe, expect, test } from 'vitest';
import { ownServerForThisFile } from '../support/own-server';
import { closed, connect, refusalCounts, request, sleep } from './raw-http';

const TEST_MODEL = 'models/qwen3-embedding-test';
const LIMITS = {
  HEADERS_TIMEOUT_MS: '1000',
  REQUEST_TIMEOUT_MS: '3000',
  BODY_IDLE_TIMEOUT_MS: '1000',
  // Long enough for a third large request to be refused on a loaded machine while the first two wait.
  SEND_TIMEOUT_MS: '8000',
  MAX_INPUTS: '5000',
  MAX_QUEUE_WAIT_MS: '600000',
  MAX_CONNECTIONS_PER_CLIENT: '50',
  CLIENT_RATE_PER_S: '5',
  CLIENT_BURST: '10',
  CLIENT_MAX_CONCURRENT: '3',
  MAX_LARGE_RESPONSES: '2',
  REPORT_CACHE_STATS: 'true',
  ALLOWED_HOSTS: 'radar.example,localhost',
};

const server = ownServerForThisFile(LIMITS);

/** /api/health from an address the test's other clients do not use, with a 1 s deadline. */
async function healthWithinOneSecond(from: string): Promise<number> {
  const answer = request(server().baseUrl, { path: '/api/health', from }).then((r) => r.status);
  const late = sleep(1000).then(() => 0);
  return Promise.race([answer, late]);
}

describe('slow clients', () => {
  test('300 sockets that trickle headers are capped per address and closed by the headers timeout, while health answers', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 300 }, () => connect(server().baseUrl, '127.0.0.2').catch(() => undefined)),
    );
    const open = sockets.filter((s): s is net.Socket => s !== undefined);
    const allClosed = Promise.all(open.map(closed));
    for (const s of open) s.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n');
    const started = performance.now();
    const trickle = setInterval(() => {
      for (const s of open) if (!s.destroyed) s.write('X-Slow: 1\r\n');
    }, 300);
    try {
      for (let i = 0; i < 5; i++) {
        expect(await healthWithinOneSecond('127.0.0.3')).toBe(200);
        await sleep(200);
      }
      await allClosed;
    } finally {
      clearInterval(trickle);
    }
    // Headers timeout (1 s) plus Node's check interval (0.5 s) plus slack for a loaded machine.
    expect(performance.now() - started).toBeLessThan(6000);
  });

  test('a body sent one byte at a time is dropped after the body idle timeout, quietly', async () => {
    const socket = await connect(server().baseUrl, '127.0.0.4');
    const done = closed(socket);
    socket.write(
      'POST /api/search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
    );
    await sleep(1500);
    socket.write('"');
    await done;
    expect(server().lines.filter((l) => /unexpected error|Error:/.test(l))).toEqual([]);
  });

  test('large responses the clients stop reading are cut off after the send timeout, and their slots freed', async () => {
    // Larger than the kernel's socket buffers (4 MiB send + 128 KiB receive), so the rest waits in the server.
    const texts = Array.from({ length: 5000 }, (_, i) => `unread ${i}`);
    const body = JSON.stringify({ texts });
    const before = await refusalCounts(server().baseUrl);
    const warm = await request(server().baseUrl, { path: '/api/embed', body: { texts }, from: '127.0.0.7' });
    expect(warm.status).toBe(200);
    const fullLength = warm.text.length;

    const readers = await Promise.all(
      ['127.0.0.5', '127.0.0.6'].map(async (from) => {
        const socket = await connect(server().baseUrl, from);
        const reader = { socket, received: 0 };
        // The answer's first bytes mean its slot is taken; from then on the client reads nothing.
        const answering = new Promise<void>((resolve) =>
          socket.once('data', () => {
            socket.pause();
            resolve();
          }),
        );
        socket.on('data', (chunk: Buffer) => {
          reader.received += chunk.length;
        });
        socket.write(
          `POST /api/embed HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
        await answering;
        return reader;
      }),
    );
    // Both large-response slots are held by clients that do not read: a third large request is refused.
    const third = await request(server().baseUrl, { path: '/api/embed', body: { texts }, from: '127.0.0.7' });
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('rate_limited');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);

    // The server cuts both once SEND_TIMEOUT_MS has passed without progress; on a loaded machine
    // that can take longer than the setting, so wait (bounded) until it has counted both cuts.
    let cut = 0;
    for (let waited = 0; cut < readers.length && waited < 20_000; waited += 250) {
      await sleep(250);
      cut = ((await refusalCounts(server().baseUrl)).send_timeout ?? 0) - (before.send_timeout ?? 0);
    }
    expect(cut).toBe(readers.length);
    // What the server had handed to the kernel still arrives, then the connection ends: the answer is cut short.
    for (const { socket } of readers) {
      const done = closed(socket);
      socket.resume();
      await done;
    }
    for (const { received } of readers) expect(received).toBeLessThan(fullLength);
    const fourth = await request(server().baseUrl, {
      path: '/api/embed',
      body: { texts },
      from: '127.0.0.7',
    });
    expect(fourth.status).toBe(200);
  });
});

describe('per-client limits', () => {
  test('a flood from one address gets 429s with Retry-After, while another client and health are served', async () => {
    const from = '127.0.0.8';
    const before = await refusalCounts(server().baseUrl);
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(server().baseUrl, {
          path: '/api/search',
          body: { knowledgeBase: [`f${i}`], query: 'q' },
          from,
        }),
      ),
    );
    const refused = flood.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    const after = await refusalCounts(server().baseUrl);
    const counted = (reason: string) => (after[reason] ?? 0) - (before[reason] ?? 0);
    expect(counted('client_rate') + counted('client_concurrency')).toBe(refused.length);
    expect(flood.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    for (const r of refused) {
      expect(r.json.error.code).toBe('rate_limited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(await healthWithinOneSecond(from)).toBe(200);
    const other = await request(server().baseUrl, {
      path: '/api/search',
      body: { knowledgeBase: ['a'], query: 'q' },
      from: '127.0.0.9',
    });
    expect(other.status).toBe(200);
  });
});

describe('answers small enough for the kernel buffers', () => {
  test('large answers a client has not read count against its limit until it closes their connections', async () => {
    // ≈ 2.6 MB of JSON: the kernel takes all of it at once, so the server sees these answers as sent.
    const texts = Array.from({ length: 2048 }, (_, i) => `kernel-sized ${i}`);
    const body = JSON.stringify({ texts });
    expect(
      (await request(server().baseUrl, { path: '/api/embed', body: { texts }, from: '127.0.0.12' })).status,
    ).toBe(200);
    const from = '127.0.0.13';
    const unread: net.Socket[] = [];
    for (let i = 0; i < Number(LIMITS.CLIENT_MAX_CONCURRENT); i++) {
      const socket = await connect(server().baseUrl, from);
      socket.pause();
      socket.write(
        `POST /api/embed HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      unread.push(socket);
    }
    await sleep(1500);
    const refused = await request(server().baseUrl, { path: '/api/embed', body: { texts: ['small'] }, from });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    const first = unread.shift() as net.Socket;
    const gone = closed(first);
    first.destroy();
    await gone;
    await sleep(200);
    expect(
      (await request(server().baseUrl, { path: '/api/embed', body: { texts: ['small'] }, from })).status,
    ).toBe(200);
    for (const socket of unread) socket.destroy();
  });
});

describe('settings', () => {
  test('REPORT_CACHE_STATS=true reports what came from the cache', async () => {
    const body = { knowledgeBase: ['cached one', 'cached two'], query: 'cached' };
    await request(server().baseUrl, { path: '/api/search', body, from: '127.0.0.10' });
    const again = await request(server().baseUrl, { path: '/api/search', body, from: '127.0.0.10' });
    expect(again.json.cache).toEqual({ embedded: 0, cached: 3 });
  });

  test('ALLOWED_HOSTS admits the configured names and refuses others', async () => {
    const as = (host: string) =>
      request(server().baseUrl, { path: '/api/health', headers: { host }, from: '127.0.0.11' });
    expect((await as('radar.example')).status).toBe(200);
    expect((await as('other.example')).status).toBe(421);
  });
});

describe('starting', () => {
  test('a malformed PORT stops the server at once with a message naming it', () => {
    const run = spawnSync(process.execPath, ['scripts/serve.mjs'], {
      env: { ...process.env, PORT: '30OO', MODEL_DIR: TEST_MODEL, DISK_CACHE_MAX_BYTES: '0' },
      encoding: 'utf8',
      timeout: 60_000,
      // spawnSync waits for the exit: a server that ignored SIGTERM would block this test forever.
      killSignal: 'SIGKILL',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PORT/);
  });

  test('a port already in use stops the server with one line and a non-zero exit', () => {
    const run = spawnSync(process.execPath, ['scripts/serve.mjs'], {
      env: {
        ...process.env,
        PORT: new URL(server().baseUrl).port,
        HOSTNAME: '127.0.0.1',
        MODEL_DIR: TEST_MODEL,
        DISK_CACHE_MAX_BYTES: '0',
      },
      encoding: 'utf8',
      timeout: 60_000,
      // spawnSync waits for the exit: a server that ignored SIGTERM would block this test forever.
      killSignal: 'SIGKILL',
    });
    expect(run.status).toBe(1);
    const errors = run.stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/already in use/);
  });
});
