/** HTTP from a chosen loopback address (127.0.0.x) and raw sockets, for tests of per-client limits and slow clients. */
import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export function request(
  baseUrl: string,
  opts: {
    method?: string;
    path: string;
    /** Sent as JSON. */
    body?: unknown;
    /** Sent as is (Content-Type from `headers`). */
    raw?: string;
    headers?: Record<string, string>;
    from?: string;
  },
): Promise<RawResponse> {
  const url = new URL(opts.path, baseUrl);
  const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: opts.method ?? (body ? 'POST' : 'GET'),
        localAddress: opts.from,
        agent: false,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => {
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw TCP connection to `baseUrl` from `from`; resolves once connected. */
export function connect(baseUrl: string, from?: string): Promise<net.Socket> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port), localAddress: from });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves when the server closes (or resets) the socket. */
export function closed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    socket.once('close', () => resolve());
    socket.on('error', () => {});
  });
}

/** Sends `raw` on a fresh socket from `from`; resolves with everything the server answered before it closed. */
export async function rawExchange(baseUrl: string, raw: string, from?: string): Promise<string> {
  const socket = await connect(baseUrl, from);
  let answer = '';
  socket.on('data', (chunk) => {
    answer += chunk;
  });
  const done = closed(socket);
  socket.write(raw);
  await done;
  return answer;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The front server's refusals so far, by reason, from `/metrics` (`semantic_radar_refusals_total`). */
export async function refusalCounts(baseUrl: string): Promise<Record<string, number>> {
  const res = await request(baseUrl, { path: '/metrics' });
  const counts: Record<string, number> = {};
  for (const [, reason, value] of res.text.matchAll(
    /^semantic_radar_refusals_total\{reason="(\w+)"\} (\d+)$/gm,
  ))
    counts[reason as string] = Number(value);
  return counts;
}
