import { afterEach, describe, expect, it, vi } from 'vitest';
import { isAbortError, postSearch, type SearchProgress } from './api-client';
import { AppError } from './errors';
import type { SearchResponse } from './schemas';

const RESULT: SearchResponse = {
  results: [{ index: 0, text: '苹果', score: 0.5, aboveThreshold: true, truncated: false }],
  query: { dims: 64, vector: [0.1, -0.2], tokens: 3 },
  model: { id: 'test', dims: 64, dtype: 'fp32', maxTokens: 8192, isTestModel: true },
  device: 'cpu',
  cache: { embedded: 2, cached: 0 },
  timingMs: { embed: 1, rank: 0, total: 1 },
};

const REQUEST = { knowledgeBase: ['苹果'], query: '水果' };

/** A real streamed Response whose body arrives in the given chunks (split anywhere, even mid-line). */
function ndjsonResponse(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' } });
}

function serve(response: Response | (() => Promise<Response>)) {
  const fetchMock = vi.fn(typeof response === 'function' ? response : async () => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('postSearch', () => {
  it('asks for NDJSON, reports each progress event and returns the result', async () => {
    const lines = [
      { type: 'progress', done: 1, total: 2 },
      { type: 'progress', done: 2, total: 2 },
      { type: 'result', data: RESULT },
    ].map((event) => `${JSON.stringify(event)}\n`);
    const text = lines.join('');
    const fetchMock = serve(ndjsonResponse([text.slice(0, 7), text.slice(7, 60), text.slice(60)]));
    const progress: SearchProgress[] = [];

    const result = await postSearch(REQUEST, { onProgress: (p) => progress.push(p) });

    expect(result).toEqual(RESULT);
    expect(progress).toEqual([
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
    const init = (fetchMock.mock.calls[0] as unknown[] | undefined)?.[1] as RequestInit;
    expect(new Headers(init.headers).get('accept')).toBe('application/x-ndjson');
    expect(JSON.parse(String(init.body))).toEqual(REQUEST);
  });

  it('throws the streamed error event as an AppError with the server message', async () => {
    serve(
      ndjsonResponse([
        `${JSON.stringify({ type: 'error', error: { code: 'queue_full', message: 'busy' } })}\n`,
      ]),
    );
    const error = await postSearch(REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'queue_full', message: 'busy' });
  });

  it('rebuilds the AppError from a JSON error response', async () => {
    const body = { error: { code: 'invalid_request', message: 'query: too long', field: 'query' } };
    serve(Response.json(body, { status: 400 }));
    const error = await postSearch(REQUEST).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_request', message: 'query: too long', field: 'query' });
  });

  it('accepts a plain JSON success response', async () => {
    serve(Response.json(RESULT));
    await expect(postSearch(REQUEST)).resolves.toEqual(RESULT);
  });

  it('refuses a stream line that breaks the contract', async () => {
    serve(ndjsonResponse([`${JSON.stringify({ type: 'result', data: { results: 'nope' } })}\n`]));
    await expect(postSearch(REQUEST)).rejects.toThrow(/does not understand/);
  });

  it('fails clearly when the stream ends without a result', async () => {
    serve(ndjsonResponse([`${JSON.stringify({ type: 'progress', done: 1, total: 2 })}\n`]));
    await expect(postSearch(REQUEST)).rejects.toThrow(/before sending a result/);
  });

  it('turns a network failure into an AppError', async () => {
    serve(() => Promise.reject(new TypeError('fetch failed')));
    await expect(postSearch(REQUEST)).rejects.toMatchObject({ code: 'internal' });
  });

  it('lets an abort through as an AbortError, so the UI can tell cancel from failure', async () => {
    const controller = new AbortController();
    serve(() => {
      controller.abort();
      return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
    });
    const error = await postSearch(REQUEST, { signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
  });
});
