import 'server-only';
/**
 * What every route handler shares: reading a bounded JSON body, validating it with the shared zod
 * schema (a 400 that names the field), and turning any error into the one error shape.
 */
import type { z } from 'zod';
import { AppError, type ErrorCode, invalid } from '../lib/errors';
import { nestsDeeperThan } from './json-depth';
import { logger } from './logger';
import { noteFailure, observe } from './request-observer';
import {
  allowHeader,
  ROUTE_METHODS,
  type RouteMethod,
  type RoutePath,
  SERVED_METHODS,
} from './route-methods';
import { settings } from './settings';

/**
 * Deepest JSON nesting a request body may have. The app's bodies are two levels deep (an object
 * holding arrays of strings; token-id inputs would be three); a body nested millions of levels costs
 * JSON.parse seconds of the event loop, so anything past this is refused before parsing.
 */
export const MAX_JSON_DEPTH = 8;

/** Refusals sent before the body is read: the connection closes instead of reading the rest to the end. */
const BODY_UNREAD: ReadonlySet<ErrorCode> = new Set([
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'method_not_allowed',
]);

/** Reads the body as JSON, refusing a wrong Content-Type (415) and anything over MAX_BODY_BYTES (413) before parsing. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const limit = settings().MAX_BODY_BYTES;
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError(
      'unsupported_media_type',
      `Content-Type must be application/json (got "${type || 'none'}")`,
      { field: 'Content-Type' },
    );
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw tooLarge(limit);
  const bytes = await readBytesWithin(request, limit);
  if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) {
    throw new AppError('invalid_request', `body: JSON nested deeper than ${MAX_JSON_DEPTH} levels`, {
      field: 'body',
    });
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new AppError('invalid_request', `body: malformed JSON (${(err as Error).message})`, {
      field: 'body',
    });
  }
}

function tooLarge(limit: number) {
  return new AppError('payload_too_large', `The request body is larger than ${limit} bytes`, {
    field: 'body',
  });
}

/**
 * Streams the body, stopping as soon as it passes the limit (a chunked upload has no Content-Length).
 * A client that goes away mid-upload is a quiet `cancelled`, not a server error.
 */
async function readBytesWithin(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new AppError('cancelled', 'The client went away while sending the request');
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** "knowledgeBase", 3 → "knowledgeBase[3]". */
function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, key) =>
        typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
      '',
    ) || 'body'
  );
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (value, key) => (value as Record<PropertyKey, unknown> | undefined)?.[key],
    body,
  );
}

export function parseWith<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('body', 'must be a JSON object');
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw invalid('body', 'is invalid');
  const field = fieldPath(issue.path);
  const missing = issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined;
  const message = missing ? 'is required' : issue.message;
  throw invalid(field, message);
}

/** One vector as a JSON array, straight from the float array (no intermediate number[]). */
export function vectorJson(vector: Float32Array): string {
  let out = '[';
  for (let i = 0; i < vector.length; i++) {
    const x = vector[i] as number;
    out += (i ? ',' : '') + (Number.isFinite(x) ? x : 'null');
  }
  return `${out}]`;
}

/**
 * A JSON response `{ [key]: rows, ...rest }` for bodies dominated by vectors (2,048 embeddings of
 * 4,096 floats is ~80 MB of JSON). The rows are serialised a slice at a time as the client reads,
 * each by `rowJson(i)` from the float arrays themselves: the event loop is never blocked for the
 * whole body, and a slow reader costs the float arrays, not a copy of them as numbers and strings.
 * `onDone` runs once when the body has been sent or abandoned.
 */
export function jsonResponseStreamingRows(
  rest: object,
  key: string,
  count: number,
  rowJson: (index: number) => string,
  onDone: () => void = () => {},
  rowsPerSlice = 32,
): Response {
  const tail = JSON.stringify(rest);
  const encoder = new TextEncoder();
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const rows: string[] = [];
      for (let i = next; i < Math.min(count, next + rowsPerSlice); i++) rows.push(rowJson(i));
      const head = next === 0 ? `{${JSON.stringify(key)}:[` : ',';
      next += rowsPerSlice;
      const done = next >= count;
      const end = done ? `]${tail === '{}' ? '}' : `,${tail.slice(1)}`}` : '';
      controller.enqueue(encoder.encode(head + rows.join(',') + end));
      if (done) {
        controller.close();
        onDone();
      }
    },
    cancel: onDone,
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/json' } });
}

/** jsonResponseStreamingRows for plain vectors: `{ [key]: number[][], ...rest }`. */
export function jsonResponseStreamingVectors(
  rest: object,
  key: string,
  vectors: readonly Float32Array[],
  onDone: () => void = () => {},
  rowsPerSlice = 32,
): Response {
  return jsonResponseStreamingRows(
    rest,
    key,
    vectors.length,
    (i) => vectorJson(vectors[i] as Float32Array),
    onDone,
    rowsPerSlice,
  );
}

type Handler = (request: Request) => Response;

/**
 * Handlers for the methods `route` does not serve (server/route-methods.ts): 405 in the error shape
 * `respond` writes, with `Allow`, and an OPTIONS that lists the served ones (Next's automatic
 * OPTIONS would list these 405 handlers too). A route exports the ones it needs:
 * `export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods('/api/search')`.
 */
export function otherMethods(
  route: RoutePath,
  respond: (err: AppError) => Response = errorResponse,
): Record<RouteMethod | 'OPTIONS', Handler> {
  const served: readonly RouteMethod[] = SERVED_METHODS[route];
  const allow = allowHeader(served);
  const refuse: Handler = (request) => {
    const response = respond(
      new AppError('method_not_allowed', `${request.method} is not allowed here; use ${served.join(' or ')}`),
    );
    response.headers.set('Allow', allow);
    return response;
  };
  const handlers = Object.fromEntries(ROUTE_METHODS.map((m) => [m, refuse])) as Record<RouteMethod, Handler>;
  const options: Handler = () => new Response(null, { status: 204, headers: { Allow: allow } });
  return { ...handlers, OPTIONS: options };
}

/**
 * The one translation of a thrown value into the API's error: an AppError as it is; anything else is
 * a bug, logged here with its stack and answered as a generic 500 that leaks no internals.
 */
export function toAppError(err: unknown): AppError {
  noteFailure(err); // the request's log line says why it failed
  if (AppError.is(err)) return err;
  logger().error({ err }, 'unexpected error');
  return new AppError('internal', 'Internal server error');
}

export function errorResponse(err: unknown): Response {
  const e = toAppError(err);
  const headers: Record<string, string> = {};
  if (e.retryAfterSeconds !== undefined) headers['Retry-After'] = String(e.retryAfterSeconds);
  // Otherwise Node reads the unread rest of the body to the end to keep the connection alive.
  if (BODY_UNREAD.has(e.code)) headers.Connection = 'close';
  return Response.json(e.toBody(), { status: e.status, headers });
}

/**
 * Wraps a route handler so that anything it throws is answered as the JSON error shape, and every
 * request is logged and counted (server/request-observer.ts). `label` names the route in logs and
 * metrics when its path is not fixed (a catch-all).
 */
export function withJsonErrors(handler: (request: Request) => Promise<Response>, label?: string) {
  return (request: Request): Promise<Response> =>
    observe(
      request,
      async () => {
        try {
          return await handler(request);
        } catch (err) {
          return errorResponse(err);
        }
      },
      label,
    );
}
