import 'server-only';
/**
 * Long entries in /api/search: an entry longer than one window (WINDOW_TOKENS) is split into
 * overlapping token windows (WINDOW_STRIDE_TOKENS apart), each window is embedded as a document of
 * its own (so it is cached like any entry, and a repeated search embeds only the query), and the
 * entry is scored by its best window or by the re-normalised mean of its windows. `truncate` keeps
 * the plain path: the first MAX_TOKENS tokens.
 */
import { bestWindow, meanVector, windowRanges } from '../lib/long-entries';
import type { LongEntryMode } from '../lib/schemas';
import { dot, shortenEmbedding } from '../lib/vector-math';
import type { EmbedOptions, EmbedOutcome, TextEmbedder } from './text-embedder';
import type { EmbeddingTokenizer } from './tokenizer';

interface Span {
  start: number;
  end: number;
}

/** Where each entry's windows sit in the flat list of texts sent to the model. */
export interface WindowPlan {
  texts: string[];
  /** Per entry: its windows' character spans, and the index of its first window in `texts`. */
  entries: { first: number; spans: Span[] }[];
}

export interface WindowSettings {
  windowTokens: number;
  strideTokens: number;
}

const utf8 = new TextEncoder();

/** Character offset of token `index` in `text`: the length of the decoded prefix (a cut character dropped). */
function charOffset(tokenizer: EmbeddingTokenizer, ids: number[], index: number, text: string): number {
  if (index <= 0) return 0;
  if (index >= ids.length) return text.length;
  const prefix = tokenizer.decode(ids.slice(0, index)).replace(/\uFFFD+$/, '');
  return Math.min(prefix.length, text.length);
}

function spansOf(
  tokenizer: EmbeddingTokenizer,
  text: string,
  { windowTokens, strideTokens }: WindowSettings,
): Span[] {
  const contentTokens = windowTokens - 1; // each window ends with EOS, like any text
  // A byte-level BPE token covers at least one UTF-8 byte: a text this short cannot need windows.
  if (utf8.encode(text).length <= contentTokens) return [{ start: 0, end: text.length }];
  const ids = tokenizer.contentIds(text);
  return windowRanges(ids.length, contentTokens, strideTokens).map(([from, to]) =>
    trimmed(text, charOffset(tokenizer, ids, from, text), charOffset(tokenizer, ids, to, text)),
  );
}

/**
 * A window without the spaces at its edges (a window often starts at a space-led token): it is then
 * a text as /api/embed would clean it, so its vector is the same (and cached once) either way.
 */
function trimmed(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  return { start: s, end: e };
}

export function planWindows(
  tokenizer: EmbeddingTokenizer,
  entries: readonly string[],
  settings: WindowSettings,
): WindowPlan {
  const plan: WindowPlan = { texts: [], entries: [] };
  for (const text of entries) {
    const spans = spansOf(tokenizer, text, settings);
    plan.entries.push({ first: plan.texts.length, spans });
    for (const span of spans) plan.texts.push(spans.length === 1 ? text : text.slice(span.start, span.end));
  }
  return plan;
}

export interface EntryScores {
  scores: number[];
  /** The best window of each entry split into windows (undefined for one that fit in one). */
  windows: ({ start: number; end: number; text: string; count: number } | undefined)[];
  /** Per entry: its full-width vector (see scoreEntries) and its tokens (a long entry's longest window). */
  outcome: EmbedOutcome;
}

/** Embeds the knowledge base the chosen way; scoring waits for the query vector. */
export async function embedEntries(
  embedder: TextEmbedder,
  entries: readonly string[],
  mode: LongEntryMode,
  settings: WindowSettings,
  opts: EmbedOptions,
): Promise<{ plan: WindowPlan | null; outcome: EmbedOutcome }> {
  const { tokenizer } = embedder.requireReady();
  // A remote backend tokenises on the other server, so there is nothing here to split by: its
  // entries are embedded whole (the upstream cuts what is too long), as in 'truncate' mode.
  if (mode === 'truncate' || !tokenizer) return { plan: null, outcome: await embedder.embed(entries, opts) };
  const plan = planWindows(tokenizer, entries, settings);
  return { plan, outcome: await embedder.embed(plan.texts, opts) };
}

/**
 * One score per entry against `query` (already shortened to `dims`), and one full-width vector per
 * entry for whatever else looks at the entries (the teaching views): a long entry's best window, or
 * in mean mode the re-normalised mean of its windows.
 */
export function scoreEntries(
  query: Float32Array,
  dims: number,
  mode: LongEntryMode,
  entries: readonly string[],
  { plan, outcome }: { plan: WindowPlan | null; outcome: EmbedOutcome },
): EntryScores {
  const score = (v: Float32Array) => dot(query, shortenEmbedding(v, dims));
  if (!plan) {
    return { scores: outcome.vectors.map(score), windows: entries.map(() => undefined), outcome };
  }
  const scores: number[] = [];
  const windows: EntryScores['windows'] = [];
  const tokens: number[] = [];
  const vectors: Float32Array[] = [];
  for (const [i, { first, spans }] of plan.entries.entries()) {
    const full = outcome.vectors.slice(first, first + spans.length);
    const best = bestWindow(
      query,
      full.map((v) => shortenEmbedding(v, dims)),
    );
    const representative =
      mode === 'mean' && full.length > 1 ? meanVector(full) : (full[best.window] as Float32Array);
    vectors.push(representative);
    scores.push(mode === 'mean' && full.length > 1 ? score(representative) : best.score);
    const span = spans[best.window] as Span;
    const text = entries[i] as string;
    windows.push(
      spans.length > 1 ? { ...span, text: text.slice(span.start, span.end), count: spans.length } : undefined,
    );
    tokens.push(Math.max(...outcome.tokens.slice(first, first + spans.length)));
  }
  return { scores, windows, outcome: { ...outcome, vectors, tokens } };
}
