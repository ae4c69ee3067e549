'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { CompletedSearch } from '@/hooks/use-search';
import { formatFixed4, withMinusSign } from '@/lib/format';
import { QUERY_PREVIEW_LENGTH } from '@/lib/schemas';
import { DisclosureChevron } from './disclosure-chevron';
import { FullVector } from './full-vector';
import { useI18n } from './i18n-provider';

// The charting library is large and the panel starts closed: load it when the panel first opens.
const VectorChart = dynamic(() => import('./vector-chart').then((module) => module.VectorChart), {
  ssr: false,
  loading: () => <div className="h-60 animate-pulse rounded-lg bg-slate-100" />,
});

/**
 * One y range for every query of a model, so two screenshots can be compared bar by bar: four
 * times the typical size of a value of a unit vector with this many dimensions (1/√dims).
 */
function sharedYDomain(dims: number): readonly [number, number] {
  const bound = Math.ceil((4 / Math.sqrt(dims)) * 100) / 100;
  return [-bound, bound];
}

/** "Behind the scenes": the query's embedding as numbers and as a bar chart. */
export function VectorPanel({ search }: { search: CompletedSearch | null }) {
  // The chart mounts only while open, so it measures a visible container (and loads on first open).
  const { m, formatNumber } = useI18n();
  const [open, setOpen] = useState(false);
  const shown = search?.response.query.vector.length ?? QUERY_PREVIEW_LENGTH;

  return (
    <details
      data-testid="vector-panel"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="group rounded-2xl border border-slate-200 bg-white shadow-sm"
    >
      <summary
        data-testid="vector-toggle"
        className="flex min-h-11 list-none items-center justify-between gap-3 rounded-2xl px-5 py-4 hover:bg-slate-50 sm:px-6 [&::-webkit-details-marker]:hidden"
      >
        <span>
          <span className="block font-semibold text-slate-900">{m.vector.title}</span>
          <span className="block text-slate-500 text-sm">{m.vector.summary(formatNumber(shown))}</span>
        </span>
        <DisclosureChevron />
      </summary>

      <div className="border-slate-100 border-t px-5 pt-4 pb-5 sm:px-6">
        {search ? (
          <QueryVector search={search} showChart={open} />
        ) : (
          <p className="text-slate-500 text-sm">{m.vector.runSearchFirst}</p>
        )}
      </div>
    </details>
  );
}

function QueryVector({ search, showChart }: { search: CompletedSearch; showChart: boolean }) {
  const { m, formatNumber } = useI18n();
  const t = m.vector;
  const { query } = search.response;
  const withInstruction = search.request.instruction !== '';
  const [fixedScale, setFixedScale] = useState(false);
  const yDomain = sharedYDomain(query.dims);
  return (
    <div className="space-y-4">
      <p data-testid="vector-query" className="text-slate-600 text-sm">
        {t.theVectorOf(
          <q key="query" dir="auto" className="font-medium text-slate-900">
            {search.request.query}
          </q>,
          !withInstruction
            ? t.withoutInstruction
            : search.request.task || search.request.instruction
              ? t.withChosenInstruction
              : t.withRetrievalInstruction,
        )}
      </p>
      <dl className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        <Stat label={t.dimensions}>
          <span data-testid="vector-dims">{query.dims}</span>
        </Stat>
        <Stat label={t.queryTokens}>{formatNumber(query.tokens)}</Stat>
        <Stat label={t.shown}>{t.firstN(formatNumber(query.vector.length))}</Stat>
      </dl>

      <label className="flex min-h-11 items-center gap-2 text-slate-700 text-sm sm:min-h-8">
        <input
          type="checkbox"
          data-testid="vector-fixed-scale"
          checked={fixedScale}
          onChange={(event) => setFixedScale(event.target.checked)}
          className="size-4"
        />
        {t.fixedScale(withMinusSign(yDomain[0].toFixed(2)), yDomain[1].toFixed(2))}
      </label>

      <figure>
        {showChart ? <VectorChart values={query.vector} yDomain={fixedScale ? yDomain : undefined} /> : null}
        <figcaption className="sr-only">{t.chartDescription(formatNumber(query.vector.length))}</figcaption>
      </figure>

      <div>
        <h3 className="mb-2 font-medium text-slate-700 text-sm">{t.valuesHeading}</h3>
        <ol
          data-testid="vector-values"
          className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-lg bg-slate-50 p-3 font-mono text-xs tabular-nums ring-1 ring-slate-200 ring-inset sm:grid-cols-5"
        >
          {query.vector.map((value, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the position is the dimension's identity
            <li key={i} className="flex gap-2">
              <span className="w-7 text-right text-slate-500">{i}</span>
              <span className={`w-16 text-right ${value < 0 ? 'text-orange-700' : 'text-slate-800'}`}>
                {formatFixed4(value)}
              </span>
            </li>
          ))}
        </ol>
      </div>

      <FullVector
        query={search.request.query}
        instruction={search.request.instruction}
        dims={query.dims}
        known={search.response.explain?.queryVector}
      />
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
