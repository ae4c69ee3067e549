'use client';

import { formatFixed4 } from '@/lib/format';
import type { SearchExplain } from '@/lib/schemas';
import { divergingColor, NEAR_DUPLICATE_MIN, nearDuplicatePairs } from '@/lib/teaching';
import { useI18n } from './i18n-provider';

interface SimilarityHeatmapProps {
  explain: SearchExplain;
  texts: readonly string[];
}

/** Up to this many entries the cells are big enough to print their score in. */
const NUMBERS_IN_CELLS_MAX = 12;

/**
 * Entries × entries (plus the query's row) coloured by cosine. Every cell is labelled with the pair
 * and the score, so the grid reads without colour, by hover or by a screen reader.
 */
export function SimilarityHeatmap({ explain, texts }: SimilarityHeatmapProps) {
  const { m, formatNumber } = useI18n();
  const t = m.teaching.heatmap;
  const { indices, matrix } = explain.heatmap;
  const withNumbers = indices.length <= NUMBERS_IN_CELLS_MAX;
  const cell = withNumbers ? 'h-10 min-w-14 px-1 text-[11px]' : 'h-3.5 w-3.5 min-w-3.5 p-0';
  const name = (i: number) => t.entry(formatNumber(i + 1));
  const pairs = nearDuplicatePairs(indices, matrix);

  return (
    <div className="space-y-4">
      {indices.length < texts.length ? (
        <p data-testid="heatmap-subset" className="text-slate-600 text-sm">
          {t.subset(
            formatNumber(indices.length),
            formatNumber(texts.length),
            formatNumber(texts.length * texts.length),
          )}
        </p>
      ) : null}

      <div className="overflow-auto rounded-lg ring-1 ring-slate-200">
        <table data-testid="heatmap" className="border-separate border-spacing-px font-mono tabular-nums">
          <caption className="sr-only">{t.caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-white px-1 text-left text-[10px] text-slate-400">
                <span className="sr-only">{t.rowHeader}</span>
              </th>
              {indices.map((i) => (
                <th
                  key={i}
                  scope="col"
                  title={`${name(i)}: ${texts[i] ?? ''}`}
                  className="px-0.5 font-normal text-[10px] text-slate-500"
                >
                  {withNumbers || indices.length <= 30 ? i + 1 : <span className="sr-only">{i + 1}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <HeatmapRow
              label={t.query}
              scores={indices.map((i) => explain.scores[i] ?? 0)}
              cellName={(k) => `${t.query} × ${name(indices[k] as number)}`}
              cellClass={cell}
              withNumbers={withNumbers}
              testId="heatmap-query-row"
            />
            {indices.map((i, r) => (
              <HeatmapRow
                key={i}
                label={String(i + 1)}
                title={`${name(i)}: ${texts[i] ?? ''}`}
                scores={matrix[r] ?? []}
                cellName={(k) => `${name(i)} × ${name(indices[k] as number)}`}
                cellClass={cell}
                withNumbers={withNumbers}
                testId="heatmap-row"
              />
            ))}
          </tbody>
        </table>
      </div>

      <Legend />

      <section aria-labelledby="near-duplicates-heading" className="text-sm">
        <h3 id="near-duplicates-heading" className="font-medium text-slate-800">
          {t.nearDuplicates(String(NEAR_DUPLICATE_MIN))}
        </h3>
        {pairs.length === 0 ? (
          <p data-testid="near-duplicates-none" className="text-slate-500">
            {t.noNearDuplicates(String(NEAR_DUPLICATE_MIN))}
          </p>
        ) : (
          <ul data-testid="near-duplicates" className="mt-1 space-y-1">
            {pairs.slice(0, 20).map(({ a, b, score }) => (
              <li key={`${a}-${b}`} className="text-slate-700">
                {t.pair(
                  <span key="score" className="font-mono font-semibold">
                    {formatFixed4(score)}
                  </span>,
                  name(a),
                  <q key="a">{texts[a]}</q>,
                  name(b),
                  <q key="b">{texts[b]}</q>,
                )}
              </li>
            ))}
            {pairs.length > 20 ? (
              <li className="text-slate-500">{t.morePairs(formatNumber(pairs.length - 20))}</li>
            ) : null}
          </ul>
        )}
      </section>
    </div>
  );
}

interface HeatmapRowProps {
  label: string;
  title?: string;
  scores: readonly number[];
  cellName: (column: number) => string;
  cellClass: string;
  withNumbers: boolean;
  testId: string;
}

function HeatmapRow({ label, title, scores, cellName, cellClass, withNumbers, testId }: HeatmapRowProps) {
  return (
    <tr data-testid={testId}>
      <th
        scope="row"
        title={title}
        className="sticky left-0 bg-white px-1 text-right font-normal text-[10px] text-slate-500"
      >
        {label}
      </th>
      {scores.map((score, k) => {
        const text = `${cellName(k)}: ${score.toFixed(4)}`;
        return (
          <td
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are identified by their position
            key={k}
            data-testid="heatmap-cell"
            data-score={score}
            aria-label={text}
            title={text}
            className={`${cellClass} rounded-[2px] text-center text-slate-900`}
            style={{ backgroundColor: divergingColor(score) }}
          >
            {withNumbers ? score.toFixed(2) : null}
          </td>
        );
      })}
    </tr>
  );
}

function Legend() {
  const t = useI18n().m.teaching.heatmap;
  const stops = [-1, -0.5, 0, 0.5, 1];
  return (
    <figure className="max-w-sm text-slate-500 text-xs">
      <div
        aria-hidden
        className="h-3 rounded"
        style={{ background: `linear-gradient(to right, ${stops.map((s) => divergingColor(s)).join(', ')})` }}
      />
      <div className="mt-1 flex justify-between font-mono">
        {stops.map((s) => (
          <span key={s}>{s.toFixed(1)}</span>
        ))}
      </div>
      <figcaption>{t.scale}</figcaption>
    </figure>
  );
}
