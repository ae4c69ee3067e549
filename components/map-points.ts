import { CHART_COLORS } from './chart-colors';

/** What the map draws, shared by the map (always loaded) and its chart (loaded on first open). */
export type PointKind = 'query' | 'above' | 'below';

export interface PlotPoint {
  key: string;
  x: number;
  y: number;
  kind: PointKind;
  /** The accessible name: what the point is and its true score. */
  label: string;
  selected: boolean;
}

/** Shape, not only colour, tells the kinds apart (the legend, worded by the catalogue, names both). */
export const POINT_STYLE: Record<PointKind, { color: string }> = {
  query: { color: CHART_COLORS.query },
  above: { color: CHART_COLORS.above },
  below: { color: CHART_COLORS.below },
};
