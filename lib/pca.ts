/**
 * Principal component analysis for the page's 2D map, written here rather than taken from a
 * library: the map needs only the top two axes of at most a few thousand vectors, which power
 * iteration with deflation finds in a few dozen lines, without ever forming the d × d covariance
 * matrix (4,096² for the 8B model) or the centred copy of the data. The maintained JS linear-algebra
 * packages (ml-pca, mathjs) compute a full SVD / eigendecomposition, far more work than two axes.
 *
 * Each iteration multiplies by the centred data twice (X·v, then Xᵀ·u): O(n·d) time, O(d) memory.
 * The fit stops when the axis stops turning or after `maxIterations`; either way the reported
 * variance shares are measured on the axes actually returned, so they are never overstated.
 */

export interface PcaOptions {
  /** How many axes to find (default 2). */
  components?: number;
  maxIterations?: number;
  /** Stop when ‖C·v − λ·v‖ / λ (the eigen-equation's relative residual) falls below this. */
  tolerance?: number;
}

export interface PcaFit {
  /** Mean of the fitted rows (the origin of the projection). */
  mean: Float64Array;
  /** Unit-length, mutually orthogonal axes, largest variance first. */
  axes: Float64Array[];
  /** Variance of the fitted rows along each axis (divided by n). */
  variances: number[];
  /** Total variance of the fitted rows (sum over all dimensions, divided by n). */
  totalVariance: number;
  /** Share of the total variance each axis explains (0..1). */
  explained: number[];
  /** False when an axis was still turning at maxIterations (its share is still exact for that axis). */
  converged: boolean;
}

/**
 * A map needs axes good to a fraction of a pixel, not to machine precision; the cap bounds the work
 * (each iteration is two passes over n × d values) when the top variances are nearly equal.
 */
const DEFAULT_MAX_ITERATIONS = 100;
const DEFAULT_TOLERANCE = 1e-6;
/** Variance below this share of the total counts as none. */
const NO_VARIANCE = 1e-12;

type Row = ArrayLike<number>;

/** Fits PCA on `rows` (all of the same length, at least one). */
export function fitPca(rows: readonly Row[], options: PcaOptions = {}): PcaFit {
  const steps = pcaSteps(rows, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same fit, pausing after every iteration: a server can run it in slices and let other
 * requests through between them (a 2,000 × 1,024 fit is a noticeable fraction of a second).
 */
export function* pcaSteps(rows: readonly Row[], options: PcaOptions = {}): Generator<void, PcaFit> {
  const first = rows[0];
  if (!first) throw new Error('fitPca needs at least one row');
  const n = rows.length;
  const d = first.length;
  const k = Math.min(options.components ?? 2, d);
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;

  const mean = new Float64Array(d);
  for (const row of rows) for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (row[j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;

  let totalVariance = 0;
  for (const row of rows) {
    for (let j = 0; j < d; j++) totalVariance += ((row[j] as number) - (mean[j] as number)) ** 2;
  }
  totalVariance /= n;

  const axes: Float64Array[] = [];
  const variances: number[] = [];
  let converged = true;
  const scores = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    let axis = startVector(d, c);
    removeComponents(axis, axes);
    normalize(axis);
    let done = false;
    for (let it = 0; it < maxIterations && !done; it++) {
      // Covariance times axis, without the covariance matrix: Xcᵀ (Xc · axis).
      const next = covarianceTimes(rows, mean, axis);
      // Deflation: keep the search orthogonal to the axes already found.
      removeComponents(next, axes);
      const lambda = dotF64(axis, next);
      // No variance left in the remaining directions (rounding noise would otherwise be amplified
      // into an axis that is not even orthogonal): keep the orthogonal start vector, variance ≈ 0.
      if (lambda <= totalVariance * n * NO_VARIANCE) {
        done = true;
        break;
      }
      let residual = 0;
      for (let j = 0; j < d; j++) residual += ((next[j] as number) - lambda * (axis[j] as number)) ** 2;
      done = Math.sqrt(residual) / lambda < tolerance;
      normalize(next);
      axis = next;
      yield;
    }
    if (!done) converged = false;
    orientSign(axis);
    centredTimes(rows, mean, axis, scores);
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (scores[i] as number) ** 2;
    axes.push(axis);
    variances.push(variance / n);
  }
  const explained = variances.map((v) => (totalVariance > 0 ? v / totalVariance : 0));
  return { mean, axes, variances, totalVariance, explained, converged };
}

/** Coordinates of `v` in the fitted basis: (v − mean) · axis for each axis. */
export function projectPca(fit: PcaFit, v: Row): number[] {
  return fit.axes.map((axis) => {
    let sum = 0;
    for (let j = 0; j < axis.length; j++)
      sum += ((v[j] as number) - (fit.mean[j] as number)) * (axis[j] as number);
    return sum;
  });
}

/**
 * A fixed, dense start vector (not random: the same data always gives the same map). Dense so it
 * is almost never orthogonal to the top axis; different per component.
 */
function startVector(d: number, component: number): Float64Array {
  const v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = Math.sin((j + 1) * (component + 1) * 1.618_033_988_7) + 0.5;
  return v;
}

function centredTimes(rows: readonly Row[], mean: Float64Array, v: Float64Array, out: Float64Array) {
  const meanDot = dotF64(mean, v);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Row;
    let sum = 0;
    for (let j = 0; j < v.length; j++) sum += (row[j] as number) * (v[j] as number);
    out[i] = sum - meanDot;
  }
}

/**
 * Xcᵀ (Xc · v) in one pass over the rows: each row's score is used while the row is still in
 * cache, instead of reading the whole matrix twice.
 */
function covarianceTimes(rows: readonly Row[], mean: Float64Array, v: Float64Array): Float64Array {
  const d = v.length;
  const out = new Float64Array(d);
  const meanDot = dotF64(mean, v);
  let scoreSum = 0;
  for (const row of rows) {
    let score = -meanDot;
    for (let j = 0; j < d; j++) score += (row[j] as number) * (v[j] as number);
    scoreSum += score;
    for (let j = 0; j < d; j++) out[j] = (out[j] as number) + (row[j] as number) * score;
  }
  for (let j = 0; j < d; j++) out[j] = (out[j] as number) - (mean[j] as number) * scoreSum;
  return out;
}

function removeComponents(v: Float64Array, axes: readonly Float64Array[]) {
  for (const axis of axes) {
    const p = dotF64(v, axis);
    for (let j = 0; j < v.length; j++) v[j] = (v[j] as number) - p * (axis[j] as number);
  }
}

function normalize(v: Float64Array): number {
  const norm = Math.sqrt(dotF64(v, v));
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] = (v[j] as number) / norm;
  return norm;
}

/** An axis and its negation are the same axis; pick the one whose largest entry is positive. */
function orientSign(v: Float64Array) {
  let largest = 0;
  for (let j = 0; j < v.length; j++)
    if (Math.abs(v[j] as number) > Math.abs(v[largest] as number)) largest = j;
  if ((v[largest] as number) < 0) for (let j = 0; j < v.length; j++) v[j] = -(v[j] as number);
}

function dotF64(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] as number) * (b[j] as number);
  return sum;
}
