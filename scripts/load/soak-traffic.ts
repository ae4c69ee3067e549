/**
 * The soak test's request mix: what a day of real use looks like, compressed. Request `i` is a
 * pure function of `i` (a seeded generator), so two runs send the same traffic and their memory
 * curves can be compared. Each request says what a correct server answers, so the soak is also a
 * long correctness check, not only a memory one.
 */
import { NormalStream } from '../test-model/prng';

export type Kind = 'search' | 'embed' | 'repeat' | 'stream' | 'invalid' | 'large';

export interface SoakRequest {
  kind: Kind;
  path: '/api/search' | '/api/embed';
  headers: Record<string, string>;
  body: string;
  expectStatus: number;
  /** How many vectors / results a 200 must hold (embed: exactly; search: at most). */
  expectCount?: number;
}

/** Share of each kind, in order; the rest (19.5 %) are invalid requests expecting 400. */
const MIX: [Kind, number][] = [
  ['search', 0.4],
  ['embed', 0.2],
  ['repeat', 0.15],
  ['stream', 0.05],
  ['large', 0.005],
];

/** A seeded uniform generator (the test-model generator's mulberry32). */
function rng(seed: number): () => number {
  const stream = new NormalStream(seed);
  return () => stream.uniform();
}

const WORDS = 'ocean ledger pixel thunder maple quartz nimbus falcon harvest prism tundra velvet orbit'.split(
  ' ',
);

function sentence(random: () => number, tag: string, words: number): string {
  return `${tag} ${Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')}`;
}

const json = { 'content-type': 'application/json' };

/** Invalid bodies, each a 400 with code invalid_request (malformed JSON included). */
const INVALID: { path: SoakRequest['path']; body: string }[] = [
  { path: '/api/search', body: JSON.stringify({ knowledgeBase: [], query: 'q' }) },
  { path: '/api/search', body: JSON.stringify({ knowledgeBase: ['a'] }) },
  { path: '/api/search', body: JSON.stringify({ knowledgeBase: ['a'], query: 'q', topK: 0 }) },
  { path: '/api/search', body: JSON.stringify({ knowledgeBase: ['a', '   \u200b '], query: 'q' }) },
  { path: '/api/search', body: JSON.stringify({ knowledgeBase: ['a'], query: 'q', threshold: 2 }) },
  { path: '/api/embed', body: JSON.stringify({ texts: 'not an array' }) },
  { path: '/api/embed', body: JSON.stringify({ texts: ['a'], dimensions: 16 }) },
  { path: '/api/embed', body: JSON.stringify({ texts: ['a'], kind: 'poem' }) },
  { path: '/api/embed', body: '{"texts": ["unterminated' },
];

/** Builds request `i` of the soak; `dims` is the model's vector size (for valid `dimensions`). */
export function soakRequest(i: number, dims: number): SoakRequest {
  const random = rng(i + 1);
  let roll = random();
  let kind: Kind = 'invalid';
  for (const [candidate, share] of MIX) {
    if (roll < share) {
      kind = candidate;
      break;
    }
    roll -= share;
  }
  const tag = `soak ${i}`;
  switch (kind) {
    case 'search':
    case 'stream': {
      const base = Array.from({ length: 3 + Math.floor(random() * 8) }, (_, k) =>
        sentence(random, `${tag}.${k}`, 6 + k),
      );
      const headers = kind === 'stream' ? { ...json, accept: 'application/x-ndjson' } : json;
      const body = JSON.stringify({ knowledgeBase: base, query: sentence(random, tag, 5), topK: 3 });
      return { kind, path: '/api/search', headers, body, expectStatus: 200, expectCount: 3 };
    }
    case 'embed': {
      const texts = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, k) =>
        sentence(random, `${tag}.${k}`, 8),
      );
      const dimensions = random() < 0.3 ? Math.min(dims, 32) : undefined;
      const body = JSON.stringify({ texts, kind: random() < 0.5 ? 'query' : 'document', dimensions });
      return { kind, path: '/api/embed', headers: json, body, expectStatus: 200, expectCount: texts.length };
    }
    case 'repeat': {
      // One of 20 fixed requests: after the first time each is served from the vector cache.
      const k = Math.floor(random() * 20);
      const fixed = rng(1_000_000 + k);
      const texts = Array.from({ length: 6 }, (_, j) => sentence(fixed, `repeat ${k}.${j}`, 10));
      return k % 2
        ? {
            kind,
            path: '/api/embed',
            headers: json,
            body: JSON.stringify({ texts }),
            expectStatus: 200,
            expectCount: 6,
          }
        : {
            kind,
            path: '/api/search',
            headers: json,
            body: JSON.stringify({ knowledgeBase: texts, query: `repeat ${k}` }),
            expectStatus: 200,
            expectCount: 5,
          };
    }
    case 'large': {
      const base = Array.from({ length: 300 }, (_, k) => sentence(random, `${tag}.${k}`, 60 + (k % 40)));
      return {
        kind,
        path: '/api/search',
        headers: json,
        body: JSON.stringify({ knowledgeBase: base, query: tag }),
        expectStatus: 200,
        expectCount: 5,
      };
    }
    default: {
      const bad = INVALID[i % INVALID.length] as (typeof INVALID)[number];
      return { kind: 'invalid', ...bad, headers: json, expectStatus: 400 };
    }
  }
}

/** Checks a response body against what the request expects; returns a problem, or undefined. */
export function checkBody(
  req: SoakRequest,
  status: number,
  text: string,
): { problem?: string; cached: number } {
  if (status !== req.expectStatus)
    return { problem: `${req.kind}: status ${status}: ${text.slice(0, 160)}`, cached: 0 };
  try {
    if (req.kind === 'stream') {
      const last = JSON.parse(text.trim().split('\n').pop() ?? '');
      if (last.type !== 'result') return { problem: `stream: last event ${text.slice(-160)}`, cached: 0 };
      return {
        cached: last.data.cache.cached,
        problem: last.data.results.length > 3 ? 'stream: too many results' : undefined,
      };
    }
    const body = JSON.parse(text);
    if (req.expectStatus === 400)
      return {
        cached: 0,
        problem:
          body.error?.code === 'invalid_request'
            ? undefined
            : `400 without invalid_request: ${text.slice(0, 160)}`,
      };
    const count = req.path === '/api/embed' ? body.embeddings.length : body.results.length;
    const countOk = req.path === '/api/embed' ? count === req.expectCount : count <= (req.expectCount ?? 0);
    return {
      cached: body.cache.cached,
      problem: countOk ? undefined : `${req.kind}: ${count} items, expected ${req.expectCount}`,
    };
  } catch (err) {
    return {
      problem: `${req.kind}: unreadable body (${(err as Error).message}): ${text.slice(0, 160)}`,
      cached: 0,
    };
  }
}
