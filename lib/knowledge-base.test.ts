import { describe, expect, it } from 'vitest';
import { lineRange, parseKnowledgeBase } from './knowledge-base';

const texts = (text: string) => parseKnowledgeBase(text).map((entry) => entry.text);

describe('parseKnowledgeBase', () => {
  it('returns one trimmed entry per non-blank line', () => {
    expect(texts('  苹果是一种很好吃的水果 \n\n   \r\n香蕉\r\n')).toEqual(['苹果是一种很好吃的水果', '香蕉']);
  });

  it('returns no entries for blank text', () => {
    expect(texts(' \n\t\n')).toEqual([]);
  });

  it('keeps duplicate entries, because each line is its own entry', () => {
    expect(texts('a\na')).toEqual(['a', 'a']);
  });

  it('treats a line holding only invisible characters as blank, as the server does', () => {
    expect(texts('a\n\u200B\n\uFEFF \nb')).toEqual(['a', 'b']);
  });

  it('numbers entries by the line the user sees, blank lines counted', () => {
    const entries = parseKnowledgeBase('a\n\n\u200B\nb');
    expect(entries.map((entry) => entry.line)).toEqual([1, 4]);
    expect(entries[1]).toMatchObject({ start: 5, end: 6 });
  });
});

describe('lineRange', () => {
  it('gives the offsets of a line, for selecting it', () => {
    expect(lineRange('ab\ncde\nf', 2)).toEqual({ start: 3, end: 6 });
  });
});
