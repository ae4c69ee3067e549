/**
 * Tests that need a server of their own (same build, same entry point as `npm start`): stopping
 * it, or starting it on a broken model folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { TEST_MODEL_DIR } from '../../server/model-files';
import { freePort, type ServerProcess, startServer, stopServer } from '../support/server-process';

let server: ServerProcess | undefined;
afterEach(async () => {
  if (server) await stopServer(server, 5_000);
  server = undefined;
});

describe('SIGTERM', () => {
  test('finishes the request in flight and exits 0', async () => {
    server = await startServer({
      port: await freePort(3299),
      modelDir: TEST_MODEL_DIR,
      env: { SHUTDOWN_GRACE_MS: '20000' },
    });
    // Several seconds of work for the test model, so the signal lands while it runs.
    const base = Array.from(
      { length: 600 },
      (_, i) => `shutdown probe ${i} ${'omega '.repeat(80 + (i % 60))}`,
    );
    const inFlight = fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ knowledgeBase: base, query: 'probe' }),
    });
    await new Promise((r) => setTimeout(r, 300));
    const exitCode = stopServer(server);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await response.json()).results).toHaveLength(5);
    expect(await exitCode).toBe(0);
  });
});

describe('a broken model folder', () => {
  test('the server still starts; /api/health is 503 naming the missing file without the server path, and searches get a 503 JSON error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semantic-radar-broken-'));
    fs.cpSync(TEST_MODEL_DIR, dir, { recursive: true });
    fs.rmSync(path.join(dir, 'onnx', 'model.onnx'));
    server = await startServer({
      port: await freePort(3298),
      modelDir: dir,
      isReady: (_status, health) => health.status === 'error',
    });

    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(health.status).toBe(503);
    const message: string = (await health.json()).message;
    expect(message).toContain(path.join('onnx', 'model.onnx'));
    // The public message names the file within the model folder, never where the folder is on the server.
    expect(message).not.toContain(dir);

    const search = await fetch(`${server.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ knowledgeBase: ['a'], query: 'b' }),
    });
    expect(search.status).toBe(503);
    expect((await search.json()).error.code).toBe('model_unavailable');
    expect((await fetch(server.baseUrl)).status).toBe(200);
  });
});
