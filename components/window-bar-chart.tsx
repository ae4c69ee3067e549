'use client';

/**
 * Recharts wrapper for "why this score" (loaded when the panel opens): one window of dimensions,
 * the query's value and the chosen entry's value side by side for each.
 */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatFixed4 } from '@/lib/format';
import { CHART_COLORS, TOOLTIP_CONTENT_STYLE } from './chart-colors';
import { useI18n } from './i18n-provider';

export interface WindowDatum {
  dimension: number;
  query: number;
  entry?: number;
}

export const WINDOW_SERIES = {
  query: { color: CHART_COLORS.query },
  entry: { color: CHART_COLORS.entry },
} as const;

export function WindowBarChart({ data, withEntry }: { data: readonly WindowDatum[]; withEntry: boolean }) {
  const t = useI18n().m.teaching.facts;
  return (
    <div data-testid="window-chart" className="w-full">
      <BarChart
        responsive
        data={[...data]}
        style={{ width: '100%', height: 240 }}
        margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
        <XAxis
          dataKey="dimension"
          tickLine={false}
          interval={4}
          tick={{ fontSize: 11, fill: CHART_COLORS.tick }}
        />
        <YAxis
          width={52}
          tick={{ fontSize: 11, fill: CHART_COLORS.tick }}
          tickFormatter={(v: number) => v.toFixed(2)}
        />
        <ReferenceLine y={0} stroke={CHART_COLORS.zeroLine} />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(label) => t.dimensionN(String(label))}
          formatter={(value, name) => [formatFixed4(Number(value)), name]}
          contentStyle={TOOLTIP_CONTENT_STYLE}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="query" name={t.query} fill={WINDOW_SERIES.query.color} isAnimationActive={false} />
        {withEntry ? (
          <Bar dataKey="entry" name={t.entry} fill={WINDOW_SERIES.entry.color} isAnimationActive={false} />
        ) : null}
      </BarChart>
    </div>
  );
}
