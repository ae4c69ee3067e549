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
import type { PageProblem, Wording } from './user-message';

export type { PageProblem } from './user-message';

/** Top K's range in words, e.g. "a whole number from 1 to 100". */
export function topKRange({ m }: Wording): string {
  return m.query.topKRange(String(TOP_K_MIN), String(TOP_K_MAX));
}

/** The threshold's range in words, e.g. "a number from −1 to 1". */
export function thresholdRange({ m }: Wording): string {
  return m.query.thresholdRange(formatBound(THRESHOLD_MIN), formatBound(THRESHOLD_MAX));
}

/** A bound as people write it: a true minus sign, not a hyphen. */
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
      problem: { message: ({ m }) => m.errors.emptyBase },
    };
  }
  if (cleanText(form.query) === '')
    return { ok: false, problem: { message: ({ m }) => m.errors.emptyQuery } };
  const problem = entriesProblem(form.entries, limits) ?? queryProblem(form.query.trim(), limits);
  if (problem) return { ok: false, problem };
  const topK = parseTopK(form.topK, limits);
  if (topK === null) return { ok: false, problem: { message: (w) => w.m.errors.topK(topKRange(w)) } };
  const threshold = parseThreshold(form.threshold, limits);
  if (threshold === null)
    return { ok: false, problem: { message: (w) => w.m.errors.threshold(thresholdRange(w)) } };

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
      problem: { message: ({ m }) => m.errors.cannotSend },
    };
  }
  return { ok: true, request };
}

function queryProblem(query: string, limits: RequestLimits | undefined): PageProblem | null {
  if (!limits || query.length <= limits.maxCharsPerText) return null;
  const max = limits.maxCharsPerText;
  return {
    message: ({ m, formatNumber }) => m.errors.queryTooLong(formatNumber(query.length), formatNumber(max)),
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
    const count = entries.length;
    return {
      message: ({ m, formatNumber }) =>
        m.errors.tooManyEntries(formatNumber(count), formatNumber(MAX_PAGE_ENTRIES)),
    };
  }
  const long = entries.find((entry) => entry.text.length > limits.maxCharsPerText);
  if (long) {
    const max = limits.maxCharsPerText;
    return {
      line: long.line,
      message: ({ m, formatNumber }) =>
        m.errors.lineTooLong(String(long.line), formatNumber(long.text.length), formatNumber(max)),
    };
  }
  return null;
}
