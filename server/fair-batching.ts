import 'server-only';
/**
 * Which texts go into the next batch, fairly between requests (start-time fair queuing by cost,
 * the token-weighted form of deficit round-robin):
 * - every request (job) is charged the cost of the texts it has had run; the job charged least so
 *   far goes first, so a 5-line search submitted during a 2,000-line one gets the next batch, not
 *   the one after the big job; a job that arrives starts at the virtual time (the charge of the
 *   job whose batch is running), so it goes next but gets no credit for the time it was not there;
 * - inside its turn a job's texts go shortest first, and the rest of the batch is filled with the
 *   other jobs' texts closest in length to the batch's width, so padding stays small; others add
 *   at most as much work as the seed job's own or the per-batch overhead is worth (`fillCost`),
 *   whichever is more: on a compute-bound CPU a 5-line search's turn is not stretched into a full
 *   batch of someone's knowledge base, while where batches are overhead-bound (a GPU, a tiny
 *   model) they still fill up;
 * - a batch holds at most `maxBatchTokens` padded tokens (rows × longest row); a text longer than
 *   that runs alone; at least half of a batch's padded tokens are real ones.
 */

export interface QueuedText<J> {
  job: J;
  /** Position in the job's input, where its result goes. */
  index: number;
  ids: Int32Array;
  /** Token-equivalents (see work-cost.ts). */
  cost: number;
}

export interface FairJob<J> {
  seq: number;
  /** Cost charged so far, on the class's virtual clock. */
  served: number;
  /** Texts not yet dispatched, shortest first. */
  waiting: QueuedText<J>[];
}

/** Below this share of real tokens a batch is mostly padding: the text waits for a better match. */
const MIN_FILL = 0.5;

/** Least served first; among equals, the older request. */
export function byTurn<J>(a: FairJob<J>, b: FairJob<J>): number {
  return a.served - b.served || a.seq - b.seq;
}

/** Index of the first text at least `length` tokens long (texts are sorted by length). */
function lowerBound<J>(texts: QueuedText<J>[], length: number): number {
  let lo = 0;
  let hi = texts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((texts[mid] as QueuedText<J>).ids.length < length) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Removes the next batch's texts from the jobs' waiting lists and returns them. `jobs` are the
 * jobs of one priority class with texts waiting; the first in turn order seeds the batch.
 */
export function takeFairBatch<J extends FairJob<J>>(
  jobs: J[],
  maxBatchTokens: number,
  fillCost = Number.POSITIVE_INFINITY,
): QueuedText<J>[] {
  const ordered = [...jobs].sort(byTurn);
  const rows: QueuedText<J>[] = [];
  let width = 0;
  let real = 0;
  const accepts = (text: QueuedText<J> | undefined): text is QueuedText<J> => {
    if (!text) return false;
    if (rows.length === 0) return true;
    const len = text.ids.length;
    const w = Math.max(width, len);
    const n = rows.length + 1;
    return n * w <= maxBatchTokens && real + len >= MIN_FILL * n * w;
  };
  const take = (job: J, at: number) => {
    const [text] = job.waiting.splice(at, 1) as [QueuedText<J>];
    rows.push(text);
    width = Math.max(width, text.ids.length);
    real += text.ids.length;
  };

  const seed = ordered[0];
  if (!seed) return rows;
  while (accepts(seed.waiting[0])) take(seed, 0);
  let allowance = Math.max(
    fillCost,
    rows.reduce((sum, t) => sum + t.cost, 0),
  );
  const fits = (text: QueuedText<J> | undefined): text is QueuedText<J> =>
    accepts(text) && text.cost <= allowance;
  for (const job of ordered.slice(1)) {
    for (;;) {
      // The two texts on either side of the current width; the closer one first.
      const above = lowerBound(job.waiting, width);
      const candidates = [above - 1, above].filter((i) => i >= 0 && i < job.waiting.length);
      candidates.sort(
        (a, b) =>
          Math.abs((job.waiting[a] as QueuedText<J>).ids.length - width) -
          Math.abs((job.waiting[b] as QueuedText<J>).ids.length - width),
      );
      const at = candidates.find((i) => fits(job.waiting[i]));
      if (at === undefined) break;
      allowance -= (job.waiting[at] as QueuedText<J>).cost;
      take(job, at);
    }
  }
  return rows;
}
