import { describe, expect, it } from 'vitest';
import { bestWindow, meanVector, windowRanges } from './long-entries';
import { dot } from './vector-math';

describe('windowRanges', () => {
  it('keeps a text that fits in one window whole', () => {
    expect(windowRanges(300, 511, 256)).toEqual([[0, 300]]);
    expect(windowRanges(511, 511, 256)).toEqual([[0, 511]]);
  });

  it('covers a long text with overlapping windows, the last one ending at the text end', () => {
    expect(windowRanges(1000, 511, 256)).toEqual([
      [0, 511],
      [256, 767],
      [489, 1000],
    ]);
  });

  it('never makes a window shorter than the window size on a long text', () => {
    for (const [start, end] of windowRanges(2049, 511, 256)) expect(end - start).toBe(511);
  });
});

describe('window scores', () => {
  const a = new Float32Array([1, 0]);
  const b = new Float32Array([0, 1]);

  it('scores by the best window and says which it was', () => {
    expect(bestWindow(new Float32Array([0.6, 0.8]), [a, b])).toEqual({
      score: expect.closeTo(0.8, 6),
      window: 1,
    });
  });

  it('averages window vectors and re-normalises the mean to unit length', () => {
    const mean = meanVector([a, b]);
    expect(Math.hypot(...mean)).toBeCloseTo(1, 6);
    expect(dot(mean, a)).toBeCloseTo(Math.SQRT1_2, 6);
  });
});
