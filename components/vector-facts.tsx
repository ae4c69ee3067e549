'use client';

import dynamic from 'next/dynamic';
import { useId, useState } from 'react';
import { formatFixed4 } from '@/lib/format';
import type { SearchExplain, SearchResult } from '@/lib/schemas';
import {
  clampWindowStart,
  contributions,
  topContributions,
  VECTOR_WINDOW,
  vectorFacts,
} from '@/lib/teaching';
import { useI18n } from './i18n-provider';

const WindowBarChart = dynamic(() => import('./window-bar-chart').then((m) => m.WindowBarChart), {
  ssr: false,
  loading: () => <div className="h-60 animate-pulse rounded-lg bg-slate-100" />,
});

interface VectorFactsProps {
  explain: SearchExplain;
  results: readonly SearchResult[];
}

const INPUT =
  'min-h-11 rounded-lg border border-slate-300 bg-white px-2 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200 sm:min-h-9';
const BUTTON =
  'min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-700 text-sm shadow-sm hover:bg-slate-50 disabled:opacity-40 sm:min-h-9';

/**
 * The query vector's facts (over all its dimensions), any 50-dimension window of it, and "why this
 * score": a result's values beside the query's and the dimensions that add most to their cosine.
 */
export function VectorFacts({ explain, results }: VectorFactsProps) {
  const { m, formatNumber } = useI18n();
  const t = m.teaching.facts;
  const ids = useId();
  const vector = explain.queryVector;
  const facts = vectorFacts(vector);
  const [startText, setStartText] = useState('0');
  const [resultPosition, setResultPosition] = useState(0);
  const start = clampWindowStart(Number(startText), facts.dims);
  const stop = Math.min(facts.dims, start + VECTOR_WINDOW);
  const result = results[resultPosition];
  const entry = explain.resultVectors[resultPosition];
  const all = entry ? contributions(vector, entry) : [];
  const windowRows = all.length
    ? all.slice(start, stop)
    : vector.slice(start, stop).map((q, k) => ({ dimension: start + k, query: q, entry: 0, product: 0 }));
  const total = all.reduce((s, c) => s + c.product, 0);

  function move(by: number) {
    setStartText(String(clampWindowStart(start + by, facts.dims)));
  }

  return (
    <div className="space-y-5">
      <dl data-testid="vector-facts" className="grid grid-cols-2 gap-x-8 gap-y-2 text-sm sm:grid-cols-5">
        <Fact label={t.dimensions} testId="fact-dims" value={String(facts.dims)} />
        <Fact label={t.norm} testId="fact-norm" value={formatFixed4(facts.norm)} />
        <Fact label={t.min} testId="fact-min" value={formatFixed4(facts.min)} />
        <Fact label={t.max} testId="fact-max" value={formatFixed4(facts.max)} />
        <Fact label={t.mean} testId="fact-mean" value={formatFixed4(facts.mean)} />
      </dl>
      <p className="text-slate-600 text-sm">{t.unitLength}</p>

      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-slate-700 text-sm" htmlFor={`${ids}-start`}>
          {t.firstDimension}
          <input
            id={`${ids}-start`}
            data-testid="window-start"
            type="number"
            min={0}
            max={Math.max(0, facts.dims - VECTOR_WINDOW)}
            step={VECTOR_WINDOW}
            value={startText}
            onChange={(event) => setStartText(event.target.value)}
            className={`${INPUT} w-28`}
          />
        </label>
        <button type="button" onClick={() => move(-VECTOR_WINDOW)} disabled={start === 0} className={BUTTON}>
          {t.previous(String(VECTOR_WINDOW))}
        </button>
        <button
          type="button"
          onClick={() => move(VECTOR_WINDOW)}
          disabled={stop >= facts.dims}
          className={BUTTON}
        >
          {t.next(String(VECTOR_WINDOW))}
        </button>
        <label className="flex flex-col gap-1 text-slate-700 text-sm" htmlFor={`${ids}-result`}>
          {t.compareWith}
          <select
            id={`${ids}-result`}
            data-testid="why-result"
            value={resultPosition}
            onChange={(event) => setResultPosition(Number(event.target.value))}
            className={`${INPUT} max-w-xs`}
          >
            {results.slice(0, explain.resultVectors.length).map((r, position) => (
              <option key={r.index} value={position}>
                #{position + 1} ({formatFixed4(r.score)}): {r.text.slice(0, 40)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <figure>
        <WindowBarChart data={windowRows} withEntry={entry !== undefined} />
        <figcaption data-testid="window-caption" className="text-slate-600 text-sm">
          {t.caption(
            String(start),
            String(stop - 1),
            String(facts.dims),
            result ? formatNumber(resultPosition + 1) : null,
          )}
        </figcaption>
      </figure>

      {result && entry ? (
        <section aria-labelledby={`${ids}-why`} className="space-y-2 text-sm">
          <h3 id={`${ids}-why`} className="font-medium text-slate-800">
            {t.whyHeading(formatNumber(resultPosition + 1), formatFixed4(result.score))}
          </h3>
          <p data-testid="why-sum" className="text-slate-600">
            {t.whySum(
              formatNumber(all.length),
              <span key="sum" className="font-mono font-semibold">
                {formatFixed4(total)}
              </span>,
            )}
          </p>
          <ol data-testid="why-top" className="grid gap-1 font-mono text-xs sm:grid-cols-2">
            {topContributions(all).map((c) => (
              <li key={c.dimension} className="rounded bg-slate-50 px-2 py-1">
                {t.contribution(
                  String(c.dimension),
                  formatFixed4(c.query),
                  formatFixed4(c.entry),
                  <span key="product" className="font-semibold">
                    {formatFixed4(c.product)}
                  </span>,
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <details className="text-sm">
        <summary id={`${ids}-table`} className="min-h-8 cursor-pointer font-medium text-slate-700">
          {t.tableSummary}
        </summary>
        {/* Focusable, so a keyboard alone can scroll the table (the summary names the region). */}
        <section
          aria-labelledby={`${ids}-table`}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
          tabIndex={0}
          className="mt-2 max-h-72 overflow-auto rounded-lg ring-1 ring-slate-200"
        >
          <table data-testid="window-table" className="w-full text-right font-mono text-xs tabular-nums">
            <thead className="sticky top-0 bg-slate-50 text-slate-500">
              <tr>
                <th className="px-2 py-1">{t.dimension}</th>
                <th className="px-2 py-1">{t.query}</th>
                {entry ? <th className="px-2 py-1">{t.entry}</th> : null}
                {entry ? <th className="px-2 py-1">{t.product}</th> : null}
              </tr>
            </thead>
            <tbody>
              {windowRows.map((row) => (
                <tr key={row.dimension} data-testid="window-row" className="border-slate-100 border-t">
                  <td className="px-2 py-0.5">{row.dimension}</td>
                  <td className="px-2 py-0.5">{formatFixed4(row.query)}</td>
                  {entry ? <td className="px-2 py-0.5">{formatFixed4(row.entry)}</td> : null}
                  {entry ? <td className="px-2 py-0.5">{formatFixed4(row.product)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </div>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div>
      <dt className="text-slate-500 text-xs uppercase tracking-wide">{label}</dt>
      <dd data-testid={testId} className="font-semibold text-lg text-slate-900 tabular-nums">
        {value}
      </dd>
    </div>
  );
}
