import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  type EmbeddedBase,
  exportedResults,
  exportFileName,
  projectorMetadataTsv,
  projectorVectorsTsv,
  resultsCsv,
  resultsJson,
} from './export-files';
import { DEFAULT_INSTRUCTION, type SearchResponse } from './schemas';

const response: SearchResponse = {
  results: [
    { index: 2, text: 'She said "hi", twice', score: 0.9, aboveThreshold: true, truncated: false },
    { index: 0, text: '苹果', score: 0.3, aboveThreshold: false, truncated: false },
    { index: 1, text: 'c', score: 0.1, aboveThreshold: false, truncated: false },
  ],
  query: { dims: 64, vector: [], tokens: 3 },
  model: { id: 'test-model', dims: 64, dtype: 'fp32', maxTokens: 8192, isTestModel: true },
  device: 'cpu',
  cache: { embedded: 0, cached: 3 },
  timingMs: { embed: 1, rank: 1, total: 2 },
};

describe('result exports', () => {
  it('keeps the shown rows with rank, threshold and the search context', () => {
    const rows = exportedResults(response, { query: '我想' }, 2, 0.25);
    expect(rows).toEqual([
      expect.objectContaining({
        rank: 1,
        index: 2,
        score: 0.9,
        aboveThreshold: true,
        instruction: DEFAULT_INSTRUCTION,
      }),
      expect.objectContaining({
        rank: 2,
        index: 0,
        text: '苹果',
        aboveThreshold: true,
        dimensions: 64,
        model: 'test-model',
      }),
    ]);
  });

  it('writes a CSV that starts with a BOM and reads back with quotes and commas intact', () => {
    const csv = resultsCsv(exportedResults(response, { query: 'q, "x"', instruction: '' }, 3, 0.4));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data.map((row) => row.text)).toEqual(['She said "hi", twice', '苹果', 'c']);
    expect(parsed.data[0]).toMatchObject({
      rank: '1',
      query: 'q, "x"',
      instruction: '',
      aboveThreshold: 'true',
    });
  });

  it('writes the same rows as JSON', () => {
    const rows = exportedResults(response, { query: 'q' }, 1, 0.4);
    expect(JSON.parse(resultsJson(rows))).toEqual(rows);
  });
});

describe('Embedding Projector files', () => {
  const base: EmbeddedBase = {
    name: 'kb',
    model: 'm',
    dimensions: 2,
    entries: [
      { index: 0, text: 'tab\there', vector: [0.6, 0.8] },
      { index: 1, text: '苹果', vector: [1, 0] },
    ],
  };

  it('writes one vector row and one label row per entry', () => {
    expect(projectorVectorsTsv(base)).toBe('0.6\t0.8\n1\t0\n');
    expect(projectorMetadataTsv(base)).toBe('tab here\n苹果\n');
  });
});

describe('exportFileName', () => {
  it('keeps Chinese, replaces characters file systems refuse, and never returns an empty name', () => {
    expect(exportFileName('水果 / 蔬菜?', 'results.csv')).toBe('水果-蔬菜-results.csv');
    expect(exportFileName('  ', 'vectors.json')).toBe('knowledge-base-vectors.json');
  });
});
