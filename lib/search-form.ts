/**
 * The search form checked in the browser with the server's own zod schema (and the server's limits
 * from /api/health), so the page refuses what the server would refuse, before sending, and says so
 * in words a person can act on: a line number, never a field name.
 */
import { MAX_PAGE_ENTRIES } from './chunked-search';
import type { KnowledgeBaseEntry } from './knowledge-base';
import {
  DEFAULT_LIMITS,
  type RequestLimits,
  requestSchemas,
  type SearchRequest,
  THRESHOLD_MAX,
  THRESHOLD_MIN,
  TOP_K_MAX,
  TOP_K_MIN,
} from './schemas';
import { cleanText } from './text-clean';

/** A problem to show: its message, and the knowledge-base line it is about, if any. */
export interface PageProblem {
  message: string;
  line?: number;
}

export const TOP_K_HINT = `a whole number from ${TOP_K_MIN} to ${TOP_K_MAX}`;
export const THRESHOLD_HINT = `a number from ${formatBound(THRESHOLD_MIN)} to ${formatBound(THRESHOLD_MAX)}`;

function formatBound(value: number): string {
  return value < 0 ? `−${Math.abs(value)}` : String(value);
}

function numberOrNaN(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** Top k as typed, or null when the schema refuses it. */
export function parseTopK(text: string, limits?: RequestLimits): number | null {
  const parsed = requestSchemas(limits).search.shape.topK.safeParse(numberOrNaN(text));
  return parsed.success ? parsed.data : null;
}

/** The threshold as typed, or null when the schema refuses it. */
export function parseThreshold(text: string, limits?: RequestLimits): number | null {
  const parsed = requestSchemas(limits).search.shape.threshold.safeParse(numberOrNaN(text));
  return parsed.success ? parsed.data : null;
}

export interface SearchForm {
  entries: readonly KnowledgeBaseEntry[];
  query: string;
  topK: string;
  threshold: string;
}

export type CheckedSearch = { ok: true; request: SearchRequest } | { ok: false; problem: PageProblem };

/**
 * Validates the form. The request asks for the most results the server gives, so that changing
 * top k or the threshold afterwards re-ranks the scores already computed, without a new search.
 */
export function checkSearchForm(form: SearchForm, limits: RequestLimits | undefined): CheckedSearch {
  if (form.entries.length === 0) {
    return {
      ok: false,
      problem: { message: 'The knowledge base is empty: add at least one entry, one per line.' },
    };
  }
  if (cleanText(form.query) === '') return { ok: false, problem: { message: 'Type a query to search for.' } };
  const problem = entriesProblem(form.entries, limits) ?? queryProblem(form.query.trim(), limits);
  if (problem) return { ok: false, problem };
  const topK = parseTopK(form.topK, limits);
  if (topK === null) return { ok: false, problem: { message: `Top K must be ${TOP_K_HINT}.` } };
  const threshold = parseThreshold(form.threshold, limits);
  if (threshold === null) return { ok: false, problem: { message: `Threshold must be ${THRESHOLD_HINT}.` } };

  const request = {
    knowledgeBase: form.entries.map((entry) => entry.text),
    query: form.query.trim(),
    topK: TOP_K_MAX,
    threshold,
  };
  // The whole base is checked against the page's own entry limit: it goes to the server in parts.
  const pageLimits = { ...(limits ?? DEFAULT_LIMITS), maxInputs: MAX_PAGE_ENTRIES };
  const parsed = requestSchemas(pageLimits).search.safeParse(request);
  if (!parsed.success) {
    return {
      ok: false,
      problem: { message: 'This search cannot be sent; check the query and the options.' },
    };
  }
  return { ok: true, request };
}

function queryProblem(query: string, limits: RequestLimits | undefined): PageProblem | null {
  if (!limits || query.length <= limits.maxCharsPerText) return null;
  return {
    message: `The query has ${query.length.toLocaleString('en-US')} characters; this server takes at most ${limits.maxCharsPerText.toLocaleString('en-US')}. Shorten it.`,
  };
}

/** What is wrong with the knowledge base against the server's limits, if anything (shown while typing). */
export function entriesProblem(
  entries: readonly KnowledgeBaseEntry[],
  limits: RequestLimits | undefined,
): PageProblem | null {
  if (!limits) return null;
  // Larger than one request may be is fine: the page sends it in parts (lib/chunked-search.ts).
  if (entries.length > MAX_PAGE_ENTRIES) {
    return {
      message: `The knowledge base has ${entries.length.toLocaleString('en-US')} entries; this page searches at most ${MAX_PAGE_ENTRIES.toLocaleString('en-US')} at once. Split it into smaller knowledge bases and search each.`,
    };
  }
  const long = entries.find((entry) => entry.text.length > limits.maxCharsPerText);
  if (long) {
    return {
      line: long.line,
      message: `Line ${long.line} has ${long.text.length.toLocaleString('en-US')} characters; this server takes at most ${limits.maxCharsPerText.toLocaleString('en-US')} per entry. Shorten it or split it over several lines.`,
    };
  }
  return null;
}
