/**
 * The production server: Next's request handler behind our own http.Server, so that SIGTERM is a
 * graceful stop: refuse new requests (503 JSON), let the ones in flight finish (bounded by
 * SHUTDOWN_GRACE_MS), then exit 0. `next start` exits 143 and waits without bound.
 */
import http from 'node:http';
import next from 'next';

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '0.0.0.0';
const graceMs = Number(process.env.SHUTDOWN_GRACE_MS || 30_000);

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

let draining = false;
const server = http.createServer((req, res) => {
  if (draining) {
    res.writeHead(503, { 'Content-Type': 'application/json', Connection: 'close', 'Retry-After': '5' });
    res.end(JSON.stringify({ error: { code: 'shutting_down', message: 'The server is shutting down' } }));
    return;
  }
  handle(req, res);
});
server.listen(port, hostname, () => console.log(`Semantic Radar listening on http://${hostname}:${port}`));

function shutdown(signal) {
  if (draining) return;
  draining = true;
  console.log(`${signal}: finishing requests in flight (up to ${graceMs} ms), then exiting`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => {
    console.log('Grace period over: closing the remaining connections');
    server.closeAllConnections();
    process.exit(0);
  }, graceMs).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
