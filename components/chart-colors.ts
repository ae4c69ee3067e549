/**
 * Every colour the charts paint, by role, defined once. Each is a palette variable from app/theme.css
 * (a light/dark pair), so SVG fills and strokes follow the theme like the Tailwind classes do; keep
 * them as `var(...)` strings, never hex, or a chart stays light on a dark page.
 */
export const CHART_COLORS = {
  grid: 'var(--color-slate-200)',
  tick: 'var(--color-slate-500)',
  axisLabel: 'var(--color-slate-600)',
  zeroLine: 'var(--color-slate-400)',
  cursor: 'var(--color-slate-100)',
  /** The card behind a chart: tooltips and hollow points are filled with it. */
  surface: 'var(--color-white)',
  /** The ring around a focused or picked point. */
  ink: 'var(--color-slate-900)',
  query: 'var(--color-violet-600)',
  queryOutline: 'var(--color-indigo-950)',
  queryLabel: 'var(--color-violet-900)',
  entry: 'var(--color-teal-600)',
  positive: 'var(--color-sky-600)',
  negative: 'var(--color-orange-500)',
  above: 'var(--color-emerald-600)',
  below: 'var(--color-slate-400)',
} as const;

/** Recharts' default tooltip box is white with grey text; these make it follow the theme. */
export const TOOLTIP_CONTENT_STYLE = {
  borderRadius: 8,
  borderColor: CHART_COLORS.grid,
  backgroundColor: CHART_COLORS.surface,
  color: 'var(--color-slate-900)',
  fontSize: 12,
} as const;
