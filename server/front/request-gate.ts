/**
 * The checks every request passes before Next sees it: the Host (./host-check), methods no route
 * can serve (server/route-methods.ts gives each path's own `Allow`), and the per-client API limits
 * (./client-limiter). A refusal is answered here, in the error shape of its path (OpenAI's under
 * /v1), and reported (counted and logged: ./refusals).
 */
import type http from 'node:http';
import { AppError, type ErrorCode } from '../../lib/errors';
import { isOpenAIPath, openAIErrorBody } from '../openai-error-shape';
import { allowHeader, PAGE_METHODS, ROUTE_METHODS, routeOf, SERVED_METHODS } from '../route-methods';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../security-headers.mjs';
import type { Settings } from '../settings-schema';
import { ClientLimiter } from './client-limiter';
import { clientAddress } from './connections';
import { checkHost } from './host-check';
import type { RefusalReason } from './refusals';
import type { UnreadResponses } from './unread-responses';

/** The security headers Next would have set on an API answer (server/security-headers.mjs). */
const ANSWER_HEADERS = Object.fromEntries(
  [...SECURITY_HEADERS, API_CONTENT_SECURITY_POLICY].map(({ key, value }) => [key, value]),
);

/** Methods Next's route handlers can be called with; each route refuses the ones it does not serve itself. */
const ROUTABLE_METHODS = new Set<string>([...ROUTE_METHODS, 'OPTIONS']);
const PAGE_METHOD_SET = new Set<string>(PAGE_METHODS);
/** Health checks are never limited per client, so monitoring sees the truth under a flood. */
const UNLIMITED_PATHS = new Set(['/api/health']);

const isApiPath = (path: string) => path.startsWith('/api/') || isOpenAIPath(path);

/** The request's path, without the query. */
export const requestPath = (req: http.IncomingMessage): string => (req.url ?? '/').split('?')[0] ?? '/';

/** Sends `code` as the JSON error of `path`'s API (OpenAI's shape under /v1). */
export function sendError(
  res: http.ServerResponse,
  path: string,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
  field?: string,
): void {
  const error = new AppError(code, message, { field });
  const body = isOpenAIPath(path) ? openAIErrorBody(error) : error.toBody();
  res.writeHead(error.status, { 'Content-Type': 'application/json', ...ANSWER_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}

type Refused = (reason: RefusalReason, client: string) => void;

/** Answers requests that must not reach Next; returns true when it did. */
export function createRequestGate(
  s: Settings,
  unread: UnreadResponses,
  refused: Refused,
): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const limiter = new ClientLimiter({
    ratePerS: s.CLIENT_RATE_PER_S,
    burst: s.CLIENT_BURST,
    maxConcurrent: s.CLIENT_MAX_CONCURRENT,
  });

  return (req, res) => {
    const client = clientAddress(req.socket);
    const path = requestPath(req);
    const refuse = (
      reason: RefusalReason,
      code: ErrorCode,
      message: string,
      headers: Record<string, string>,
      field?: string,
    ) => {
      refused(reason, client);
      sendError(res, path, code, message, headers, field);
      return true;
    };

    const host = checkHost(req.headers.host, s.ALLOWED_HOSTS);
    if (host === 'missing') {
      return refuse(
        'host_missing',
        'invalid_request',
        'The request has no Host header',
        { Connection: 'close' },
        'Host',
      );
    }
    if (host === 'not_allowed') {
      const message = 'This server does not answer to that host name (see ALLOWED_HOSTS)';
      return refuse('host_not_allowed', 'misdirected_request', message, { Connection: 'close' }, 'Host');
    }

    const method = req.method ?? 'GET';
    const route = routeOf(path);
    const api = isApiPath(path);
    const refuseMethod = (allow: string) =>
      refuse('method_not_allowed', 'method_not_allowed', `${method} is not allowed here`, {
        Allow: allow,
        Connection: 'close',
      });
    if (route && !ROUTABLE_METHODS.has(method)) return refuseMethod(allowHeader(SERVED_METHODS[route]));
    if (!route && !api && !PAGE_METHOD_SET.has(method)) return refuseMethod(PAGE_METHODS.join(', '));
    if (!route && api && !ROUTABLE_METHODS.has(method)) {
      // No route here for any method: what Next's catch-all answers for the methods it can route.
      sendError(res, path, 'not_found', `No API route at ${path}`, { Connection: 'close' });
      return true;
    }

    if (api && !UNLIMITED_PATHS.has(path)) {
      const admission = limiter.admit(client);
      if (!admission.ok) {
        const rate = admission.reason === 'rate';
        const message = rate
          ? `Too many requests from this client (limit ${s.CLIENT_RATE_PER_S} per second); retry in ${admission.retryAfterSeconds} s`
          : `Too many requests from this client at once (limit ${s.CLIENT_MAX_CONCURRENT}, counting large answers not yet read); wait for one to finish`;
        return refuse(rate ? 'client_rate' : 'client_concurrency', 'rate_limited', message, {
          'Retry-After': String(admission.retryAfterSeconds),
        });
      }
      unread.releaseWhenRead(req, res, admission.release);
    }
    return false;
  };
}
