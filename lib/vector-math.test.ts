import { describe, expect, test } from 'vitest';
import { dot, l2NormalizeInPlace, roundTo, shortenEmbedding, topKIndices } from './vector-math';

describe('vector math', () => {
  test('normalising gives unit length', () => {
    const v = l2NormalizeInPlace(new Float32Array([3, 4]));
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  test('a zero vector stays zero instead of becoming NaN', () => {
    expect(Array.from(l2NormalizeInPlace(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  test('shortening keeps the first dims and re-normalises', () => {
    const short = shortenEmbedding(
      new Float32Array([0.6, 0.8, 0, 0]).map((x) => x),
      1,
    );
    expect(Array.from(short)).toEqual([1]);
  });

  test('dot of unit vectors is their cosine', () => {
    expect(dot(new Float32Array([1, 0]), new Float32Array([0.6, 0.8]))).toBeCloseTo(0.6, 6);
  });

  test('top-k is best first, ties by lower index, and never longer than the input', () => {
    expect(topKIndices([0.1, 0.9, 0.5, 0.9], 3)).toEqual([1, 3, 2]);
    expect(topKIndices([0.2, 0.1], 5)).toEqual([0, 1]);
  });

  test('rounding keeps the requested decimals', () => {
    expect(roundTo(0.123456, 4)).toBe(0.1235);
  });
});
