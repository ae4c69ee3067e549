/**
 * Pure parts of scoring long entries by windows (server/long-entries.ts does the embedding): where
 * the windows fall, and how window vectors combine into one score.
 */
import { dot, l2NormalizeInPlace } from './vector-math';

/**
 * Token ranges [start, end) of overlapping windows over `count` content tokens: `size` tokens each,
 * starting every `stride` tokens, the last one ending at the text's end. A text that fits in one
 * window is one range.
 */
export function windowRanges(count: number, size: number, stride: number): [number, number][] {
  if (count <= size) return [[0, count]];
  const ranges: [number, number][] = [];
  for (let start = 0; ; start += stride) {
    const end = Math.min(start + size, count);
    ranges.push([Math.max(0, end - size), end]);
    if (end === count) break;
  }
  return ranges;
}

/** The best window's score and position (max over windows; the first wins a tie). */
export function bestWindow(
  query: Float32Array,
  windows: readonly Float32Array[],
): { score: number; window: number } {
  let best = { score: Number.NEGATIVE_INFINITY, window: 0 };
  for (const [i, vector] of windows.entries()) {
    const score = dot(query, vector);
    if (score > best.score) best = { score, window: i };
  }
  return best;
}

/** The mean of the window vectors, re-normalised to unit length (the classic long-text recipe). */
export function meanVector(windows: readonly Float32Array[]): Float32Array {
  const dims = windows[0]?.length ?? 0;
  const sum = new Float32Array(dims);
  for (const vector of windows)
    for (let i = 0; i < dims; i++) sum[i] = (sum[i] as number) + (vector[i] as number);
  return l2NormalizeInPlace(sum);
}
