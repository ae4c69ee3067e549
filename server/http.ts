import 'server-only';
/**
 * What every route handler shares: reading a bounded JSON body, validating it with the shared zod
 * schema (a 400 that names the field), and turning any error into the one error shape.
 */
import type { z } from 'zod';
import { AppError, invalid } from '../lib/errors';
import { settings } from './settings';

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
  const text = await readTextWithin(request, limit);
  try {
    return JSON.parse(text);
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

/** Streams the body, stopping as soon as it passes the limit (a chunked upload has no Content-Length). */
async function readTextWithin(request: Request, limit: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
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

/**
 * Response.json for bodies with one huge array (2,048 embeddings of 4,096 floats is ~80 MB of
 * JSON): the array is serialised a slice at a time as the client reads, so the event loop is
 * never blocked for the whole stringify and health checks keep answering.
 */
export function jsonResponseStreamingArray<T extends object>(
  value: T,
  key: keyof T & string,
  rowsPerSlice = 32,
): Response {
  const rows = value[key] as unknown[];
  const rest = JSON.stringify({ ...value, [key]: undefined });
  const encoder = new TextEncoder();
  let next = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const slice = rows.slice(next, next + rowsPerSlice).map((row) => JSON.stringify(row));
      const head = next === 0 ? `{${JSON.stringify(key)}:[` : ',';
      next += rowsPerSlice;
      const done = next >= rows.length;
      const tail = done ? `]${rest === '{}' ? '}' : `,${rest.slice(1)}`}` : '';
      controller.enqueue(encoder.encode(head + slice.join(',') + tail));
      if (done) controller.close();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'application/json' } });
}

/**
 * The one translation of a thrown value into the API's error: an AppError as it is; anything else is
 * a bug, logged here with its stack and answered as a generic 500 that leaks no internals.
 */
export function toAppError(err: unknown): AppError {
  if (AppError.is(err)) return err;
  console.error('[api] unexpected error:', err);
  return new AppError('internal', 'Internal server error');
}

export function errorResponse(err: unknown): Response {
  const e = toAppError(err);
  const headers: Record<string, string> = {};
  if (e.retryAfterSeconds !== undefined) headers['Retry-After'] = String(e.retryAfterSeconds);
  // The unread rest of an oversized body would otherwise be taken for the next request on this connection.
  if (e.code === 'payload_too_large') headers.Connection = 'close';
  return Response.json(e.toBody(), { status: e.status, headers });
}

/** Wraps a route handler so that anything it throws is answered as the JSON error shape. */
export function withJsonErrors(handler: (request: Request) => Promise<Response>) {
  return async (request: Request): Promise<Response> => {
    try {
      return await handler(request);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
