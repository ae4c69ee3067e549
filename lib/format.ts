/** Display helpers shared by the result list and the vector panel. */

/** Scores and vector values are shown with 4 decimals: enough to tell close scores apart, short enough to scan. */
export function formatFixed4(value: number): string {
  return value.toFixed(4);
}

/** Cosine similarity can be negative; a progress bar can only show 0..1. */
export function clampUnit(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** The words for a duration, from the page's catalogue (lib code takes them as a parameter). */
export interface DurationUnits {
  underOneMs: string;
  ms: (value: string) => string;
  s: (value: string) => string;
}

/** Whole milliseconds below a second, seconds with 2 (under 10 s) or 1 decimal above. */
export function formatMs(ms: number, units: DurationUnits): string {
  if (ms < 1) return units.underOneMs;
  if (ms < 1_000) return units.ms(String(Math.round(ms)));
  return units.s((ms / 1_000).toFixed(ms < 10_000 ? 2 : 1));
}

/** A formatted number with a true minus sign (−0.0057), as a teacher would write it. */
export function withMinusSign(text: string): string {
  return text.replace(/^-/, '\u2212');
}

export function formatSigned4(value: number): string {
  return withMinusSign(value.toFixed(4));
}
