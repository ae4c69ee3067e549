import 'server-only';
/**
 * /api/search as newline-delimited JSON: `progress` events while the knowledge base is embedded
 * (at most every 100 ms), then one `result` or `error` line. If the client goes away (its request
 * signal aborts or it cancels the stream) the search is cancelled and its queued work dropped.
 */
import { AppError } from '../lib/errors';
import type { SearchEvent } from '../lib/schemas';
import { logger } from './logger';
import { noteFailure } from './request-observer';
import type { PreparedSearch } from './search';

const PROGRESS_INTERVAL_MS = 100;

export function streamSearch(search: PreparedSearch, requestSignal: AbortSignal): Response {
  const abort = new AbortController();
  requestSignal.addEventListener('abort', () => abort.abort(), { once: true });
  const encoder = new TextEncoder();

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: SearchEvent) => {
        if (!abort.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      };
      let lastProgress = 0;
      const onProgress = (done: number, total: number) => {
        const now = performance.now();
        if (done < total && now - lastProgress < PROGRESS_INTERVAL_MS) return;
        lastProgress = now;
        send({ type: 'progress', done, total });
      };
      try {
        send({ type: 'result', data: await search({ signal: abort.signal, onProgress }) });
      } catch (err) {
        if (!AppError.is(err)) logger().error({ err }, 'unexpected error in a streamed search');
        noteFailure(err);
        const e = AppError.is(err) ? err : new AppError('internal', 'Internal server error');
        send({ type: 'error', error: { code: e.code, message: e.message } });
      }
      if (!abort.signal.aborted) controller.close();
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
