/**
 * What the load and soak tests measure on the server they started (tests/support/server-process.ts):
 * its memory and CPU time from /proc, /api/health polled under load, latency percentiles, and the
 * PASS/FAIL checks every run ends with.
 */
import fs from 'node:fs';
import type { ServerProcess } from '../../tests/support/server-process';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resident memory of the process in bytes (VmRSS), plus that of any child processes it started:
 * the inference workers are threads (counted in VmRSS), but a future Next version could fork.
 */
export function readRssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
  return kb * 1024 + childPids(pid).reduce((sum, child) => sum + safeRss(child), 0);
}

function safeRss(pid: number): number {
  try {
    return readRssBytes(pid);
  } catch {
    return 0; // it exited between listing and reading
  }
}

function childPids(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/))
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * CPU time the process has used, in ms: all threads, and its main thread alone (the one that
 * parses requests, tokenises and answers; the inference workers are the other busy threads).
 */
export function readCpuMs(pid: number): { total: number; mainThread: number } {
  const ticksMs = 10; // USER_HZ is 100 on Linux
  const cpu = (statPath: string) => {
    // Fields after the ")" that ends the command name: utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(statPath, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * ticksMs;
  };
  return { total: cpu(`/proc/${pid}/stat`), mainThread: cpu(`/proc/${pid}/task/${pid}/stat`) };
}

export interface HealthPoll {
  /** Since polling started. */
  atMs: number;
  latencyMs: number;
  /** 0 when the request failed or took over 2 s. */
  status: number;
  pendingTexts?: number;
  workerRestarts?: number;
}

/**
 * Polls /api/health every `everyMs` until stopped: is the server still answering while it is under
 * load, and how quickly? One poll at a time, so a stalled server shows as one long poll.
 */
export function pollHealth(baseUrl: string, everyMs: number) {
  const polls: HealthPoll[] = [];
  const started = performance.now();
  let running = true;
  const done = (async () => {
    while (running) {
      const at = performance.now();
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) })
        .then(async (r) => {
          const body = await r.json();
          return {
            status: r.status,
            pendingTexts: body.queue?.pendingTexts,
            workerRestarts: body.workerRestarts,
          };
        })
        .catch(() => ({ status: 0 }));
      const latencyMs = performance.now() - at;
      polls.push({ atMs: Math.round(at - started), latencyMs, ...res });
      await sleep(Math.max(0, everyMs - latencyMs));
    }
  })();
  const stop = () => {
    running = false;
    return done;
  };
  return { polls, stop };
}

export interface RssSample {
  atMs: number;
  /** Requests completed when the sample was taken. */
  requests: number;
  rssBytes: number;
}

/** Samples RSS on a timer; `requests()` says how far the test has got, so the curve can be read per request count. */
export function sampleRss(pid: number, everyMs: number, requests: () => number) {
  const started = performance.now();
  const samples: RssSample[] = [];
  const take = () => {
    try {
      samples.push({
        atMs: Math.round(performance.now() - started),
        requests: requests(),
        rssBytes: readRssBytes(pid),
      });
    } catch {
      // The process is gone; the caller's checks will say so.
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    take,
    stop: () => clearInterval(timer),
  };
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The checks every server run ends with: nothing unhandled in its log, and SIGTERM → exit 0. */
export function endOfRunChecks(server: ServerProcess, exitCode: number | null): Check[] {
  const crashes = server.lines.filter((l) => /unhandledRejection|uncaughtException|unexpected error/.test(l));
  return [
    {
      name: 'no unhandled errors in the server log',
      ok: crashes.length === 0,
      detail: crashes.slice(0, 3).join(' | ') || 'none',
    },
    { name: 'SIGTERM → exit 0', ok: exitCode === 0, detail: `exit code ${exitCode}` },
  ];
}

/** Prints one PASS/FAIL line per check; returns whether all passed. */
export function report(checks: Check[]): boolean {
  for (const c of checks) console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
  return checks.every((c) => c.ok);
}
