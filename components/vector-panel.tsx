'use client';

import { useState } from 'react';
import { formatFixed4 } from '@/lib/format';
import { QUERY_PREVIEW_LENGTH, type SearchResponse } from '@/lib/schemas';
import { VectorChart } from './vector-chart';

/** "Behind the scenes": the query's embedding as numbers and as a bar chart. */
export function VectorPanel({ query }: { query: SearchResponse['query'] | null }) {
  // The chart mounts only while open, so it measures a visible container.
  const [open, setOpen] = useState(false);

  return (
    <details
      data-testid="vector-panel"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="group rounded-2xl border border-slate-200 bg-white shadow-sm"
    >
      <summary
        data-testid="vector-toggle"
        className="flex list-none items-center justify-between gap-3 rounded-2xl px-5 py-4 hover:bg-slate-50 sm:px-6 [&::-webkit-details-marker]:hidden"
      >
        <span>
          <span className="block font-semibold text-slate-900">Behind the scenes: the query vector</span>
          <span className="block text-slate-500 text-sm">
            What the model turned your query into: the first {query?.vector.length ?? QUERY_PREVIEW_LENGTH}{' '}
            numbers of its embedding.
          </span>
        </span>
        <svg
          aria-hidden
          viewBox="0 0 20 20"
          fill="currentColor"
          className="size-5 shrink-0 text-slate-400 transition-transform group-open:rotate-180"
        >
          <path
            fillRule="evenodd"
            d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
            clipRule="evenodd"
          />
        </svg>
      </summary>

      <div className="border-slate-100 border-t px-5 pt-4 pb-5 sm:px-6">
        {query ? (
          <QueryVector query={query} showChart={open} />
        ) : (
          <p className="text-slate-500 text-sm">Run a search to see the query's embedding.</p>
        )}
      </div>
    </details>
  );
}

function QueryVector({ query, showChart }: { query: SearchResponse['query']; showChart: boolean }) {
  return (
    <div className="space-y-4">
      <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <Stat label="Dimensions">
          <span data-testid="vector-dims">{query.dims}</span>
        </Stat>
        <Stat label="Query tokens">{query.tokens}</Stat>
        <Stat label="Shown">first {query.vector.length}</Stat>
      </dl>

      <figure>
        {showChart ? <VectorChart values={query.vector} /> : null}
        <figcaption className="sr-only">
          Bar chart of the first {query.vector.length} values of the query vector
        </figcaption>
      </figure>

      <div>
        <h3 className="mb-2 font-medium text-slate-700 text-sm">Values (4 decimals)</h3>
        <ol
          data-testid="vector-values"
          className="grid grid-cols-2 gap-x-6 sm:grid-cols-5 gap-y-1 rounded-lg bg-slate-50 p-3 font-mono text-xs tabular-nums ring-1 ring-slate-200 ring-inset"
        >
          {query.vector.map((value, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the dimension's identity
            <li key={i} className="flex gap-2">
              <span className="w-7 text-right text-slate-400">{i}</span>
              <span className={`w-16 text-right ${value < 0 ? 'text-orange-700' : 'text-slate-800'}`}>
                {formatFixed4(value)}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500 text-xs uppercase tracking-wide">{label}</dt>
      <dd className="font-semibold text-lg text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}
