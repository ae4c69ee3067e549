/**
 * Defences at the socket level, for clients that are slow on purpose (Node's defaults let a socket
 * that sends one byte every few seconds live for minutes, and a few thousand such sockets exhaust
 * the process's file descriptors):
 * - a cap on open connections per client address (the overall cap is `server.maxConnections`);
 * - an idle timeout while a request body is being received;
 * - a send timeout: a response the client stops reading is dropped once no byte has been accepted
 *   for SEND_TIMEOUT_MS, so unread responses cannot pin memory for as long as the client likes.
 * Headers and whole-request deadlines are Node's own `headersTimeout` / `requestTimeout`.
 */
import type http from 'node:http';
import type net from 'node:net';

export interface ConnectionLimits {
  maxPerClient: number;
  bodyIdleTimeoutMs: number;
  sendTimeoutMs: number;
}

/** How often stalled sends are looked for: a fraction of the timeout, at most once a second. */
const sweepEvery = (sendTimeoutMs: number) => Math.min(1000, Math.max(50, sendTimeoutMs / 4));

/** The client address a connection comes from, IPv4-mapped IPv6 written as plain IPv4. */
export function clientAddress(socket: net.Socket): string {
  const address = socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

interface SendState {
  bytesWritten: number;
  stalledSince?: number;
}

export function guardConnections(server: http.Server, limits: ConnectionLimits): { stop: () => void } {
  const perClient = new Map<string, number>();
  const sockets = new Map<net.Socket, SendState>();

  server.on('connection', (socket: net.Socket) => {
    const client = clientAddress(socket);
    const open = (perClient.get(client) ?? 0) + 1;
    if (open > limits.maxPerClient) {
      socket.destroy();
      return;
    }
    perClient.set(client, open);
    sockets.set(socket, { bytesWritten: 0 });
    socket.once('close', () => {
      sockets.delete(socket);
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) perClient.set(client, left);
      else perClient.delete(client);
    });
  });

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'];
    if (!hasBody || req.complete) return;
    const socket = req.socket;
    const onIdle = () => socket.destroy();
    socket.setTimeout(limits.bodyIdleTimeoutMs);
    socket.once('timeout', onIdle);
    req.once('end', () => {
      socket.off('timeout', onIdle);
      // Once the response has finished, Node owns the socket's timeout (keep-alive): leave it.
      if (!res.writableFinished) socket.setTimeout(0);
    });
  });

  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [socket, state] of sockets) {
      const waiting = socket.writableLength > 0;
      if (!waiting || socket.bytesWritten !== state.bytesWritten) {
        state.bytesWritten = socket.bytesWritten;
        state.stalledSince = waiting ? now : undefined;
        continue;
      }
      state.stalledSince ??= now;
      if (now - state.stalledSince >= limits.sendTimeoutMs) socket.destroy();
    }
  }, sweepEvery(limits.sendTimeoutMs));
  sweep.unref();
  return { stop: () => clearInterval(sweep) };
}
