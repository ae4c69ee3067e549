import { describe, expect, test } from 'vitest';
import { fitPca, pcaSteps, projectPca } from './pca';

/** A small deterministic generator, so the data (and any failure) is reproducible. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

function randomRows(n: number, d: number, seed: number, scales: number[]): number[][] {
  const rand = seeded(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => rand() * (scales[j] ?? 1)));
}

/** The covariance matrix, formed explicitly (fine for tiny d): the reference the fit must satisfy. */
function covariance(rows: number[][]): number[][] {
  const d = rows[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + (r[j] ?? 0), 0) / rows.length);
  return Array.from({ length: d }, (_, a) =>
    Array.from(
      { length: d },
      (_, b) =>
        rows.reduce((s, r) => s + ((r[a] ?? 0) - (mean[a] ?? 0)) * ((r[b] ?? 0) - (mean[b] ?? 0)), 0) /
        rows.length,
    ),
  );
}

const times = (m: number[][], v: ArrayLike<number>) =>
  m.map((row) => row.reduce((s, x, j) => s + x * (v[j] ?? 0), 0));

describe('fitPca', () => {
  test('each axis is an eigenvector of the covariance matrix with its variance as eigenvalue', () => {
    const rows = randomRows(200, 6, 1, [3, 1, 2, 0.5, 0.2, 1.5]);
    const fit = fitPca(rows, { tolerance: 1e-10, maxIterations: 10_000 });
    const cov = covariance(rows);
    expect(fit.converged).toBe(true);
    fit.axes.forEach((axis, c) => {
      const cv = times(cov, axis);
      cv.forEach((x, j) => {
        expect(x).toBeCloseTo((fit.variances[c] ?? 0) * (axis[j] ?? 0), 9);
      });
    });
  });

  test('the first axis carries more variance than any other direction tried', () => {
    const rows = randomRows(150, 5, 2, [1, 2, 1, 1, 1]);
    const fit = fitPca(rows);
    const cov = covariance(rows);
    const rand = seeded(99);
    for (let t = 0; t < 200; t++) {
      const v = Array.from({ length: 5 }, () => rand());
      const norm = Math.hypot(...v);
      const u = v.map((x) => x / norm);
      const rayleigh = times(cov, u).reduce((s, x, j) => s + x * (u[j] ?? 0), 0);
      expect(rayleigh).toBeLessThanOrEqual((fit.variances[0] ?? 0) + 1e-12);
    }
    expect(fit.variances[0]).toBeGreaterThanOrEqual(fit.variances[1] ?? 0);
  });

  test('axes are unit length and orthogonal', () => {
    const fit = fitPca(randomRows(80, 7, 3, [1, 1, 4, 1, 2, 1, 1]));
    const [a, b] = fit.axes as [Float64Array, Float64Array];
    const dot = (x: Float64Array, y: Float64Array) => x.reduce((s, v, j) => s + v * (y[j] ?? 0), 0);
    expect(dot(a, a)).toBeCloseTo(1, 12);
    expect(dot(b, b)).toBeCloseTo(1, 12);
    expect(dot(a, b)).toBeCloseTo(0, 10);
  });

  test('points on a line are fully explained by one axis along that line', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [1 + 2 * i, 1 + i, 5]);
    const fit = fitPca(rows);
    expect(fit.explained[0]).toBeCloseTo(1, 10);
    expect(fit.explained[1]).toBeCloseTo(0, 10);
    const axis = fit.axes[0] as Float64Array;
    expect(Math.abs(axis[0] ?? 0) / Math.abs(axis[1] ?? 1)).toBeCloseTo(2, 8);
    expect(axis[2]).toBeCloseTo(0, 10);
  });

  test('explained shares are variance along each axis over the total variance', () => {
    const rows = randomRows(100, 4, 4, [2, 1, 1, 1]);
    const fit = fitPca(rows);
    const total = covariance(rows).reduce((s, row, j) => s + (row[j] ?? 0), 0);
    expect(fit.totalVariance).toBeCloseTo(total, 10);
    expect(fit.explained[0]).toBeCloseTo((fit.variances[0] ?? 0) / total, 12);
    expect((fit.explained[0] ?? 0) + (fit.explained[1] ?? 0)).toBeLessThanOrEqual(1 + 1e-12);
  });

  test('the same data gives the same axes, signs included', () => {
    const rows = randomRows(50, 5, 5, [1, 3, 1, 2, 1]);
    expect(fitPca(rows).axes).toEqual(fitPca(rows).axes);
  });

  test('identical rows give zero variance and no NaN', () => {
    const fit = fitPca([
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expect(fit.explained).toEqual([0, 0]);
    expect(projectPca(fit, [1, 2, 3])).toEqual([0, 0]);
  });
});

describe('projectPca', () => {
  test('a new point is projected into the fitted basis without refitting', () => {
    const rows = randomRows(60, 5, 6, [2, 1, 1, 1, 1]);
    const fit = fitPca(rows);
    const query = [0.3, -0.2, 0.1, 0, 0.4];
    const [x, y] = projectPca(fit, query);
    const centred = query.map((q, j) => q - (fit.mean[j] ?? 0));
    expect(x).toBeCloseTo(
      centred.reduce((s, c, j) => s + c * (fit.axes[0]?.[j] ?? 0), 0),
      12,
    );
    expect(y).toBeCloseTo(
      centred.reduce((s, c, j) => s + c * (fit.axes[1]?.[j] ?? 0), 0),
      12,
    );
  });

  test('the fitted points are centred: their projections average to zero', () => {
    const rows = randomRows(40, 4, 7, [1, 1, 2, 1]);
    const fit = fitPca(rows);
    const xs = rows.map((r) => projectPca(fit, r)[0] ?? 0);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0, 12);
  });
});

describe('pcaSteps', () => {
  test('pauses between iterations and ends with the same fit as fitPca', () => {
    const rows = randomRows(30, 5, 8, [2, 1, 1, 1, 1]);
    const steps = pcaSteps(rows);
    let pauses = 0;
    let step = steps.next();
    while (!step.done) {
      pauses++;
      step = steps.next();
    }
    expect(pauses).toBeGreaterThan(1);
    expect(step.value).toEqual(fitPca(rows));
  });
});
