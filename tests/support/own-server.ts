/**
 * A test file's own server with the settings it needs, started before its tests and stopped
 * (SIGTERM, expecting exit 0) after them: `const server = ownServerForThisFile(3297, { … })`, then
 * `server().baseUrl` inside the tests.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { TEST_MODEL_DIR } from '../../server/model-files';
import { freePort, type ServerProcess, startServer, stopServer } from './server-process';

export function ownServerForThisFile(
  preferredPort: number,
  env: Record<string, string>,
): () => ServerProcess {
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    server = await startServer({ port: await freePort(preferredPort), modelDir: TEST_MODEL_DIR, env });
  });
  afterAll(async () => {
    if (server) expect(await stopServer(server, 10_000)).toBe(0);
  });
  return () => {
    if (!server) throw new Error('The server has not started');
    return server;
  };
}
