/**
 * The load test's traffic and bookkeeping: /api/search bodies made of never-seen texts (so the
 * vector cache cannot absorb the load), and a tally that checks each response against the contract
 * for an overloaded server: a 200 with results, or a 429 `queue_full` with Retry-After, nothing else.
 */
import { percentile } from './server-stats';

export const MIN_TEXTS = 8;
export const MAX_TEXTS = 20;
/** Texts one search puts in the queue, on average: its knowledge base plus its query. */
export const AVG_TEXTS = (MIN_TEXTS + MAX_TEXTS) / 2 + 1;

/** Deterministic words, so runs are comparable; the counter makes every text unique. */
const WORDS = 'radar signal vector harbor lantern orbit meadow copper cipher glacier violet summit'.split(
  ' ',
);
let textCounter = 0;
function uniqueText(): string {
  const n = textCounter++;
  const words = Array.from({ length: 10 + (n % 12) }, (_, i) => WORDS[(n * 7 + i * 13) % WORDS.length]);
  return `load text ${n}: ${words.join(' ')}`;
}

let bodyCounter = 0;
export function searchBody(): string {
  const size = MIN_TEXTS + (bodyCounter++ % (MAX_TEXTS - MIN_TEXTS + 1));
  return JSON.stringify({ knowledgeBase: Array.from({ length: size }, uniqueText), query: uniqueText() });
}

type Json = { results?: unknown; cache?: { embedded?: number }; error?: { code?: string } } | undefined;

function parse(text: string): Json {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const round = (v: number) => Math.round(v * 10) / 10;
export const latencyStats = (v: number[]) => ({
  p50: round(percentile(v, 50)),
  p99: round(percentile(v, 99)),
  max: round(percentile(v, 100)),
});

export class ResponseTally {
  /** Requests sent; the load generator counts them as it sends. */
  sent = 0;
  accepted = 0;
  refused = 0;
  /** 200s without results, 429s without Retry-After or without code queue_full. */
  malformed = 0;
  /** Any other status; 0 is a request that failed or timed out with no response. */
  other: Record<number, number> = {};
  textsEmbedded = 0;
  latencyMs = { accepted: [] as number[], refused: [] as number[] };
  /** The first few bad responses, for the report. */
  problems: string[] = [];

  /** Checks one response; its latency comes separately (autocannon reports the two apart). */
  record(status: number, body: string, retryAfter: string | undefined) {
    const json = parse(body);
    let ok = false;
    if (status === 200) {
      this.accepted++;
      this.textsEmbedded += json?.cache?.embedded ?? 0;
      ok = Array.isArray(json?.results);
    } else if (status === 429) {
      this.refused++;
      ok = Number(retryAfter) > 0 && json?.error?.code === 'queue_full';
    } else {
      this.other[status] = (this.other[status] ?? 0) + 1;
    }
    if (!ok && (status === 200 || status === 429)) this.malformed++;
    if (!ok && this.problems.length < 5)
      this.problems.push(`${status} Retry-After=${retryAfter} ${body.slice(0, 160)}`);
  }

  recordLatency(status: number, ms: number) {
    if (status === 200) this.latencyMs.accepted.push(ms);
    if (status === 429) this.latencyMs.refused.push(ms);
  }

  get answered(): number {
    return this.accepted + this.refused + Object.values(this.other).reduce((a, b) => a + b, 0);
  }

  summary(seconds: number) {
    return {
      seconds: round(seconds),
      sent: this.sent,
      accepted: this.accepted,
      refused: this.refused,
      malformed: this.malformed,
      otherStatuses: this.other,
      textsEmbeddedPerSecond: Math.round(this.textsEmbedded / seconds),
      latencyMs: {
        accepted200: latencyStats(this.latencyMs.accepted),
        refused429: latencyStats(this.latencyMs.refused),
      },
    };
  }
}
