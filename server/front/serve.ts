/**
 * The production server: Next's request handler behind our own http.Server, which adds what
 * `next start` lacks when the port is reachable by others:
 * - SIGTERM is a graceful stop: new requests get a 503, requests in flight finish (bounded by
 *   SHUTDOWN_GRACE_MS), then exit 0 (`next start` exits 143 and waits without bound);
 * - deadlines for slow clients and caps on connections (./connections);
 * - a Host check against DNS rebinding (./host-check), per-client API limits (./client-limiter),
 *   and a JSON 405 for methods Next cannot route;
 * - a taken port or a bad setting stops the process with one line and a non-zero exit code.
 * Settings come from the same validated schema as the app's (../settings-schema).
 */
import http from 'node:http';
import next from 'next';
import { AppError, type ErrorCode } from '../../lib/errors';
import { parseSettings, type Settings } from '../settings-schema';
import { ClientLimiter } from './client-limiter';
import { clientAddress, guardConnections } from './connections';
import { checkHost } from './host-check';
import { UnreadResponses } from './unread-responses';

/** Methods Next's route handlers can serve; each route answers the ones it does not serve itself (405 + Allow). */
const ROUTABLE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
/** Pages and static files (the app has no server actions). */
const PAGE_METHODS = 'GET, HEAD';
/** For a method no route can serve, this layer cannot know the path's own methods: these are all the app serves. */
const APP_METHODS = 'GET, HEAD, POST, OPTIONS';
/** Health checks are never limited per client, so monitoring sees the truth under a flood. */
const UNLIMITED_PATHS = new Set(['/api/health']);

const isApiPath = (path: string) => path.startsWith('/api/') || path.startsWith('/v1/');

/**
 * Exits once the inference workers have stopped. `process.exit` while a worker is inside
 * onnxruntime's native code aborts the process (exit 134; see server/worker-stop.ts), so the
 * embedder, which Next's instrumentation keeps on globalThis, is closed first.
 */
async function exitAfterWorkersStop(code: number): Promise<never> {
  const holder = globalThis as { __semanticRadarEmbedder?: { close(): Promise<void> } };
  await holder.__semanticRadarEmbedder?.close().catch(() => {});
  process.exit(code);
}

function sendError(
  res: http.ServerResponse,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
  field?: string,
) {
  const error = new AppError(code, message, { field });
  res.writeHead(error.status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(error.toBody()));
}

function loadSettings(): Settings {
  try {
    return parseSettings();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

export async function serve(): Promise<http.Server> {
  const s = loadSettings();
  const app = next({ dev: false, hostname: s.HOSTNAME, port: s.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const limiter = new ClientLimiter({
    ratePerS: s.CLIENT_RATE_PER_S,
    burst: s.CLIENT_BURST,
    maxConcurrent: s.CLIENT_MAX_CONCURRENT,
  });
  const unread = new UnreadResponses();
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
        sendError(res, 'shutting_down', 'The server is shutting down', {
          Connection: 'close',
          'Retry-After': '5',
        });
        return;
      }
      unread.acknowledge(req.socket);
      const host = checkHost(req.headers.host, s.ALLOWED_HOSTS);
      if (host !== 'ok') {
        const code = host === 'missing' ? 'invalid_request' : 'misdirected_request';
        const message =
          host === 'missing'
            ? 'The request has no Host header'
            : 'This server does not answer to that host name (see ALLOWED_HOSTS)';
        sendError(res, code, message, { Connection: 'close' }, 'Host');
        return;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const method = req.method ?? 'GET';
      const api = isApiPath(path);
      if (!api && method !== 'GET' && method !== 'HEAD') {
        sendError(res, 'method_not_allowed', `${method} is not allowed here`, {
          Allow: PAGE_METHODS,
          Connection: 'close',
        });
        return;
      }
      if (api && !ROUTABLE_METHODS.has(method)) {
        sendError(res, 'method_not_allowed', `${method} is not allowed here`, {
          Allow: APP_METHODS,
          Connection: 'close',
        });
        return;
      }
      if (api && !UNLIMITED_PATHS.has(path)) {
        const client = clientAddress(req.socket);
        const admission = limiter.admit(client);
        if (!admission.ok) {
          const message =
            admission.reason === 'rate'
              ? `Too many requests from this client (limit ${s.CLIENT_RATE_PER_S} per second); retry in ${admission.retryAfterSeconds} s`
              : `Too many requests from this client at once (limit ${s.CLIENT_MAX_CONCURRENT}, counting large answers not yet read); wait for one to finish`;
          sendError(res, 'rate_limited', message, { 'Retry-After': String(admission.retryAfterSeconds) });
          return;
        }
        unread.releaseWhenRead(req, res, admission.release);
      }
      void handle(req, res);
    },
  );
  server.maxConnections = s.MAX_CONNECTIONS;
  const guard = guardConnections(server, {
    maxPerClient: s.MAX_CONNECTIONS_PER_CLIENT,
    bodyIdleTimeoutMs: s.BODY_IDLE_TIMEOUT_MS,
    sendTimeoutMs: s.SEND_TIMEOUT_MS,
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
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return server;
}
