/**
 * The load test's two ways of sending traffic, each bounded in requests and time, and the wrapper
 * that runs one with /api/health polled alongside and the server's CPU time measured.
 */

import type { ServerProcess } from '../../tests/support/server-process';
import { autocannon } from './autocannon';
import { latencyStats, ResponseTally, round, searchBody } from './search-traffic';
import { pollHealth, readCpuMs, sleep } from './server-stats';

/** A request unanswered after this long counts as timed out (--timeout-s: a slow model needs more). */
export const timeouts = { requestS: 10 };
/** Safety net: a phase is stopped (and fails) if it runs this much longer than its requests may take. */
const phaseLimitS = () => 60 + 2 * timeouts.requestS;

export type Load = (tally: ResponseTally) => Promise<{ errors: string[] }>;

/** Runs one phase with /api/health polled alongside; returns its tally, health polls and server CPU. */
export async function runPhase(server: ServerProcess, load: Load) {
  const tally = new ResponseTally();
  const health = pollHealth(server.baseUrl, 100);
  const cpuBefore = readCpuMs(server.pid);
  const started = performance.now();
  const { errors } = await load(tally);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = readCpuMs(server.pid);
  await health.stop();
  const healthMs = health.polls.map((p) => p.latencyMs);
  return {
    ...tally.summary(seconds),
    errors,
    /** Server CPU per response; its main thread does HTTP, parsing and tokenising, other threads inference. */
    serverCpuMsPerResponse: {
      total: round((cpuAfter.total - cpuBefore.total) / tally.answered),
      mainThread: round((cpuAfter.mainThread - cpuBefore.mainThread) / tally.answered),
    },
    health: {
      polls: health.polls.length,
      failed: health.polls.filter((p) => p.status !== 200).length,
      ...latencyStats(healthMs),
    },
    maxPendingTexts: Math.max(...health.polls.map((p) => p.pendingTexts ?? -1)),
    tally,
  };
}

/** Closed loop: each connection sends its next request as soon as the last is answered. */
export function burst(server: ServerProcess, connections: number, requests: number): Load {
  return async (tally) => {
    const errors: string[] = [];
    const instance = autocannon({
      url: server.baseUrl,
      connections,
      amount: requests,
      timeout: timeouts.requestS,
      requests: [
        {
          method: 'POST',
          path: '/api/search',
          headers: { 'content-type': 'application/json' },
          // autocannon builds each request just before sending it, once: this counts them.
          setupRequest: (req) => {
            tally.sent++;
            return { ...req, body: searchBody() };
          },
          onResponse: (status, body, _context, headers) => {
            const retryAfter = Object.entries(headers).find(
              ([name]) => name.toLowerCase() === 'retry-after',
            )?.[1];
            tally.record(status, body, retryAfter?.toString());
          },
        },
      ],
    });
    instance.on('response', (_client, status, _bytes, ms) => tally.recordLatency(status, ms));
    instance.on('reqError', (err) => errors.push(err.message));
    const guard = setTimeout(() => {
      errors.push(`stopped after the ${phaseLimitS()} s limit`);
      instance.stop();
    }, phaseLimitS() * 1000);
    const result = await instance;
    clearTimeout(guard);
    if (result.timeouts) errors.push(`${result.timeouts} timeouts`);
    return { errors };
  };
}

/** Open loop: one new request every 1/rate s whatever the answers, like independent users. */
export function paced(server: ServerProcess, rate: number, seconds: number): Load {
  return async (tally) => {
    const errors: string[] = [];
    const inFlight = new Set<Promise<void>>();
    const send = async () => {
      const started = performance.now();
      try {
        const res = await fetch(`${server.baseUrl}/api/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: searchBody(),
          signal: AbortSignal.timeout(timeouts.requestS * 1000),
        });
        const body = await res.text();
        tally.record(res.status, body, res.headers.get('retry-after') ?? undefined);
        tally.recordLatency(res.status, performance.now() - started);
      } catch (err) {
        tally.record(0, '', undefined);
        if (errors.length < 5) errors.push((err as Error).message);
      }
    };
    const begin = performance.now();
    for (let i = 0; i < rate * seconds; i++) {
      await sleep(begin + (i * 1000) / rate - performance.now());
      tally.sent++;
      const p = send().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    return { errors };
  };
}

/** Lets the queue empty between phases, so the second starts from the same state as the first. */
export async function waitForEmptyQueue(server: ServerProcess) {
  for (let i = 0; i < 100; i++) {
    const health = await fetch(`${server.baseUrl}/api/health`).then((r) => r.json());
    if (health.queue?.pendingTexts === 0) return;
    await sleep(100);
  }
}
