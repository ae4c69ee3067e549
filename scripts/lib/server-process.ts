/**
 * Shared by the load and soak tests: run the production server (scripts/serve.mjs, the same entry
 * point as `npm start`) as a child process on our own port, wait for it to be ready, sample its
 * memory, and stop it the way an orchestrator would (SIGTERM), reporting the exit code.
 * Each test starts its own server so its settings (a small queue, a small cache) cannot disturb
 * a server someone else is using, and so the process whose RSS we read serves only our traffic.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** Every line the server wrote to stdout/stderr, in order (for counting log lines afterwards). */
  lines: string[];
}

export interface StartOptions {
  port: number;
  modelDir: string;
  /** Extra server settings (MAX_QUEUE_WAIT_MS, …); see server/settings.ts. */
  env?: Record<string, string>;
  /** Flags for node itself (e.g. --trace-gc, which NODE_OPTIONS does not accept). */
  nodeArgs?: string[];
  /** Echo the server's output with this prefix (off by default: the reports stay readable). */
  echo?: boolean;
  readyTimeoutMs?: number;
  /** When the server counts as started (default: /api/health answers 200, the model is warm). */
  isReady?: (status: number, health: { status?: string }) => boolean;
}

/** `preferred` if nothing listens there, else a port the OS picks; avoids clashing with other engineers' servers. */
export async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(undefined));
      probe.listen(port, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  return (await tryListen(preferred)) ?? ((await tryListen(0)) as number);
}

const live = new Set<ChildProcess>();
// If the test itself crashes or is interrupted, do not leave a server running on the shared machine.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(130);
  });
}

export async function startServer(opts: StartOptions): Promise<ServerProcess> {
  if (!fs.existsSync('.next/BUILD_ID'))
    throw new Error('No production build in .next: run `npx next build` first');
  if (!fs.existsSync(`${opts.modelDir}/config.json`)) throw new Error(`No model in ${opts.modelDir}`);
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), 'scripts/serve.mjs'], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      // A test server starts with no vectors from earlier runs unless the test asks for the disk cache.
      DISK_CACHE_MAX_BYTES: '0',
      ...opts.env,
      MODEL_DIR: opts.modelDir,
      PORT: String(opts.port),
      HOSTNAME: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (opts.echo) console.log(`  [server] ${line}`);
      }
    });
  }
  const server = { child, pid: child.pid as number, baseUrl: `http://127.0.0.1:${opts.port}`, lines };
  await waitForHealth(server, opts.readyTimeoutMs ?? 120_000, opts.isReady ?? ((status) => status === 200));
  return server;
}

/** Polls /api/health until `isReady` says so; fails early if the process dies. */
async function waitForHealth(
  server: ServerProcess,
  timeoutMs: number,
  isReady: NonNullable<StartOptions['isReady']>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(
        `The server exited (code ${server.child.exitCode}) before it was ready:\n${server.lines.join('\n')}`,
      );
    }
    const ok = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      async (r) => isReady(r.status, await r.json().catch(() => ({}))),
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  server.child.kill('SIGKILL');
  throw new Error(`The server was not ready within ${timeoutMs} ms:\n${server.lines.join('\n')}`);
}

/** SIGTERM, then the exit code (null if it had to be killed after `timeoutMs`). */
export async function stopServer(server: ServerProcess, timeoutMs = 40_000): Promise<number | null> {
  if (server.child.exitCode !== null) return server.child.exitCode;
  const exited = once(server.child, 'exit') as Promise<[number | null, string | null]>;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), timeoutMs);
  const [code, signal] = await exited;
  clearTimeout(timer);
  return signal ? null : code;
}

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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
