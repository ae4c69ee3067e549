import { describe, expect, test } from 'vitest';
import { cleanRequiredTexts, cleanText } from './text-clean';

describe('cleanText', () => {
  test('removes zero-width and bidi-control characters', () => {
    expect(cleanText('a\u200Bb\u200Dc\uFEFF\u202Ed\u2066')).toBe('abcd');
  });

  test('a string of only invisible characters becomes empty', () => {
    expect(cleanText('\u200B\u200C\u2060\u202A \t')).toBe('');
  });

  test('drops NUL and control characters but keeps tabs and newlines inside', () => {
    expect(cleanText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });

  test('replaces lone surrogates and keeps real pairs', () => {
    expect(cleanText('x\uD800y\uDC00z😀')).toBe('x\uFFFDy\uFFFDz😀');
  });

  test('normalises to NFC so that composed and decomposed text match', () => {
    expect(cleanText('e\u0301')).toBe('\u00E9');
  });
});

describe('cleanRequiredTexts', () => {
  test('returns the cleaned texts in order', () => {
    expect(cleanRequiredTexts([' a\u200B ', 'b'], 'texts')).toEqual(['a', 'b']);
  });

  test('a text that is empty after clean-up is a 400 naming its index', () => {
    expect(() => cleanRequiredTexts(['ok', '\uFEFF\u200B '], 'knowledgeBase')).toThrow(
      expect.objectContaining({ code: 'invalid_request', field: 'knowledgeBase[1]' }),
    );
  });
});
