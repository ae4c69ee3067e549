import { describe, expect, it } from 'vitest';
import { MAX_PAGE_ENTRIES } from './chunked-search';
import { parseKnowledgeBase } from './knowledge-base';
import { DEFAULT_LIMITS, TOP_K_MAX } from './schemas';
import { checkSearchForm, entriesProblem, parseThreshold, parseTopK, thresholdRange } from './search-form';
import { wordingFor } from './user-message';

const en = wordingFor('en');
const zh = wordingFor('zh');

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
    if (checked.ok) throw new Error('accepted');
    expect(checked.problem.message(en)).toBe('Top K must be a whole number from 1 to 100.');
    expect(checked.problem.message(zh)).toBe('Top K 必须是 1 到 100 之间的整数。');
  });

  it('asks for a query, in the page’s language, when there is none', () => {
    const checked = checkSearchForm(form({ query: '  ' }), DEFAULT_LIMITS);
    if (checked.ok) throw new Error('accepted');
    expect(checked.problem.message(en)).toBe('Type a query to search for.');
    expect(checked.problem.message(zh)).toBe('请输入要搜索的内容。');
  });

  it('says how long the query is and what the server takes, with digit grouping', () => {
    const limits = { ...DEFAULT_LIMITS, maxCharsPerText: 1_000 };
    const checked = checkSearchForm(form({ query: 'x'.repeat(1_500) }), limits);
    if (checked.ok) throw new Error('accepted');
    expect(checked.problem.message(en)).toBe(
      'The query has 1,500 characters; this server takes at most 1,000. Shorten it.',
    );
    expect(checked.problem.message(zh)).toBe('查询有 1,500 个字符；此服务器最多接受 1,000 个。请缩短它。');
  });

  it('refuses a query made only of invisible characters', () => {
    expect(checkSearchForm(form({ query: '\u200B ' }), DEFAULT_LIMITS).ok).toBe(false);
  });
});

describe('entriesProblem', () => {
  it('names the line of an entry longer than the server takes', () => {
    const entries = parseKnowledgeBase(`a\n\n${'x'.repeat(11)}`);
    const limits = { ...DEFAULT_LIMITS, maxCharsPerText: 10 };
    const problem = entriesProblem(entries, limits);
    expect(problem?.line).toBe(3);
    expect(problem?.message(en)).toMatch(/^Line 3 has 11 characters; this server takes at most 10 per entry/);
    expect(problem?.message(zh)).toMatch(/^第 3 行有 11 个字符；此服务器每个条目最多接受 10 个/);
  });

  it('says nothing before the server’s limits are known', () => {
    expect(entriesProblem(parseKnowledgeBase('a'), undefined)).toBeNull();
  });
});

describe('thresholdRange', () => {
  it('writes a negative bound with a true minus sign in both languages', () => {
    expect(thresholdRange(en)).toBe('a number from −1 to 1');
    expect(thresholdRange(zh)).toBe('−1 到 1 之间的数');
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
