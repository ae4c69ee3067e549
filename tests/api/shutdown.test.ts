import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, describe, expect, test } from 'vitest';

/** Its own server (same build, same test model), since this test stops it. */
const PORT = 3299;
const URL_BASE = `http://127.0.0.1:${PORT}`;
let server: ChildProcess | undefined;

async function startServer(): Promise<ChildProcess> {
  const child = spawn('node', ['scripts/serve.mjs'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOSTNAME: '127.0.0.1',
      MODEL_DIR: 'models/qwen3-embedding-test',
      SHUTDOWN_GRACE_MS: '20000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${URL_BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become ready');
}

afterAll(() => {
  server?.kill('SIGKILL');
});

describe('SIGTERM', () => {
  test('finishes the request in flight, refuses new ones, and exits 0', async () => {
    server = await startServer();
    const base = Array.from(
      { length: 600 },
      (_, i) => `shutdown probe ${i} ${'omega '.repeat(80 + (i % 60))}`,
    );
    const inFlight = fetch(`${URL_BASE}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ knowledgeBase: base, query: 'probe' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).results).toHaveLength(5);
    const [code] = await exited;
    expect(code).toBe(0);
  });
});
