/**
 * Typed fetch helpers for the browser. Every failure reaches the caller as an AppError (rebuilt from
 * the server's `{ error }` body where there is one), except an abort, which stays a DOMException
 * `AbortError` so the UI can tell "cancelled" from "failed".
 */
import type { z } from 'zod';
import { AppError } from './errors';
import {
  type EmbedRequest,
  type EmbedResponse,
  embedResponseSchema,
  type Health,
  healthSchema,
  type SearchRequest,
  type SearchResponse,
  searchEventSchema,
  searchResponseSchema,
  type TokenizeRequest,
  type TokenizeResponse,
  tokenizeResponseSchema,
} from './schemas';

export interface SearchProgress {
  done: number;
  total: number;
}

export interface PostSearchOptions {
  signal?: AbortSignal;
  onProgress?: (progress: SearchProgress) => void;
}

const NDJSON = 'application/x-ndjson';

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function send(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new AppError('internal', 'Could not reach the server. Is it running?');
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch (error) {
    if (isAbortError(error)) throw error;
    return null;
  }
}

/** The AppError a failed response carries, with its Retry-After (seconds) when the server sent one. */
function errorFrom(body: unknown, response: Response): AppError {
  const error = AppError.fromBody(body, response.status);
  const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
  if (!(retryAfter >= 0)) return error;
  return new AppError(error.code, error.message, { field: error.field, retryAfterSeconds: retryAfter });
}

/** Parses a successful JSON body, or throws the AppError the server sent. */
async function parseJsonResponse<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
  const body = await readJson(response);
  if (!response.ok) throw errorFrom(body, response);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unreadable();
  return parsed.data;
}

function unreadable(): AppError {
  return new AppError('internal', 'The server sent a response this page does not understand.');
}

export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const response = await send('/api/health', { signal, cache: 'no-store' });
  const body = await readJson(response);
  // A loading or failed model may come with a 503, but the body still describes the state.
  const parsed = healthSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw errorFrom(body, response.ok ? new Response(null, { status: 500 }) : response);
}

/** The vector panel's "show all values": the whole query vector (a search returns its first values). */
export async function postEmbed(request: EmbedRequest, signal?: AbortSignal): Promise<EmbedResponse> {
  const response = await send('/api/embed', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
    signal,
  });
  return parseJsonResponse(response, embedResponseSchema);
}

export async function postSearch(
  request: SearchRequest,
  { signal, onProgress }: PostSearchOptions = {},
): Promise<SearchResponse> {
  const response = await send('/api/search', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: NDJSON },
    body: JSON.stringify(request),
    signal,
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (!response.ok || !contentType.includes(NDJSON) || !response.body) {
    return parseJsonResponse(response, searchResponseSchema);
  }
  for await (const line of ndjsonLines(response.body)) {
    const parsed = searchEventSchema.safeParse(safeJsonParse(line));
    if (!parsed.success) throw unreadable();
    const event = parsed.data;
    if (event.type === 'progress') onProgress?.({ done: event.done, total: event.total });
    else if (event.type === 'result') return event.data;
    else throw AppError.fromBody({ error: event.error }, 500);
  }
  throw new AppError('internal', 'The server closed the connection before sending a result.');
}

function safeJsonParse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) yield line;
        newline = buffered.indexOf('\n');
      }
    }
    const rest = (buffered + decoder.decode()).trim();
    if (rest) yield rest;
  } finally {
    // The caller stops at the result (or error) line; the server closes the stream right after it.
    // Drain that close instead of cancelling, so the response ends normally (and stays inspectable
    // in devtools); an abort still ends the read at once.
    void drain(reader);
  }
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done) {
      // discard
    }
  } catch {
    // aborted or failed: nothing left to read
  }
}

/** The tokenizer view: a text as the model is fed it, as readable tokens. */
export async function postTokenize(
  request: TokenizeRequest,
  signal?: AbortSignal,
): Promise<TokenizeResponse> {
  const response = await send('/api/tokenize', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
    signal,
  });
  return parseJsonResponse(response, tokenizeResponseSchema);
}
