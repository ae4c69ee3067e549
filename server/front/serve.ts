/**
 * The production server: Next's request handler behind our own http.Server, which adds what
 * `next start` lacks when the port is reachable by others:
 * - SIGTERM is a graceful stop: new requests get a 503, requests in flight finish (bounded by
 *   SHUTDOWN_GRACE_MS), then exit 0 (`next start` exits 143 and waits without bound);
 * - deadlines for slow clients and caps on connections (./connections);
 * - a Host check against DNS rebinding, per-client API limits, and a JSON 405 with the path's own
 *   `Allow` for methods Next cannot route (./request-gate);
 * - every refusal counted in /metrics and logged, a flood without flooding the log (./refusals);
 * - a taken port or a bad setting stops the process with one line and a non-zero exit code.
 * Settings come from the same validated schema as the app's (../settings-schema).
 */
import http from 'node:http';
import next from 'next';
import { heldEmbedder } from '../embedder-holder';
import { processLogger } from '../process-logger';
import { parseSettings, type Settings } from '../settings-schema';
import { clientAddress, guardConnections } from './connections';
import { createRefusals } from './refusals';
import { createRequestGate, requestPath, sendError } from './request-gate';
import { UnreadResponses } from './unread-responses';

/**
 * Exits once the inference workers have stopped. `process.exit` while a worker is inside
 * onnxruntime's native code aborts the process (exit 134; see server/worker-stop.ts), so the
 * embedder (../embedder-holder) is closed first.
 */
async function exitAfterWorkersStop(code: number): Promise<never> {
  await heldEmbedder()
    ?.close()
    .catch(() => {});
  process.exit(code);
}

function loadSettings(): Settings {
  try {
    return parseSettings();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

/**
 * A parent that stops reading our output (a supervisor gone, a test harness that timed out) makes
 * every write fail with EPIPE. Unhandled, that error reaches Next's uncaught-exception handler, which
 * logs it to the same broken stream: a busy loop that never exits. Lost log lines are the lesser harm.
 */
function ignoreBrokenOutput(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}

/** Until the server listens, a stop signal stops at once (after the workers, see above). */
function exitOnSignalWhileStarting(): () => void {
  const stop = () => void exitAfterWorkersStop(0);
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  };
}

export async function serve(): Promise<http.Server> {
  ignoreBrokenOutput();
  const s = loadSettings();
  const started = exitOnSignalWhileStarting();
  const app = next({ dev: false, hostname: s.HOSTNAME, port: s.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const log = processLogger(s.LOG_LEVEL).child({ component: 'front' });
  const refused = createRefusals((line) => log.warn(line, 'refused'));
  const unread = new UnreadResponses();
  const gate = createRequestGate(s, unread, refused);
  let draining = false;

  const server = http.createServer(
    {
      headersTimeout: s.HEADERS_TIMEOUT_MS,
      requestTimeout: s.REQUEST_TIMEOUT_MS,
      // Node checks those deadlines on this interval (default 30 s, which would let them overrun).
      connectionsCheckingInterval: Math.min(1000, s.HEADERS_TIMEOUT_MS / 2),
    },
    (req, res) => {
      if (draining) {
        refused('shutting_down', clientAddress(req.socket));
        sendError(res, requestPath(req), 'shutting_down', 'The server is shutting down', {
          Connection: 'close',
          'Retry-After': '5',
        });
        return;
      }
      unread.acknowledge(req.socket);
      if (!gate(req, res)) void handle(req, res);
    },
  );
  server.maxConnections = s.MAX_CONNECTIONS;
  const guard = guardConnections(server, {
    maxPerClient: s.MAX_CONNECTIONS_PER_CLIENT,
    bodyIdleTimeoutMs: s.BODY_IDLE_TIMEOUT_MS,
    sendTimeoutMs: s.SEND_TIMEOUT_MS,
    refused,
  });

  server.once('error', (err: NodeJS.ErrnoException) => {
    const reason =
      err.code === 'EADDRINUSE'
        ? `port ${s.PORT} on ${s.HOSTNAME} is already in use (set PORT to another port)`
        : err.message;
    console.error(`Semantic Radar could not start: ${reason}`);
    process.exit(1);
  });
  server.listen(s.PORT, s.HOSTNAME, () =>
    console.log(`Semantic Radar listening on http://${s.HOSTNAME}:${s.PORT}`),
  );

  const shutdown = (signal: string) => {
    if (draining) return;
    draining = true;
    guard.stop();
    console.log(`${signal}: finishing requests in flight (up to ${s.SHUTDOWN_GRACE_MS} ms), then exiting`);
    server.close(() => void exitAfterWorkersStop(0));
    server.closeIdleConnections();
    setTimeout(() => {
      console.log('Grace period over: closing the remaining connections');
      server.closeAllConnections();
      void exitAfterWorkersStop(0);
    }, s.SHUTDOWN_GRACE_MS).unref();
  };
  started();
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return server;
}
