import { formatFixed4, formatMs } from '@/lib/format';
import type { SearchResponse, SearchResult } from '@/lib/schemas';
import { ScoreBar } from './score-bar';

interface ResultListProps {
  response: SearchResponse;
  /** The query and threshold these results answer (the inputs may have changed since). */
  query: string;
  threshold: number;
  /** True while a newer search runs: the rows stay, dimmed. */
  stale: boolean;
}

export function ResultList({ response, query, threshold, stale }: ResultListProps) {
  const aboveCount = response.results.filter((result) => result.aboveThreshold).length;
  return (
    <div aria-busy={stale} className={stale ? 'opacity-50 transition-opacity' : 'transition-opacity'}>
      <p className="mb-3 text-slate-600 text-sm">
        Best matches for <q className="font-medium text-slate-900">{truncate(query, 80)}</q>
        {' · '}
        <span className="text-emerald-700">{aboveCount} above</span> the threshold {threshold}
      </p>
      <ol className="divide-y divide-slate-100">
        {response.results.map((result, position) => (
          <ResultRow key={result.index} result={result} rank={position + 1} threshold={threshold} />
        ))}
      </ol>
      <SearchMeta response={response} />
    </div>
  );
}

function ResultRow({ result, rank, threshold }: { result: SearchResult; rank: number; threshold: number }) {
  return (
    <li data-testid="result-row" className="flex gap-3 py-3 first:pt-0">
      <span
        data-testid="result-rank"
        className={`mt-0.5 flex h-7 min-w-9 shrink-0 items-center justify-center rounded-md font-semibold text-xs tabular-nums ${
          result.aboveThreshold ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-500'
        }`}
      >
        #{rank}
      </span>
      <div className="min-w-0 flex-1">
        {/* Plain text on purpose: entries are user input and must never be parsed as HTML. */}
        <p
          data-testid="result-text"
          className="whitespace-pre-wrap break-words text-[15px] text-slate-900 leading-6"
        >
          {result.text}
        </p>
        <div className="mt-2 flex items-center gap-3">
          <ScoreBar
            score={result.score}
            aboveThreshold={result.aboveThreshold}
            threshold={threshold}
            label={`Similarity of result ${rank}`}
          />
          <span
            data-testid="result-score"
            className={`w-16 shrink-0 text-right font-mono text-sm tabular-nums ${
              result.aboveThreshold ? 'font-semibold text-emerald-700' : 'text-slate-500'
            }`}
          >
            {formatFixed4(result.score)}
          </span>
        </div>
      </div>
    </li>
  );
}

function SearchMeta({ response }: { response: SearchResponse }) {
  const { cache, timingMs, model, device, query } = response;
  return (
    <p
      data-testid="search-meta"
      className="mt-3 border-slate-100 border-t pt-3 text-slate-500 text-xs leading-5"
    >
      {cache ? `Embedded ${cache.embedded}, cached ${cache.cached} · ` : ''}
      {formatMs(timingMs.total)} total (embedding {formatMs(timingMs.embed)}, ranking{' '}
      {formatMs(timingMs.rank)})
      <br />
      Answered by <span className="font-medium text-slate-600">{model.id}</span> · {model.dtype} · {device} ·
      query {query.tokens} tokens
    </p>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
