/**
 * Probes the server the way an attacker on the network would, each probe bounded in count and
 * time, all on loopback, and reports what each limit did (docs/reliability.md, "Threats and
 * limits"). Starts its own server on the tiny test model with default settings.
 *
 *   npx tsx scripts/probe-limits.ts [--port 3313] [--serve scripts/serve.mjs] [--out bench/limits-probe.json]
 *
 * Clients use several loopback addresses (127.0.0.x): the attacker's, and a bystander's whose
 * /api/health latency is the measure of harm.
 */
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { parseSettings } from '../server/settings-schema';
import { closed, connect, refusalCounts, request, sleep } from '../tests/api/raw-http';
import { freePort, type ServerProcess, startServer, stopServer } from '../tests/support/server-process';
import { mib, readRssBytes } from './load/server-stats';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '3313' },
    serve: { type: 'string', default: 'scripts/serve.mjs' },
    out: { type: 'string', default: 'bench/limits-probe.json' },
  },
});

const BYSTANDER = '127.0.0.3';
/** The server's default (server/settings-schema.ts); the probe runs the server with default settings. */
const SEND_TIMEOUT_MS = parseSettings({}).SEND_TIMEOUT_MS;

/** Polls /api/health from the bystander every 100 ms while `work` runs; returns the slowest answer (ms). */
async function healthDuring<T>(server: ServerProcess, work: () => Promise<T>) {
  let running = true;
  let maxMs = 0;
  let failures = 0;
  let peakRss = readRssBytes(server.pid);
  const poller = (async () => {
    while (running) {
      const at = performance.now();
      const ok = await Promise.race([
        request(server.baseUrl, { path: '/api/health', from: BYSTANDER }).then((r) => r.status === 200),
        sleep(5000).then(() => false),
      ]).catch(() => false);
      maxMs = Math.max(maxMs, performance.now() - at);
      if (!ok) failures++;
      peakRss = Math.max(peakRss, readRssBytes(server.pid));
      await sleep(100);
    }
  })();
  const rssBefore = readRssBytes(server.pid);
  const result = await work();
  running = false;
  await poller;
  return {
    result,
    healthMaxMs: Math.round(maxMs),
    healthFailures: failures,
    rssPeakGrowthMiB: mib(peakRss - rssBefore),
  };
}

const rawRequest = (head: string, body = '') => `${head}\r\nHost: localhost\r\n${body}`;

/** Many sockets from one address sending a header line every 2 s: how many are accepted, how long they live. */
async function slowHeaders(server: ServerProcess, count: number) {
  const started = performance.now();
  const sockets = (
    await Promise.all(
      Array.from({ length: count }, () => connect(server.baseUrl, '127.0.0.2').catch(() => null)),
    )
  ).filter((s): s is net.Socket => s !== null);
  const lifetimes = sockets.map((s) => closed(s).then(() => performance.now() - started));
  for (const s of sockets) s.write(rawRequest('GET /api/health HTTP/1.1'));
  const trickle = setInterval(() => {
    for (const s of sockets) if (!s.destroyed) s.write('X-Slow: 1\r\n');
  }, 2000);
  await sleep(500);
  const openAfterHalfSecond = sockets.filter((s) => !s.destroyed).length;
  const times = await Promise.race([Promise.all(lifetimes), sleep(90_000).then(() => [] as number[])]);
  clearInterval(trickle);
  for (const s of sockets) s.destroy();
  return {
    sockets: count,
    openAfterHalfSecond,
    lastClosedAfterS: times.length ? Math.round(Math.max(...times) / 100) / 10 : 'over 90 s',
  };
}

/** Bodies sent one byte every 2 s. */
async function slowBodies(server: ServerProcess, count: number) {
  const started = performance.now();
  const sockets = (
    await Promise.all(
      Array.from({ length: count }, () => connect(server.baseUrl, '127.0.0.4').catch(() => null)),
    )
  ).filter((s): s is net.Socket => s !== null);
  const lifetimes = sockets.map((s) => closed(s).then(() => performance.now() - started));
  for (const s of sockets)
    s.write(
      rawRequest(
        'POST /api/search HTTP/1.1',
        'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      ),
    );
  const trickle = setInterval(() => {
    for (const s of sockets) if (!s.destroyed) s.write(' ');
  }, 2000);
  const times = await Promise.race([Promise.all(lifetimes), sleep(90_000).then(() => [] as number[])]);
  clearInterval(trickle);
  for (const s of sockets) s.destroy();
  return {
    sockets: sockets.length,
    lastClosedAfterS: times.length ? Math.round(Math.max(...times) / 100) / 10 : 'over 90 s',
  };
}

/** 50 connections replaying one cached search as fast as answered, for `seconds`. */
async function flood(server: ServerProcess, seconds: number) {
  const body = { knowledgeBase: ['apples', 'pears', 'rain'], query: 'fruit' };
  await request(server.baseUrl, { path: '/api/search', body, from: '127.0.0.5' });
  const counts: Record<string, number> = {};
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      while (performance.now() < end) {
        const res = await request(server.baseUrl, { path: '/api/search', body, from: '127.0.0.5' }).catch(
          () => ({ status: 0 }),
        );
        counts[res.status] = (counts[res.status] ?? 0) + 1;
      }
    }),
  );
  return { seconds, answersPerS: Math.round((counts[200] ?? 0) / seconds), counts };
}

/** 16 bodies of 4 MiB nested 2 million levels deep, at once. */
async function deepNesting(server: ServerProcess) {
  const depth = 2_000_000;
  const body = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const statuses = await Promise.all(
    Array.from({ length: 16 }, () =>
      request(server.baseUrl, {
        path: '/api/search',
        headers: { 'content-type': 'application/json' },
        method: 'POST',
        raw: body,
        from: '127.0.0.6',
      }).then(
        (r) => r.status,
        () => 0,
      ),
    ),
  );
  return { bodies: 16, statuses: [...new Set(statuses)] };
}

/** 300 connections asking for 2,048 vectors each and never reading the answer. */
async function unreadResponses(server: ServerProcess) {
  const texts = Array.from({ length: 2048 }, (_, i) => `probe unread ${i}`);
  const body = JSON.stringify({ texts });
  await request(server.baseUrl, { path: '/api/embed', body: { texts }, from: '127.0.0.7' });
  const sockets: net.Socket[] = [];
  for (let i = 0; i < 300; i++) {
    const socket = await connect(server.baseUrl, `127.0.1.${1 + (i % 10)}`).catch(() => null);
    if (!socket) continue;
    socket.pause();
    socket.write(
      rawRequest(
        'POST /api/embed HTTP/1.1',
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
    );
    sockets.push(socket);
  }
  await sleep(3000);
  const during = { rssMiB: mib(readRssBytes(server.pid)), serverSockets: openSockets(server.pid) };
  // The client cannot see the server give up while it does not read: count the server's sockets instead.
  await sleep(SEND_TIMEOUT_MS + 5000);
  const after = { rssMiB: mib(readRssBytes(server.pid)), serverSockets: openSockets(server.pid) };
  for (const s of sockets) s.destroy();
  return { connections: sockets.length, during, after };
}

/** Requests naming a host outside ALLOWED_HOSTS, as a DNS-rebinding page's would, 20 at a time. */
async function wrongHost(server: ServerProcess, count: number) {
  const counts: Record<string, number> = {};
  for (let sent = 0; sent < count; sent += 20) {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server.baseUrl, {
          path: '/api/health',
          headers: { host: 'rebound.example' },
          from: '127.0.0.8',
        })
          .then((r) => r.status)
          .catch(() => 0),
      ),
    );
    for (const status of answers) counts[status] = (counts[status] ?? 0) + 1;
  }
  return { requests: count, counts };
}

/** Sockets the server process holds open (listening socket and worker pipes included). */
function openSockets(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
    } catch {
      return false;
    }
  }).length;
}

async function main() {
  const port = await freePort(Number(args.port));
  const server = await startServer({ port, modelDir: 'models/qwen3-embedding-test', script: args.serve });
  const report: Record<string, unknown> = {
    at: new Date().toISOString(),
    serve: args.serve,
    loadAverageBefore: os.loadavg(),
  };
  const step = async (name: string, probe: () => Promise<unknown>) => {
    console.log(`probe: ${name}`);
    report[name] = await healthDuring(server, probe);
    console.log(JSON.stringify(report[name]));
  };
  report.rssStartMiB = mib(readRssBytes(server.pid));
  await step('slowHeaders', () => slowHeaders(server, 2000));
  await step('slowBodies', () => slowBodies(server, 200));
  await step('flood', () => flood(server, 10));
  await step('deepNesting', () => deepNesting(server));
  await step('unreadResponses', () => unreadResponses(server));
  await step('wrongHost', () => wrongHost(server, 2000));
  report.unexpectedErrorLogLines = server.lines.filter((l) => /unexpected error/.test(l)).length;
  // Every refusal is counted; the log gets a line per reason and at most one more per 10 s.
  report.refusals = await refusalCounts(server.baseUrl);
  report.refusalLogLines = server.lines.filter((l) => l.includes('"refusal":')).length;
  report.exitCode = await stopServer(server, 20_000);
  report.loadAverageAfter = os.loadavg();
  fs.writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${args.out}`);
}

await main();
