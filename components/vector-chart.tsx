'use client';

/**
 * The only file that imports recharts (loaded only when the vector panel first opens): a small
 * wrapper that draws a vector's values as bars, coloured by sign, with labelled axes.
 */
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatSigned4 } from '@/lib/format';
import { CHART_COLORS } from './chart-colors';
import { useI18n } from './i18n-provider';

const SERIES = {
  positive: { color: CHART_COLORS.positive },
  negative: { color: CHART_COLORS.negative },
};

interface VectorChartProps {
  values: readonly number[];
  /** A fixed y range (e.g. [−0.25, 0.25]) so charts of different queries compare; auto when absent. */
  yDomain?: readonly [number, number];
}

interface VectorBarDatum {
  dimension: number;
  value: number;
  /** Recharts paints a bar with its data entry's own `fill`. */
  fill: string;
}

export function VectorChart({ values, yDomain }: VectorChartProps) {
  const t = useI18n().m.vector.chart;
  const data: VectorBarDatum[] = values.map((value, dimension) => ({
    dimension,
    value,
    fill: value >= 0 ? SERIES.positive.color : SERIES.negative.color,
  }));

  return (
    <div data-testid="vector-chart" className="w-full">
      <BarChart
        responsive
        data={data}
        style={{ width: '100%', height: 240 }}
        margin={{ top: 8, right: 8, bottom: 16, left: 8 }}
      >
        <CartesianGrid vertical={false} stroke={CHART_COLORS.grid} />
        <XAxis
          dataKey="dimension"
          tickLine={false}
          axisLine={false}
          interval={4}
          tick={{ fontSize: 11, fill: CHART_COLORS.tick }}
          label={{
            value: t.xAxis,
            position: 'insideBottom',
            offset: -10,
            fontSize: 12,
            fill: CHART_COLORS.axisLabel,
          }}
        />
        <YAxis
          tickLine={false}
          axisLine={false}
          width={56}
          domain={yDomain ? [yDomain[0], yDomain[1]] : ['auto', 'auto']}
          allowDataOverflow={yDomain !== undefined}
          tick={{ fontSize: 11, fill: CHART_COLORS.tick }}
          tickFormatter={(value: number) => value.toFixed(2)}
          label={{
            value: t.yAxis,
            angle: -90,
            position: 'insideLeft',
            fontSize: 12,
            fill: CHART_COLORS.axisLabel,
          }}
        />
        <ReferenceLine y={0} stroke={CHART_COLORS.zeroLine} />
        <Tooltip
          cursor={{ fill: CHART_COLORS.cursor }}
          isAnimationActive={false}
          content={({ active, payload }) => {
            const datum = payload?.[0]?.payload as VectorBarDatum | undefined;
            if (!active || !datum) return null;
            return (
              <div
                data-testid="vector-tooltip"
                className="rounded-lg border border-slate-200 bg-white px-2 py-1 text-xs shadow-sm"
              >
                {t.tooltip(String(datum.dimension), formatSigned4(datum.value))}
              </div>
            );
          }}
        />
        <Bar dataKey="value" radius={[2, 2, 2, 2]} animationDuration={400} />
      </BarChart>
      <ul className="mt-1 flex justify-end gap-4 text-slate-500 text-xs">
        {(['positive', 'negative'] as const).map((sign) => (
          <li key={sign} className="flex items-center gap-1.5">
            <span
              aria-hidden
              className="size-2.5 rounded-sm"
              style={{ backgroundColor: SERIES[sign].color }}
            />
            {t[sign]}
          </li>
        ))}
      </ul>
    </div>
  );
}
