import { describe, expect, it } from 'vitest';
import { chunkRanges, mergeResponses } from './chunked-search';
import type { SearchResponse } from './schemas';

const response = (results: [number, number][], embedded: number): SearchResponse => ({
  results: results.map(([index, score]) => ({
    index,
    text: `t${index}`,
    score,
    aboveThreshold: score > 0.4,
    truncated: false,
  })),
  query: { dims: 64, vector: [], tokens: 3 },
  model: { id: 'm', dims: 64, dtype: 'fp32', maxTokens: 8192, isTestModel: true },
  device: 'cpu',
  cache: { embedded, cached: 0 },
  timingMs: { embed: 10, rank: 1, total: 11 },
});

describe('chunkRanges', () => {
  it('keeps a base within the limits in one part', () => {
    expect(chunkRanges(['a', 'b', 'c'], { maxInputs: 3, maxRequestTokens: 100 })).toEqual([[0, 3]]);
  });

  it('splits by entry count', () => {
    expect(chunkRanges(['a', 'b', 'c', 'd', 'e'], { maxInputs: 2, maxRequestTokens: 100 })).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
    ]);
  });

  it('splits by UTF-8 size against half the token budget (苹果 is 6 bytes)', () => {
    expect(chunkRanges(['苹果', '苹果', '苹果'], { maxInputs: 100, maxRequestTokens: 24 })).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('gives an entry larger than the budget a part of its own rather than dropping it', () => {
    expect(chunkRanges(['x'.repeat(50), 'y'], { maxInputs: 100, maxRequestTokens: 10 })).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

describe('mergeResponses', () => {
  it('ranks the parts together with indices of the whole base and keeps the top k', () => {
    const merged = mergeResponses(
      [
        {
          offset: 0,
          response: response(
            [
              [1, 0.5],
              [0, 0.2],
            ],
            2,
          ),
        },
        {
          offset: 2,
          response: response(
            [
              [0, 0.9],
              [1, 0.5],
            ],
            2,
          ),
        },
      ],
      3,
    );
    expect(merged.results.map((r) => [r.index, r.score])).toEqual([
      [2, 0.9],
      [1, 0.5],
      [3, 0.5],
    ]);
    expect(merged.cache?.embedded).toBe(4);
    expect(merged.timingMs.total).toBe(22);
  });
});
