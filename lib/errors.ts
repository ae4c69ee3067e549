/**
 * One error shape for the whole app. The server throws AppError; route handlers turn it into
 * `{ error: { code, message, field? } }` with the status from ERROR_STATUS; the browser's fetch
 * helper rebuilds an AppError from that JSON so the UI can show `message`.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_api_key: 401,
  not_found: 404,
  model_not_found: 404,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  payload_too_large: 413,
  misdirected_request: 421,
  queue_full: 429,
  rate_limited: 429,
  cancelled: 499,
  internal: 500,
  model_loading: 503,
  model_unavailable: 503,
  worker_crashed: 503,
  shutting_down: 503,
  out_of_memory: 503,
  /** A remote embedding backend (EMBEDDINGS_BASE_URL) answered with an error, refused us, or timed out. */
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  /** /api/tokenize on a remote backend: the tokenizer lives on the other server. */
  tokenizer_unavailable: 501,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The request field at fault (e.g. `knowledgeBase[3]`), for 400s. */
  readonly field?: string;
  /** Seconds a client should wait before retrying (sent as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, opts: { field?: string; retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = opts.field;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) },
    };
  }

  /**
   * True for an AppError from any copy of this module: Next bundles instrumentation and each route
   * separately, so an error thrown by the shared embedder may fail `instanceof` in a route.
   */
  static is(err: unknown): err is AppError {
    if (!(err instanceof Error) || err.name !== 'AppError') return false;
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && code in ERROR_STATUS;
  }

  static fromBody(body: unknown, fallbackStatus: number): AppError {
    const err = (body as Partial<ErrorBody> | null)?.error;
    if (err && typeof err.message === 'string' && typeof err.code === 'string' && err.code in ERROR_STATUS) {
      return new AppError(err.code, err.message, { field: err.field });
    }
    return new AppError(
      fallbackStatus >= 500 ? 'internal' : 'invalid_request',
      `Request failed (HTTP ${fallbackStatus})`,
    );
  }
}

export function invalid(field: string, message: string): AppError {
  return new AppError('invalid_request', `${field}: ${message}`, { field });
}
