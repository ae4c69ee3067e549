/**
 * OpenAI's error shape `{"error":{"message","type","param","code"}}` for an AppError: what /v1
 * answers, whether the refusal comes from a route (server/openai-http.ts) or from the front server
 * before Next sees the request (server/front/). No `server-only` marker for that reason.
 */
import type { AppError } from '../lib/errors';
import type { OpenAIErrorBody } from '../lib/openai-schemas';

/** OpenAI's paths: everything under /v1 answers in its error shape. */
export const isOpenAIPath = (path: string): boolean => path === '/v1' || path.startsWith('/v1/');

/** OpenAI's `type` for a status: what its SDKs and clients switch on besides the status itself. */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Our error as OpenAI's: `param` is the field at fault. */
export function openAIErrorBody(e: AppError): OpenAIErrorBody {
  return { error: { message: e.message, type: errorType(e.status), param: e.field ?? null, code: e.code } };
}
