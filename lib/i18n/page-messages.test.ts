import { describe, expect, it } from 'vitest';
import { en } from './en';
import { messageTexts } from './message-texts';
import { zh } from './zh';

/** The namespaces of the header, the query, the knowledge base, import/export/share and search status. */
const NAMESPACES = [
  'header',
  'modelStatus',
  'query',
  'knowledgeBase',
  'importing',
  'exporting',
  'sharing',
  'longEntries',
  'search',
  'errors',
] as const;

/** Names kept as they are in both languages: the option "Top K" is the term the field is known by. */
const SAME_IN_BOTH = new Set(['query.topK', 'errors.fields.topK']);

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

const texts = (catalogue: typeof en) => NAMESPACES.flatMap((ns) => messageTexts(catalogue[ns], ns));

describe('the page’s messages outside the results', () => {
  it('are all written in Chinese in the Chinese catalogue (no English left behind)', () => {
    const english = texts(zh).filter(
      ([path, text]) => !SAME_IN_BOTH.has(path) && !HAN.test(text) && LATIN.test(text),
    );
    expect(english).toEqual([]);
  });

  it('say something different in Chinese than in English, except names and the Chinese example', () => {
    const zhTexts = new Map(texts(zh));
    const same = texts(en)
      .filter(([path, text]) => zhTexts.get(path) === text)
      .map(([path]) => path);
    expect(same).toEqual(['query.topK', 'knowledgeBase.placeholder', 'errors.fields.topK']);
  });

  it('use the English plural only where English needs one', () => {
    expect(en.knowledgeBase.entries('1', 1)).toBe('1 entry');
    expect(en.knowledgeBase.entries('2,500', 2500)).toBe('2,500 entries');
    expect(zh.knowledgeBase.entries('1', 1)).toBe('1 个条目');
  });

  it('lay out the parts of a sentence with an emphasised value in each language’s order', () => {
    expect(en.search.retry('3 s').join('')).toBe(
      'The server is busy. It should have room in 3 s; the search will be retried then, once.',
    );
    expect(zh.search.retry('3 秒').join('')).toBe('服务器正忙，预计 3 秒后有空闲；届时会自动重试一次。');
  });
});
