import 'server-only';
/**
 * The remote backend's queue: at most EMBEDDINGS_CONCURRENCY calls in flight per instance, however
 * many requests arrive, so N instances put a known load on the upstream. As with the local batch
 * queue, queries wait ahead of documents: a search never waits behind another user's knowledge base.
 */
import { AppError } from '../lib/errors';
import type { TextKind } from '../lib/schemas';

interface Waiter {
  priority: TextKind;
  grant: () => void;
}

export class CallSlots {
  private busy = 0;
  private waiting: Waiter[] = [];

  constructor(private readonly size: number) {}

  /** Waits for a free slot; the returned function frees it (call it exactly once). */
  async acquire(priority: TextKind, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw new AppError('cancelled', 'The request was cancelled');
    if (this.busy < this.size) {
      this.busy++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== waiter);
        reject(new AppError('cancelled', 'The request was cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const firstDocument = this.waiting.findIndex((w) => w.priority === 'document');
      if (priority === 'query' && firstDocument >= 0) this.waiting.splice(firstDocument, 0, waiter);
      else this.waiting.push(waiter);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so `busy` stays the same.
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.busy--;
    };
  }
}
