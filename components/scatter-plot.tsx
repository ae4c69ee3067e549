'use client';

/**
 * The map's recharts wrapper (loaded only when the map panel opens): a scatter chart whose points
 * are keyboard-reachable. Only the first point is in the tab order (a base of 2,000 entries must
 * not mean 2,000 tab presses); arrow keys move focus between points in the order given, Enter or
 * Space selects. Shape, not only colour, tells the kinds apart.
 *
 * Hover and focus are styled with CSS, not state, and the component is memoised: pointing at a
 * point re-renders the caller's caption only, never the 2,000 points (measured: re-rendering them
 * on every hover made frames of ~200 ms while scrolling over a 2,000-entry map).
 */
import type { KeyboardEvent } from 'react';
import { memo, useRef } from 'react';
import { CartesianGrid, Scatter, ScatterChart, XAxis, YAxis } from 'recharts';
import { CHART_COLORS } from './chart-colors';
import { useI18n } from './i18n-provider';
import { type PlotPoint, POINT_STYLE } from './map-points';

interface ScatterPlotProps {
  /** In keyboard order (the caller puts the query first, then entries best first). */
  points: readonly PlotPoint[];
  onActivate: (key: string) => void;
  onSelect: (key: string) => void;
  xLabel: string;
  yLabel: string;
  height?: number;
}

interface ShapeProps {
  cx?: number;
  cy?: number;
  payload?: PlotPoint;
}

export const ScatterPlot = memo(function ScatterPlot({
  points,
  onActivate,
  onSelect,
  xLabel,
  yLabel,
  height = 380,
}: ScatterPlotProps) {
  const queryMark = useI18n().m.teaching.map.queryMark;
  const containerRef = useRef<HTMLDivElement>(null);
  const position = new Map(points.map((p, i) => [p.key, i]));

  function focusPoint(key: string) {
    containerRef.current?.querySelector<SVGGElement>(`[data-point-key="${CSS.escape(key)}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<SVGGElement>, key: string) {
    const i = position.get(key) ?? 0;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      const next = points[(i + step + points.length) % points.length];
      if (next) focusPoint(next.key);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(key);
    }
  }

  function renderShape({ cx = 0, cy = 0, payload }: ShapeProps) {
    if (!payload) return <g />;
    const { color } = POINT_STYLE[payload.kind];
    const r = payload.kind === 'query' ? 9 : payload.selected ? 7 : 5;
    return (
      // biome-ignore lint/a11y/useSemanticElements: an SVG point cannot be a <button>; role and keys make it one
      <g
        role="button"
        tabIndex={payload.key === points[0]?.key ? 0 : -1}
        aria-label={payload.label}
        aria-pressed={payload.selected}
        data-testid={payload.kind === 'query' ? 'map-query-point' : 'map-point'}
        data-point-key={payload.key}
        onMouseEnter={() => onActivate(payload.key)}
        onFocus={() => onActivate(payload.key)}
        onClick={() => onSelect(payload.key)}
        onKeyDown={(event) => onKeyDown(event, payload.key)}
        className="cursor-pointer outline-none hover:[&>*:first-child]:stroke-[3] focus-visible:[&>*:first-child]:stroke-slate-900 focus-visible:[&>*:first-child]:stroke-[3]"
      >
        {payload.kind === 'query' ? (
          <path
            d={`M${cx},${cy - r} L${cx + r},${cy} L${cx},${cy + r} L${cx - r},${cy} Z`}
            fill={color}
            stroke={CHART_COLORS.queryOutline}
            strokeWidth={1.5}
          />
        ) : (
          <circle
            cx={cx}
            cy={cy}
            r={r}
            fill={payload.kind === 'above' ? color : CHART_COLORS.surface}
            stroke={payload.selected ? CHART_COLORS.ink : color}
            strokeWidth={payload.selected ? 2.5 : 1.5}
          />
        )}
        {payload.kind === 'query' ? (
          <text x={cx + 12} y={cy + 4} fontSize={12} fontWeight={600} fill={CHART_COLORS.queryLabel}>
            {queryMark}
          </text>
        ) : null}
      </g>
    );
  }

  return (
    <div ref={containerRef} data-testid="map-chart" className="w-full">
      <ScatterChart
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 12, right: 24, bottom: 24, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} />
        <XAxis
          type="number"
          dataKey="x"
          name={xLabel}
          tick={{ fontSize: 11, fill: CHART_COLORS.tick }}
          tickFormatter={(v: number) => v.toFixed(2)}
          label={{
            value: xLabel,
            position: 'insideBottom',
            offset: -14,
            fontSize: 12,
            fill: CHART_COLORS.axisLabel,
          }}
        />
        <YAxis
          type="number"
          dataKey="y"
          name={yLabel}
          width={56}
          tick={{ fontSize: 11, fill: CHART_COLORS.tick }}
          tickFormatter={(v: number) => v.toFixed(2)}
          label={{
            value: yLabel,
            angle: -90,
            position: 'insideLeft',
            fontSize: 12,
            fill: CHART_COLORS.axisLabel,
          }}
        />
        <Scatter data={drawingOrder(points)} shape={renderShape} isAnimationActive={false} />
      </ScatterChart>
    </div>
  );
});

/** SVG paints in order: the selected point, then the query, go last so nothing hides them. */
function drawingOrder(points: readonly PlotPoint[]): PlotPoint[] {
  const layer = (p: PlotPoint) => (p.kind === 'query' ? 2 : p.selected ? 1 : 0);
  return [...points].sort((a, b) => layer(a) - layer(b));
}
