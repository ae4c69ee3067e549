/**
 * autocannon 9 ships no TypeScript types; these cover the part of its programmatic API the load
 * test uses. (Its own `requests.sent` over-counts when a rate is set, by the per-connection rate
 * for each connection, so the load test counts the requests it builds instead.)
 */
import { createRequire } from 'node:module';

export interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Called once per request sent, so each one can have its own body. */
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest & { body: string };
  /** Called with every response: status, body text, context, headers (names as the server sent them). */
  onResponse?: (
    status: number,
    body: string,
    context: unknown,
    headers: Record<string, string | string[]>,
  ) => void;
}

export interface AutocannonOptions {
  url: string;
  connections: number;
  /** Total requests; the run ends once every one has been answered (or has errored). */
  amount: number;
  /** Requests per second across all connections (absent: as fast as responses come back). */
  overallRate?: number;
  /** Seconds before a request counts as timed out. */
  timeout: number;
  requests: AutocannonRequest[];
}

export interface AutocannonResult {
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}

export interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, latencyMs: number) => void,
  ): void;
  on(event: 'reqError', fn: (err: Error) => void): void;
  stop(): void;
}

export const autocannon = createRequire(import.meta.url)('autocannon') as (
  opts: AutocannonOptions,
) => AutocannonInstance;
