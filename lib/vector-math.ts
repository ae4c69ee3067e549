/** Pure vector helpers shared by the server (ranking) and the browser (charts). */

/** Scales `v` in place to unit length; a zero vector stays zero (never NaN). */
export function l2NormalizeInPlace(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 0 && Number.isFinite(norm)) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** Matryoshka shortening: keep the first `dims` values, then re-normalise (a new array). */
export function shortenEmbedding(v: Float32Array, dims: number): Float32Array {
  if (dims >= v.length) return v;
  return l2NormalizeInPlace(v.slice(0, dims));
}

export function dot(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** Indices of the k highest scores, best first; ties keep the lower index first. */
export function topKIndices(scores: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, Math.max(0, k));
}

/** Rounds to `digits` decimals for JSON (4 KB of float noise per vector otherwise). */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
