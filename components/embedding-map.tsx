'use client';

import dynamic from 'next/dynamic';
import { useCallback, useMemo, useState } from 'react';
import { formatFixed4 } from '@/lib/format';
import type { Messages } from '@/lib/i18n/catalogues';
import type { SearchExplain } from '@/lib/schemas';
import { CHART_COLORS } from './chart-colors';
import { useI18n } from './i18n-provider';
import { type PlotPoint, POINT_STYLE, type PointKind } from './map-points';

// recharts is large: load the chart when the map panel first opens.
const ScatterPlot = dynamic(() => import('./scatter-plot').then((m) => m.ScatterPlot), {
  ssr: false,
  loading: () => <div className="h-[380px] animate-pulse rounded-lg bg-slate-100" />,
});

interface EmbeddingMapProps {
  explain: SearchExplain;
  /** The knowledge base as searched, in order (explain's arrays follow it). */
  texts: readonly string[];
  query: string;
  threshold: number;
  selectedIndex: number | null;
  onSelect: (index: number) => void;
  /** How many results the list shows (to say whether a picked entry is among them). */
  resultCount: number;
}

/** 1-based rank by score, ties broken by position, as the server ranks. */
function rankOf(scores: readonly number[], index: number): number {
  const own = scores[index] ?? 0;
  return 1 + scores.filter((s, i) => s > own || (s === own && i < index)).length;
}

const QUERY_KEY = 'query';

/** The knowledge base and the query as points on a 2D PCA map, with the true cosines on hover and focus. */
export function EmbeddingMap({
  explain,
  texts,
  query,
  threshold,
  selectedIndex,
  onSelect,
  resultCount,
}: EmbeddingMapProps) {
  const { m, formatNumber } = useI18n();
  const t = m.teaching.map;
  const percent = (share: number) => t.percent((share * 100).toFixed(1));
  const { map, scores, dims } = explain;
  const [activeKey, setActiveKey] = useState(QUERY_KEY);

  const points = useMemo<PlotPoint[]>(() => {
    if (!map) return [];
    const kind = (score: number): PointKind => (score > threshold ? 'above' : 'below');
    const byScore = texts.map((_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
    return [
      {
        key: QUERY_KEY,
        x: map.query[0],
        y: map.query[1],
        kind: 'query' as const,
        label: t.queryPoint(query),
        selected: false,
      },
      ...byScore.map((i) => {
        const [x, y] = map.points[i] ?? [0, 0];
        const score = scores[i] ?? 0;
        return {
          key: `e${i}`,
          x,
          y,
          kind: kind(score),
          label: t.entryPoint(formatNumber(i + 1), formatFixed4(score), texts[i] ?? ''),
          selected: i === selectedIndex,
        };
      }),
    ];
  }, [map, texts, scores, query, threshold, selectedIndex, t, formatNumber]);

  const selectPoint = useCallback(
    (key: string) => {
      if (key !== QUERY_KEY) onSelect(Number(key.slice(1)));
    },
    [onSelect],
  );

  if (!map) {
    return (
      <div data-testid="map-too-small" className="space-y-2 text-slate-600 text-sm leading-6">
        <p>{t.tooSmall(texts.length)}</p>
        <ul className="list-disc pl-5">
          {texts.map((text, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries are identified by their position
            <li key={i}>
              {t.tooSmallEntry(
                formatNumber(i + 1),
                <q key="text">{text}</q>,
                <span key="score" className="font-mono">
                  {formatFixed4(scores[i] ?? 0)}
                </span>,
              )}
            </li>
          ))}
        </ul>
      </div>
    );
  }

  const [ex = 0, ey = 0] = map.explained;
  const activeIndex = activeKey === QUERY_KEY ? null : Number(activeKey.slice(1));
  return (
    <div className="space-y-3">
      <p data-testid="map-variance" className="text-slate-600 text-sm leading-6">
        {t.variance(formatNumber(texts.length), String(dims), percent(ex), percent(ey), percent(ex + ey))}
      </p>
      <p data-testid="map-note" className="rounded-lg bg-amber-50 px-3 py-2 text-amber-900 text-sm">
        {t.squeezeNote(String(dims))}
        {map.converged ? '' : t.notConverged}
      </p>

      <ScatterPlot
        points={points}
        onActivate={setActiveKey}
        onSelect={selectPoint}
        xLabel={t.axis('1', percent(ex))}
        yLabel={t.axis('2', percent(ey))}
      />

      <p
        data-testid="map-active"
        aria-live="polite"
        className="min-h-12 rounded-lg bg-slate-50 px-3 py-2 text-sm"
      >
        {activeIndex === null ? (
          <>
            <span className="font-semibold text-violet-800">{t.activeQuery}</span> {query}
          </>
        ) : (
          t.activeEntry(
            <span key="entry" className="font-semibold">
              {t.entry(formatNumber(activeIndex + 1))}
            </span>,
            <span key="score" data-testid="map-active-score" className="font-mono font-semibold">
              {formatFixed4(scores[activeIndex] ?? 0)}
            </span>,
            texts[activeIndex] ?? '',
          )
        )}
      </p>

      {selectedIndex !== null ? (
        <p data-testid="map-selected" className="text-slate-600 text-sm">
          {t.picked(
            formatNumber(selectedIndex + 1),
            formatNumber(rankOf(scores, selectedIndex)),
            formatNumber(texts.length),
            rankOf(scores, selectedIndex) <= resultCount,
          )}
        </p>
      ) : null}

      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-slate-600 text-xs">
        {(Object.keys(POINT_STYLE) as PointKind[]).map((kind) => (
          <li key={kind} className="flex items-center gap-1.5">
            <span
              aria-hidden
              className={`size-3 ${kind === 'query' ? 'rotate-45' : 'rounded-full'} border-2`}
              style={{
                borderColor: POINT_STYLE[kind].color,
                backgroundColor: kind === 'below' ? CHART_COLORS.surface : POINT_STYLE[kind].color,
              }}
            />
            {legendName(t, kind, String(threshold))}
          </li>
        ))}
        <li>{t.keyboardHint}</li>
      </ul>

      <MapTable explain={explain} texts={texts} />
    </div>
  );
}

function legendName(t: Messages['teaching']['map'], kind: PointKind, threshold: string): string {
  if (kind === 'query') return t.legendQuery;
  return kind === 'above' ? t.legendAbove(threshold) : t.legendBelow(threshold);
}

/** The chart's text equivalent: every point's coordinates and true cosine. */
function MapTable({ explain, texts }: { explain: SearchExplain; texts: readonly string[] }) {
  const t = useI18n().m.teaching.map;
  const [open, setOpen] = useState(false);
  const map = explain.map;
  if (!map) return null;
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)} className="text-sm">
      <summary className="min-h-8 cursor-pointer font-medium text-slate-700">{t.tableSummary}</summary>
      {open ? (
        <div className="mt-2 max-h-80 overflow-auto rounded-lg ring-1 ring-slate-200">
          <table data-testid="map-table" className="w-full text-left text-xs tabular-nums">
            <thead className="sticky top-0 bg-slate-50 text-slate-500">
              <tr>
                <th className="px-2 py-1">{t.tablePoint}</th>
                <th className="px-2 py-1 text-right">{t.tableAxis('1')}</th>
                <th className="px-2 py-1 text-right">{t.tableAxis('2')}</th>
                <th className="px-2 py-1 text-right">{t.tableCosine}</th>
              </tr>
            </thead>
            <tbody>
              <tr className="font-medium text-violet-800">
                <td className="px-2 py-1">{t.tableQuery}</td>
                <td className="px-2 py-1 text-right font-mono">{formatFixed4(map.query[0])}</td>
                <td className="px-2 py-1 text-right font-mono">{formatFixed4(map.query[1])}</td>
                <td className="px-2 py-1 text-right font-mono">1.0000</td>
              </tr>
              {map.points.map(([x, y], i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: entries are identified by their position
                <tr key={i} className="border-slate-100 border-t">
                  <td className="max-w-xs truncate px-2 py-1">
                    {i + 1}. {texts[i]}
                  </td>
                  <td className="px-2 py-1 text-right font-mono">{formatFixed4(x)}</td>
                  <td className="px-2 py-1 text-right font-mono">{formatFixed4(y)}</td>
                  <td className="px-2 py-1 text-right font-mono">{formatFixed4(explain.scores[i] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
