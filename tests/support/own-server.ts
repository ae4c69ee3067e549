/**
 * A test file's own server with the settings it needs, started before its tests and stopped
 * (SIGTERM, expecting exit 0) after them: `const server = ownServerForThisFile({ … })`, then
 * `server().baseUrl` inside the tests. The port is one the OS picks: a fixed one can be taken by
 * another copy of the suite on a shared machine between the check and the server's listen, which
 * comes seconds later, after Next has prepared.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { TEST_MODEL_DIR } from '../../server/model-files';
import { freePort, type ServerProcess, startServer, stopServer } from './server-process';

export function ownServerForThisFile(env: Record<string, string>): () => ServerProcess {
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    server = await startServer({ port: await freePort(0), modelDir: TEST_MODEL_DIR, env });
  });
  afterAll(async () => {
    if (server) expect(await stopServer(server, 10_000)).toBe(0);
  });
  return () => {
    if (!server) throw new Error('The server has not started');
    return server;
  };
}
