'use client';

import type { CompletedSearch } from '@/hooks/use-search';
import { formatMs } from '@/lib/format';
import { passesThreshold, type SearchResponse } from '@/lib/schemas';
import { useI18n } from './i18n-provider';
import { ResultRow } from './result-row';

interface ResultListProps {
  completed: CompletedSearch;
  /** Top k and threshold as the form says now: applied to the scores already computed. */
  topK: number;
  threshold: number;
  /** Why the rows no longer answer the form (edited, a newer search running or failed); null if they do. */
  staleReason: string | null;
  onSelectLine: (line: number) => void;
  /** The entry picked on the map (issue 10), marked in the list when it is among the results. */
  highlightedIndex?: number | null;
}

export function ResultList({
  completed,
  topK,
  threshold,
  staleReason,
  onSelectLine,
  highlightedIndex = null,
}: ResultListProps) {
  const { m, formatNumber } = useI18n();
  const t = m.results;
  const { response, entries, request } = completed;
  const shown = response.results.slice(0, topK).map((result, position) => ({
    result,
    rank: position + 1,
    above: passesThreshold(result.score, threshold),
  }));
  const confident = shown.filter((row) => row.above);
  const weaker = shown.filter((row) => !row.above);
  const withoutInstruction = request.instruction === '';

  const row = ({ result, rank, above }: (typeof shown)[number]) => (
    <ResultRow
      key={result.index}
      result={result}
      rank={rank}
      aboveThreshold={above}
      threshold={threshold}
      line={entries[result.index]?.line}
      maxTokens={response.model.maxTokens}
      onSelectLine={onSelectLine}
      highlighted={result.index === highlightedIndex}
    />
  );

  return (
    <div
      data-testid="result-list"
      data-stale={staleReason !== null}
      aria-busy={staleReason !== null}
      className={staleReason ? 'opacity-50 transition-opacity' : 'transition-opacity'}
    >
      {staleReason ? (
        <p
          data-testid="results-stale"
          className="mb-3 rounded-lg bg-slate-100 px-3 py-2 font-medium text-slate-700 text-sm"
        >
          {staleReason}
        </p>
      ) : null}
      <p data-testid="results-summary" className="mb-3 text-slate-600 text-sm">
        {t.bestMatchesFor(
          <q key="query" dir="auto" className="font-medium text-slate-900">
            {truncate(request.query, 80)}
          </q>,
        )}
        {withoutInstruction ? t.embeddedWithoutInstruction : null}
        {' · '}
        {t.aboveThreshold(
          <span key="count" className="text-emerald-700">
            {t.aboveCount(formatNumber(confident.length))}
          </span>,
          String(threshold),
        )}
      </p>
      {confident.length === 0 ? (
        <p
          data-testid="no-confident-match"
          className="mb-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 text-sm"
        >
          {t.noConfidentMatch(String(threshold))}
        </p>
      ) : (
        <ol data-testid="confident-results" className="divide-y divide-slate-100">
          {confident.map(row)}
        </ol>
      )}
      {weaker.length > 0 ? (
        <details data-testid="weaker-results" className="mt-2 border-slate-100 border-t pt-2">
          <summary className="flex min-h-11 items-center text-slate-600 text-sm sm:min-h-8">
            {t.weakerMatches(weaker.length, formatNumber(weaker.length))}
          </summary>
          <ol className="mt-2 divide-y divide-slate-100">{weaker.map(row)}</ol>
        </details>
      ) : null}
      <SearchMeta response={response} />
    </div>
  );
}

function SearchMeta({ response }: { response: SearchResponse }) {
  const { m, formatNumber } = useI18n();
  const { meta, units } = m.results;
  const { cache, timingMs, model, device, query } = response;
  return (
    <p
      data-testid="search-meta"
      className="mt-3 border-slate-100 border-t pt-3 text-slate-500 text-xs leading-5"
    >
      {cache ? meta.cache(formatNumber(cache.embedded), formatNumber(cache.cached)) : ''}
      {meta.timing(
        formatMs(timingMs.total, units),
        formatMs(timingMs.embed, units),
        formatMs(timingMs.rank, units),
      )}
      <br />
      {meta.answeredBy(
        <span key="model" className="font-medium text-slate-600">
          {model.id}
        </span>,
        model.dtype,
        device,
        formatNumber(query.tokens),
      )}
    </p>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
