/**
 * Defences at the socket level, for clients that are slow on purpose (Node's defaults let a socket
 * that sends one byte every few seconds live for minutes, and a few thousand such sockets exhaust
 * the process's file descriptors):
 * - a cap on open connections per client address (the overall cap is `server.maxConnections`);
 * - an idle timeout while a request body is being received;
 * - a send timeout: a response the client stops reading is dropped once no byte has been accepted
 *   for SEND_TIMEOUT_MS, so unread responses cannot pin memory for as long as the client likes.
 * Headers and whole-request deadlines are Node's own `headersTimeout` / `requestTimeout`; what Node
 * refuses itself (those deadlines, oversized or malformed headers) is answered as Node would, and
 * every refusal here is reported to `refused` (counted and logged: ./refusals).
 */
import type http from 'node:http';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import type { RefusalReason } from './refusals';

export interface ConnectionLimits {
  maxPerClient: number;
  bodyIdleTimeoutMs: number;
  sendTimeoutMs: number;
  refused: (reason: RefusalReason, client: string) => void;
}

/** How often stalled sends are looked for: a fraction of the timeout, at most once a second. */
const sweepEvery = (sendTimeoutMs: number) => Math.min(1000, Math.max(50, sendTimeoutMs / 4));

/** An address as clients are told apart: IPv4-mapped IPv6 written as plain IPv4. */
function plainAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** The client address a connection comes from. */
export function clientAddress(socket: net.Socket): string {
  return plainAddress(socket.remoteAddress);
}

interface SocketState {
  client: string;
  bytesWritten: number;
  stalledSince?: number;
  /** A request's headers have arrived and its body has not all arrived yet. */
  receivingBody?: boolean;
}

/** Node's own answers to what its parser refuses (what it writes when no 'clientError' listener is set). */
const CLIENT_ERROR_ANSWERS: Partial<Record<RefusalReason, string>> = {
  headers_timeout: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
  request_timeout: 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n',
  headers_too_large: 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
  malformed_request: 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n',
};

/** Why Node's parser gave up on a connection; undefined when the client simply went away. */
function clientErrorReason(
  code: string | undefined,
  state: SocketState | undefined,
): RefusalReason | undefined {
  if (code === 'ECONNRESET' || code === 'EPIPE') return undefined;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return state?.receivingBody ? 'request_timeout' : 'headers_timeout';
  if (code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  return 'malformed_request';
}

export function guardConnections(server: http.Server, limits: ConnectionLimits): { stop: () => void } {
  const perClient = new Map<string, number>();
  const sockets = new Map<net.Socket, SocketState>();

  server.on('connection', (socket: net.Socket) => {
    const client = clientAddress(socket);
    const open = (perClient.get(client) ?? 0) + 1;
    if (open > limits.maxPerClient) {
      limits.refused('connections_per_client', client);
      socket.destroy();
      return;
    }
    perClient.set(client, open);
    sockets.set(socket, { client, bytesWritten: 0 });
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
    const state = sockets.get(socket);
    if (state) state.receivingBody = true;
    const onIdle = () => {
      limits.refused('body_idle_timeout', state?.client ?? clientAddress(socket));
      socket.destroy();
    };
    socket.setTimeout(limits.bodyIdleTimeoutMs);
    socket.once('timeout', onIdle);
    req.once('end', () => {
      if (state) state.receivingBody = false;
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
      if (now - state.stalledSince >= limits.sendTimeoutMs) {
        limits.refused('send_timeout', state.client);
        socket.destroy();
      }
    }
  }, sweepEvery(limits.sendTimeoutMs));
  sweep.unref();

  // server.maxConnections refuses quietly; Node reports each refusal as 'drop'.
  server.on('drop', (data?: { remoteAddress?: string }) => {
    limits.refused('connections_total', plainAddress(data?.remoteAddress));
  });

  // With a listener, Node leaves the answer to us: the same as its own, after reporting the refusal.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const state = sockets.get(socket as net.Socket);
    const reason = clientErrorReason(err.code, state);
    if (reason) limits.refused(reason, state?.client ?? 'unknown');
    const answer = reason ? CLIENT_ERROR_ANSWERS[reason] : undefined;
    const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (answer && socket.writable && !answering?.headersSent) socket.write(answer);
    socket.destroy();
  });
  return { stop: () => clearInterval(sweep) };
}
