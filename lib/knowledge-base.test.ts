import { describe, expect, it } from 'vitest';
import { countLabel, parseKnowledgeBase } from './knowledge-base';

describe('parseKnowledgeBase', () => {
  it('returns one trimmed entry per non-blank line', () => {
    expect(parseKnowledgeBase('  苹果是一种很好吃的水果 \n\n   \r\n香蕉\r\n')).toEqual([
      '苹果是一种很好吃的水果',
      '香蕉',
    ]);
  });

  it('returns no entries for blank text', () => {
    expect(parseKnowledgeBase(' \n\t\n')).toEqual([]);
  });

  it('keeps duplicate entries, because each line is its own entry', () => {
    expect(parseKnowledgeBase('a\na')).toEqual(['a', 'a']);
  });
});

describe('countLabel', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect(countLabel(1, 'entry', 'entries')).toBe('1 entry');
    expect(countLabel(0, 'entry', 'entries')).toBe('0 entries');
    expect(countLabel(4, 'entry', 'entries')).toBe('4 entries');
  });
});
