import 'server-only';
/**
 * What every API request leaves behind: one JSON log line (request id, route, status, duration,
 * texts and tokens — never the texts), the request metrics, and an `x-request-id` header. The line
 * is written when the last byte of the body has gone (or the client went away), so streamed
 * answers report their real duration.
 *
 * Texts and tokens are only known deep inside the embedder; it reports them with noteEmbedded(),
 * which finds the request it works for through AsyncLocalStorage.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { AppError } from '../lib/errors';
import { logger } from './logger';
import { recordRequest, routeLabel } from './metrics';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A client's id is kept when it is short and plain (it ends up in logs); else we make our own. */
const SANE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

interface RequestWork {
  texts: number;
  tokens: number;
  cached: number;
  /** Set when the request fails: its error code. */
  error?: string;
}

/**
 * On globalThis: Next bundles instrumentation (which creates the embedder) and each route
 * separately, and the embedder's copy of this module must find the route's store.
 */
const holder = globalThis as typeof globalThis & { __semanticRadarRequests?: AsyncLocalStorage<RequestWork> };
holder.__semanticRadarRequests ??= new AsyncLocalStorage<RequestWork>();
const storage = holder.__semanticRadarRequests;

/** Called by the embedder for every embed() call: adds to the current request's counts, if any. */
export function noteEmbedded(texts: number, tokens: number, cached: number): void {
  const work = storage.getStore();
  if (!work) return;
  work.texts += texts;
  work.tokens += tokens;
  work.cached += cached;
}

/** Records why the current request failed (also for errors reported inside a streamed answer). */
export function noteFailure(err: unknown): void {
  const work = storage.getStore();
  if (work) work.error ??= AppError.is(err) ? err.code : 'internal';
}

export function requestIdFrom(request: Request): string {
  const given = request.headers.get(REQUEST_ID_HEADER);
  return given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Health probes and metric scrapes come every few seconds: logged at debug, counted all the same. */
const QUIET_ROUTES = new Set(['/api/health', '/metrics']);

type Outcome = 'complete' | 'aborted' | 'failed';

/**
 * Runs `handle` for `request` and observes it; `handle` turns its own errors into responses.
 * `label` names the route for metrics and logs; by default its path (route handlers here have
 * fixed paths; metrics.routeLabel bounds the rest).
 */
export async function observe(
  request: Request,
  handle: () => Promise<Response>,
  label?: string,
): Promise<Response> {
  const started = performance.now();
  const id = requestIdFrom(request);
  const route = routeLabel(label ?? new URL(request.url).pathname);
  const work: RequestWork = { texts: 0, tokens: 0, cached: 0 };
  const response = await storage.run(work, handle);

  let finished = false;
  const finish = (outcome: Outcome) => {
    if (finished) return;
    finished = true;
    const seconds = (performance.now() - started) / 1000;
    recordRequest(route, response.status, seconds);
    const line = {
      requestId: id,
      method: request.method,
      route,
      status: response.status,
      durationMs: Math.round(seconds * 10_000) / 10,
      texts: work.texts,
      tokens: work.tokens,
      cached: work.cached,
      ...(work.error ? { error: work.error } : {}),
      ...(outcome !== 'complete' ? { outcome } : {}),
    };
    const level = QUIET_ROUTES.has(route) && response.status < 400 ? 'debug' : 'info';
    logger()[level](line, 'request');
  };
  // A client that has gone away never reads the body, and its stream may never be cancelled.
  if (request.signal.aborted) finish('aborted');
  else request.signal.addEventListener('abort', () => finish('aborted'), { once: true });
  return withRequestId(whenBodyDone(response, finish), id);
}

function withRequestId(response: Response, id: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, id);
    return response;
  } catch {
    // Immutable headers (a Response from fetch): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set(REQUEST_ID_HEADER, id);
    return copy;
  }
}

/** The same response, calling `done` once its body has been read to the end, failed, or been cancelled. */
function whenBodyDone(response: Response, done: (outcome: Outcome) => void): Response {
  if (!response.body) {
    done('complete');
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          controller.close();
          done('complete');
        } else controller.enqueue(value);
      } catch (err) {
        done('failed');
        controller.error(err);
      }
    },
    cancel(reason) {
      done('aborted');
      return reader.cancel(reason);
    },
  });
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}
