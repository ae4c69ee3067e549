import 'server-only';
/**
 * /api/search as newline-delimited JSON: `progress` events while the knowledge base is embedded
 * (at most every 100 ms), then one `result` or `error` line, then the end of the response. If the
 * client goes away (its request signal aborts or it cancels the stream) the search is cancelled and
 * its queued work dropped.
 */
import type { SearchEvent } from '../lib/schemas';
import { toAppError } from './http';
import { linkedAbort } from './linked-abort';
import { runSearch, type ValidSearch } from './search';
import type { TextEmbedder } from './text-embedder';

const PROGRESS_INTERVAL_MS = 100;

export function streamSearch(
  embedder: TextEmbedder,
  search: ValidSearch,
  requestSignal: AbortSignal,
): Response {
  // Aborted by the client going away (its request signal) or cancelling the stream.
  const cancelled = linkedAbort([requestSignal]);
  const encoder = new TextEncoder();

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      // Once the reader has cancelled the stream, it takes no more writes.
      const open = () => !cancelled.signal.aborted;
      const send = (event: SearchEvent) => {
        if (open()) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
      };
      let lastProgress = 0;
      const onProgress = (done: number, total: number) => {
        const now = performance.now();
        if (done < total && now - lastProgress < PROGRESS_INTERVAL_MS) return;
        lastProgress = now;
        send({ type: 'progress', done, total });
      };
      try {
        send({
          type: 'result',
          data: await runSearch(embedder, search, { signal: cancelled.signal, onProgress }),
        });
      } catch (err) {
        const e = toAppError(err);
        send({ type: 'error', error: { code: e.code, message: e.message } });
      }
      cancelled.dispose();
      if (open()) controller.close();
    },
    cancel() {
      cancelled.abort();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      // Not `no-store`: Chromium reports a no-store response that the page reads through a stream
      // reader as aborted (net::ERR_ABORTED), even when it ended normally. A POST is never reused
      // from a cache anyway; `no-cache` still forbids it.
      'Cache-Control': 'no-cache',
    },
  });
}
