import { describe, expect, it } from 'vitest';
import { MAX_PAGE_ENTRIES } from './chunked-search';
import { parseKnowledgeBase } from './knowledge-base';
import { DEFAULT_LIMITS, TOP_K_MAX } from './schemas';
import { checkSearchForm, entriesProblem, parseThreshold, parseTopK } from './search-form';

const form = (overrides: Partial<Parameters<typeof checkSearchForm>[0]> = {}) => ({
  entries: parseKnowledgeBase('apples\n\npears'),
  query: 'fruit',
  topK: '5',
  threshold: '0.4',
  ...overrides,
});

describe('checkSearchForm', () => {
  it('accepts more entries than one request takes (the page sends them in parts) up to the page limit', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `entry ${i}`).join('\n');
    const limits = { ...DEFAULT_LIMITS, maxInputs: 10 };
    expect(checkSearchForm(form({ entries: parseKnowledgeBase(lines(25)) }), limits).ok).toBe(true);
    const over = checkSearchForm(form({ entries: parseKnowledgeBase(lines(MAX_PAGE_ENTRIES + 1)) }), limits);
    expect(over.ok).toBe(false);
  });

  it('asks the server for the most results, so top k can change afterwards without a request', () => {
    const checked = checkSearchForm(form(), DEFAULT_LIMITS);
    expect(checked).toEqual({
      ok: true,
      request: { knowledgeBase: ['apples', 'pears'], query: 'fruit', topK: TOP_K_MAX, threshold: 0.4 },
    });
  });

  it('refuses a top k outside the schema’s range, saying the range', () => {
    const checked = checkSearchForm(form({ topK: String(TOP_K_MAX + 1) }), DEFAULT_LIMITS);
    expect(checked).toEqual({
      ok: false,
      problem: { message: 'Top K must be a whole number from 1 to 100.' },
    });
  });

  it('refuses a query made only of invisible characters', () => {
    expect(checkSearchForm(form({ query: '\u200B ' }), DEFAULT_LIMITS).ok).toBe(false);
  });
});

describe('entriesProblem', () => {
  it('names the line of an entry longer than the server takes', () => {
    const entries = parseKnowledgeBase(`a\n\n${'x'.repeat(11)}`);
    const limits = { ...DEFAULT_LIMITS, maxCharsPerText: 10 };
    expect(entriesProblem(entries, limits)?.line).toBe(3);
  });

  it('says nothing before the server’s limits are known', () => {
    expect(entriesProblem(parseKnowledgeBase('a'), undefined)).toBeNull();
  });
});

describe('parseTopK and parseThreshold', () => {
  it('accept what the schema accepts and refuse the rest', () => {
    expect(parseTopK('7')).toBe(7);
    expect(parseTopK('2.5')).toBeNull();
    expect(parseTopK('')).toBeNull();
    expect(parseThreshold('-1')).toBe(-1);
    expect(parseThreshold('1.01')).toBeNull();
  });
});
