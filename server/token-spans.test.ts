import { beforeAll, describe, expect, test } from 'vitest';
import { TEST_MODEL_DIR } from './model-files';
import { tokenByteLength } from './token-spans';
import { EmbeddingTokenizer, formatQuery } from './tokenizer';

const EOS = 151643;
let tokenizer: EmbeddingTokenizer;

beforeAll(async () => {
  tokenizer = await EmbeddingTokenizer.load(TEST_MODEL_DIR);
});

const SAMPLES = [
  'What is the capital of China?',
  '我想吃点东西',
  '香蕉富含钾元素,有助于肌肉恢复',
  'café 😀 naïve — “quotes”\ttabs\nnew line',
  '龘 and 𠀀 are rare',
  formatQuery('苹果', 'Given a web search query, retrieve relevant passages that answer the query'),
];

describe('tokenizer spans', () => {
  test.each(SAMPLES)('the ids are exactly the ids the model is fed: %j', (text) => {
    const { tokens } = tokenizer.spans(text, 8192);
    expect(tokens.map((t) => t.id)).toEqual(Array.from(tokenizer.encode(text, 8192)));
  });

  test.each(SAMPLES)('the spans cover the text in order, with no gaps: %j', (text) => {
    const { tokens } = tokenizer.spans(text, 8192);
    let covered = '';
    let end = 0;
    for (const token of tokens.slice(0, -1)) {
      expect(token.start).toBeLessThanOrEqual(end);
      if (token.stop > end) covered += text.slice(end, token.stop);
      end = Math.max(end, token.stop);
    }
    expect(covered).toBe(text);
  });

  test('token texts are the readable original, not byte-level stand-ins', () => {
    const { tokens } = tokenizer.spans('Hello world', 8192);
    expect(tokens.map((t) => t.text)).toEqual(['Hello', ' world', '<|endoftext|>']);
  });

  test('a Chinese character split over two tokens is the same one-character span in both', () => {
    const { tokens } = tokenizer.spans('龘', 8192);
    const content = tokens.slice(0, -1);
    expect(content.length).toBe(2);
    for (const token of content)
      expect(token).toMatchObject({ text: '龘', start: 0, stop: 1, special: false });
  });

  test('the last token is <|endoftext|>, special, after the end of the text', () => {
    const text = '我想吃点东西';
    const last = tokenizer.spans(text, 8192).tokens.at(-1);
    expect(last).toEqual({
      id: EOS,
      text: '<|endoftext|>',
      special: true,
      start: text.length,
      stop: text.length,
    });
  });

  test('a long text is truncated like encode, keeps its EOS and says it was truncated', () => {
    const text = 'one two three four five six seven eight nine ten';
    const { tokens, truncated } = tokenizer.spans(text, 5);
    expect(tokens.map((t) => t.id)).toEqual(Array.from(tokenizer.encode(text, 5)));
    expect(tokens.length).toBe(5);
    expect(truncated).toBe(true);
    expect(tokenizer.spans(text, 8192).truncated).toBe(false);
  });

  test('isTruncated is false for a text that exactly fills maxTokens and true one token later', () => {
    const text = 'one two three';
    const exact = tokenizer.encode(text, 8192).length; // content + EOS
    expect(tokenizer.isTruncated(text, exact)).toBe(false);
    expect(tokenizer.isTruncated(text, exact - 1)).toBe(true);
  });
});

describe('tokenByteLength', () => {
  test('counts byte-level stand-in characters as one byte each', () => {
    expect(tokenByteLength('Ġworld')).toBe(6);
    expect(tokenByteLength('ä¸Ń')).toBe(3);
  });

  test('counts a token spelled outside the byte table by its UTF-8 length', () => {
    expect(tokenByteLength('<|endoftext|>')).toBe(13);
    expect(tokenByteLength('中')).toBe(3);
  });
});
