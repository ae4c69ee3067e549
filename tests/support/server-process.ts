/**
 * The one way tests start a server of their own (the API tests that stop it or break its model,
 * the load and soak tests): the production server (scripts/serve.mjs, the same entry point as
 * `npm start`) as a child process on its own port; wait until it is ready; stop it the way an
 * orchestrator would (SIGTERM) and report the exit code.
 * A test that starts its own server gets the settings it needs (a small queue, a broken model
 * folder) without disturbing a server someone else is using, and a process that serves only its
 * own traffic.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

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
  /** The server entry point (default scripts/serve.mjs, what `npm start` runs). */
  script?: string;
  /** Echo the server's output with this prefix (off by default: the reports stay readable). */
  echo?: boolean;
  readyTimeoutMs?: number;
  /** When the server counts as started (default: /api/health answers 200, the model is warm). */
  isReady?: (status: number, health: { status?: string }) => boolean;
}

/** `preferred` if nothing listens there, else a port the OS picks; so tests never clash with another server on the same machine. */
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
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), opts.script ?? 'scripts/serve.mjs'], {
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
