'use client';

/**
 * The only file that imports recharts: a small typed wrapper (in the spirit of shadcn/ui's chart.tsx)
 * that draws a vector's values as bars, coloured by sign.
 */
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatFixed4 } from '@/lib/format';

export interface ChartSeriesConfig {
  label: string;
  color: string;
}

export interface VectorChartConfig {
  positive: ChartSeriesConfig;
  negative: ChartSeriesConfig;
}

export const DEFAULT_VECTOR_CHART_CONFIG: VectorChartConfig = {
  positive: { label: 'Positive', color: '#0284c7' },
  negative: { label: 'Negative', color: '#f97316' },
};

interface VectorChartProps {
  values: readonly number[];
  config?: VectorChartConfig;
  height?: number;
  /** Index of values[0] in the full vector (for axis and tooltip labels). */
  firstIndex?: number;
}

interface VectorBarDatum {
  dimension: number;
  value: number;
  /** Recharts paints a bar with its data entry's own `fill`. */
  fill: string;
}

export function VectorChart({
  values,
  config = DEFAULT_VECTOR_CHART_CONFIG,
  height = 220,
  firstIndex = 0,
}: VectorChartProps) {
  const data: VectorBarDatum[] = values.map((value, i) => ({
    dimension: firstIndex + i,
    value,
    fill: value >= 0 ? config.positive.color : config.negative.color,
  }));

  return (
    <div data-testid="vector-chart" className="w-full">
      <BarChart
        responsive
        data={data}
        style={{ width: '100%', height }}
        margin={{ top: 8, right: 8, bottom: 4, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="dimension"
          tickLine={false}
          axisLine={false}
          interval={4}
          tick={{ fontSize: 11, fill: '#64748b' }}
        />
        <YAxis
          tickLine={false}
          axisLine={false}
          width={52}
          tick={{ fontSize: 11, fill: '#64748b' }}
          tickFormatter={(value: number) => value.toFixed(2)}
        />
        <ReferenceLine y={0} stroke="#94a3b8" />
        <Tooltip
          cursor={{ fill: '#f1f5f9' }}
          isAnimationActive={false}
          labelFormatter={(label) => `Dimension ${label}`}
          formatter={(value) => [formatFixed4(Number(value)), 'value']}
          contentStyle={{ borderRadius: 8, borderColor: '#e2e8f0', fontSize: 12 }}
        />
        <Bar dataKey="value" radius={[2, 2, 2, 2]} animationDuration={400} />
      </BarChart>
      <ul className="mt-1 flex justify-end gap-4 text-slate-500 text-xs">
        {[config.positive, config.negative].map((series) => (
          <li key={series.label} className="flex items-center gap-1.5">
            <span aria-hidden className="size-2.5 rounded-sm" style={{ backgroundColor: series.color }} />
            {series.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
