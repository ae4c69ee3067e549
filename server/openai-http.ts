import 'server-only';
/**
 * What every /v1 route shares: the optional bearer-token check (API_KEY) and OpenAI's error shape
 * `{"error":{"message","type","param","code"}}`, with the same statuses (and Retry-After) as /api.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../lib/errors';
import { errorResponse, otherMethods, toAppError } from './http';
import { openAIErrorBody } from './openai-error-shape';
import { observe } from './request-observer';
import type { RoutePath } from './route-methods';
import { settings } from './settings';

/** Our error as OpenAI's: same status and headers, `param` = the field at fault. */
export function openAIErrorResponse(err: unknown): Response {
  const e = toAppError(err);
  const plain = errorResponse(e);
  const headers = new Headers(plain.headers);
  headers.delete('content-length');
  if (e.code === 'invalid_api_key') headers.set('WWW-Authenticate', 'Bearer');
  return Response.json(openAIErrorBody(e), { status: plain.status, headers });
}

/** SHA-256 both sides first so the comparison takes the same time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Throws invalid_api_key (401) unless API_KEY is unset or the request carries it as a bearer token. */
export function checkApiKey(request: Request, apiKey = settings().API_KEY): void {
  if (!apiKey) return;
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new AppError(
      'invalid_api_key',
      'Missing API key: send it as "Authorization: Bearer <key>" (this server sets API_KEY)',
    );
  }
  if (!sameSecret(match[1], apiKey)) throw new AppError('invalid_api_key', 'Incorrect API key provided');
}

/**
 * Wraps a /v1 handler: auth first, then any thrown error becomes OpenAI's error shape; every
 * request is logged and counted like /api's (server/request-observer.ts). `label` names a
 * catch-all route in logs and metrics.
 */
export function v1Route<C = unknown>(
  handler: (request: Request, context: C) => Promise<Response> | Response,
  label?: string,
) {
  return (request: Request, context: C): Promise<Response> =>
    observe(
      request,
      async () => {
        try {
          checkApiKey(request);
          return await handler(request, context);
        } catch (err) {
          return openAIErrorResponse(err);
        }
      },
      label,
    );
}

/** /v1's `otherMethods`: a 405 in OpenAI's error shape with `Allow`, and an OPTIONS that lists the served methods. */
export function v1OtherMethods(route: RoutePath) {
  return otherMethods(route, openAIErrorResponse);
}
