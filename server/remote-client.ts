import 'server-only';
/**
 * A small client for any OpenAI-compatible embeddings server (TEI, vLLM, Infinity, Ollama,
 * OpenAI, another instance of this app). Each call has one deadline (retries included); 429 and
 * 5xx answers and refused connections are retried a bounded number of times, waiting as
 * Retry-After asks; what finally fails becomes a clear 400/502/503/504 carrying the upstream's
 * own message, so a person can tell a wrong key from a dead server from an overloaded one.
 */
import { AppError, invalid } from '../lib/errors';
import { base64ToFloat32 } from '../lib/float32-base64';
import {
  openAIEmbeddingsAnswerSchema,
  openAIModelListAnswerSchema,
  type RemoteModelCard,
} from '../lib/openai-schemas';
import { linkedAbort } from './linked-abort';

export interface RemoteClientOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  maxRetries: number;
}

export interface RemoteEmbeddings {
  vectors: Float32Array[];
  promptTokens?: number;
  model?: string;
}

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 4_000;
/** Enough of an upstream's error body to say what went wrong, not a whole HTML page. */
const MAX_UPSTREAM_MESSAGE_CHARS = 300;

/** A failed attempt, and whether trying again could help. */
class AttemptError extends Error {
  constructor(
    readonly final: AppError,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(final.message);
  }
}

export class RemoteClient {
  readonly baseUrl: string;

  constructor(private readonly opts: RemoteClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
  }

  /** The models GET {base}/models lists (empty when its answer is not a model list). */
  async listModels(signal?: AbortSignal): Promise<RemoteModelCard[]> {
    const body = await this.call('GET', '/models', undefined, signal, 'model');
    const parsed = openAIModelListAnswerSchema.safeParse(body);
    return parsed.success ? parsed.data.data : [];
  }

  /** Embeds one batch; vectors in input order. `field` names the request field for a refused input. */
  async embed(
    input: string[] | number[][],
    model: string | undefined,
    signal?: AbortSignal,
    field = 'input',
  ): Promise<RemoteEmbeddings> {
    const body = await this.call(
      'POST',
      '/embeddings',
      { input, model, encoding_format: 'float' },
      signal,
      field,
    );
    const parsed = openAIEmbeddingsAnswerSchema.safeParse(body);
    if (!parsed.success || parsed.data.data.length !== input.length) {
      throw new AppError(
        'upstream_error',
        `The embedding backend at ${this.baseUrl} answered with something other than ${input.length} embeddings`,
      );
    }
    const vectors: Float32Array[] = new Array(input.length);
    for (const row of parsed.data.data) {
      vectors[row.index] =
        typeof row.embedding === 'string' ? base64ToFloat32(row.embedding) : Float32Array.from(row.embedding);
    }
    if (vectors.some((v) => !v))
      throw new AppError('upstream_error', `The embedding backend at ${this.baseUrl} skipped some inputs`);
    return { vectors, promptTokens: parsed.data.usage?.prompt_tokens, model: parsed.data.model };
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
    field: string,
  ): Promise<unknown> {
    const deadline = Date.now() + this.opts.timeoutMs;
    // Not AbortSignal.any: it holds the caller's signal, and all it reaches, until the timeout fires.
    const link = linkedAbort([signal]);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      link.abort();
    }, this.opts.timeoutMs);
    const stopped = () => {
      if (signal?.aborted) return new AppError('cancelled', 'The request was cancelled');
      if (timedOut) return this.timedOut();
      return undefined;
    };
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await this.attempt(method, path, body, link.signal, field);
        } catch (err) {
          const stop = stopped();
          if (stop) throw stop;
          if (!(err instanceof AttemptError)) throw err;
          const waitMs = err.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
          if (!err.retryable || attempt >= this.opts.maxRetries || Date.now() + waitMs >= deadline)
            throw err.final;
          await sleep(waitMs, link.signal).catch(() => {});
          const stopAfterWait = stopped();
          if (stopAfterWait) throw stopAfterWait;
        }
      }
    } finally {
      clearTimeout(timer);
      link.dispose();
    }
  }

  private timedOut() {
    return new AppError(
      'upstream_timeout',
      `The embedding backend at ${this.baseUrl} did not answer within ${this.opts.timeoutMs} ms (EMBEDDINGS_TIMEOUT_MS)`,
      { retryAfterSeconds: 5 },
    );
  }

  private async attempt(
    method: string,
    path: string,
    body: unknown,
    signal: AbortSignal,
    field: string,
  ): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.opts.apiKey) headers.authorization = `Bearer ${this.opts.apiKey}`;
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if (signal.aborted) throw err;
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new AttemptError(
        new AppError(
          'upstream_unavailable',
          `The embedding backend at ${this.baseUrl} does not answer (${why})`,
          {
            retryAfterSeconds: 5,
          },
        ),
        true,
      );
    }
    const text = await res.text();
    if (res.ok) {
      try {
        return JSON.parse(text);
      } catch {
        throw new AppError(
          'upstream_error',
          `The embedding backend at ${this.baseUrl} answered with malformed JSON`,
        );
      }
    }
    throw this.failure(res, upstreamMessage(text), field);
  }

  /** Maps an upstream error status to ours; the upstream's message goes along. */
  private failure(res: Response, message: string, field: string): AttemptError {
    const status = res.status;
    const said = `HTTP ${status}${message ? `: ${message}` : ''}`;
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    const retryAfterSeconds = retryAfterMs === undefined ? 5 : Math.max(1, Math.ceil(retryAfterMs / 1000));
    if (status === 429 || status === 503) {
      const e = new AppError(
        'upstream_unavailable',
        `The embedding backend at ${this.baseUrl} is overloaded or unavailable (${said})`,
        {
          retryAfterSeconds,
        },
      );
      return new AttemptError(e, true, retryAfterMs);
    }
    if (status === 504)
      return new AttemptError(
        new AppError('upstream_timeout', `The embedding backend at ${this.baseUrl} timed out (${said})`),
        true,
        retryAfterMs,
      );
    if (status >= 500)
      return new AttemptError(
        new AppError('upstream_error', `The embedding backend at ${this.baseUrl} failed (${said})`),
        true,
        retryAfterMs,
      );
    if (status === 400 || status === 413 || status === 422)
      return new AttemptError(invalid(field, `the embedding backend refused it (${said})`), false);
    const hint =
      status === 401 || status === 403
        ? ' Check EMBEDDINGS_API_KEY.'
        : status === 404
          ? ' Check EMBEDDINGS_BASE_URL (usually ending in /v1) and EMBEDDINGS_MODEL.'
          : '';
    return new AttemptError(
      new AppError(
        'upstream_error',
        `The embedding backend at ${this.baseUrl} refused the call (${said}).${hint}`,
      ),
      false,
    );
  }
}

/** OpenAI's `{"error":{"message"}}`, TEI's `{"error":"…"}`, or the start of a plain body. */
function upstreamMessage(text: string): string {
  let message = text;
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const e = body.error;
    if (typeof e === 'string') message = e;
    else if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
      message = (e as { message: string }).message;
    else if (typeof body.message === 'string') message = body.message;
  } catch {
    // not JSON: keep the text
  }
  message = message.trim().replace(/\s+/g, ' ');
  return message.length > MAX_UPSTREAM_MESSAGE_CHARS
    ? `${message.slice(0, MAX_UPSTREAM_MESSAGE_CHARS)}…`
    : message;
}

/** Retry-After as seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
