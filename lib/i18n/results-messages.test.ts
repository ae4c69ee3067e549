import { describe, expect, it } from 'vitest';
import { en } from './en';
import { messageTexts as messages } from './message-texts';
import { zh } from './zh';

/** The namespaces of the results, the vector panel and the teaching views. */
const NAMESPACES = ['results', 'vector', 'teaching'] as const;

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

describe('the results, vector and teaching messages', () => {
  it('are all written in Chinese in the Chinese catalogue (no English left behind)', () => {
    // Words mean Han characters; a message of only numbers and signs ("7 / 1", "7%") has none to translate.
    const english = NAMESPACES.flatMap((ns) => messages(zh[ns], ns)).filter(
      ([, text]) => !HAN.test(text) && LATIN.test(text),
    );
    expect(english).toEqual([]);
  });

  it('say something different in Chinese than in English', () => {
    for (const ns of NAMESPACES) {
      const zhTexts = new Map(messages(zh[ns], ns));
      const same = messages(en[ns], ns).filter(([path, text]) => zhTexts.get(path) === text);
      expect(same).toEqual([]);
    }
  });

  it('put each value where the language wants it: a count before the noun in English, after 共 in Chinese', () => {
    expect(en.teaching.tokens.entriesSummary('3', '40', '15', 0, '0', '2,048')).toBe(
      '3 entries, 40 tokens in all (end token included), longest 15. None were cut at the limit of 2,048 tokens.',
    );
    expect(zh.teaching.tokens.entriesSummary('3', '40', '15', 1, '1', '2,048')).toBe(
      '3 个条目，共 40 个词元（含结束词元），最长 15 个。有 1 个条目在 2,048 个词元的上限处被截断。',
    );
  });

  it('use the English plural only where English needs one', () => {
    expect(en.results.weakerMatches(1, '1')).toBe('1 weaker match (at or below the threshold)');
    expect(en.results.weakerMatches(3, '3')).toBe('3 weaker matches (at or below the threshold)');
    expect(zh.results.weakerMatches(1, '1')).toBe('1 条较弱的匹配（不高于阈值）');
  });
});
