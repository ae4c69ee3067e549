/**
 * An abort controller that also aborts when any of the given signals does, and lets go of them
 * with `dispose()` when the work is over.
 *
 * Not `AbortSignal.any`: on Node 20 a signal made by `AbortSignal.any` that has an 'abort' listener
 * is held by Node itself until it aborts, with everything its listeners reach. A search's signal
 * usually never aborts, and the embedder's listeners reach the request and its response, so every
 * such search stayed in memory: heap snapshots showed 222 ServerResponse objects kept per 1,000
 * searches, and the 10,000-request soak test's live heap grew 38 % (docs/reliability.md).
 */
export interface LinkedAbort {
  signal: AbortSignal;
  abort(reason?: unknown): void;
  /** Stops listening to the source signals; call once the work that used `signal` has ended. */
  dispose(): void;
}

export function linkedAbort(sources: ReadonlyArray<AbortSignal | undefined>): LinkedAbort {
  const controller = new AbortController();
  const listening: AbortSignal[] = [];
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const source of sources) {
    if (!source) continue;
    if (source.aborted) {
      controller.abort(source.reason);
      break;
    }
    source.addEventListener('abort', onAbort, { once: true });
    listening.push(source);
  }
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    dispose: () => {
      for (const source of listening) source.removeEventListener('abort', onAbort);
      listening.length = 0;
    },
  };
}
