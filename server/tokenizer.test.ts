import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ensureTestModel } from '../scripts/test-model';
import { TEST_MODEL_DIR } from './model-files';
import { EmbeddingTokenizer, formatQuery } from './tokenizer';

const EOS = 151643;
let withPostProcessor: EmbeddingTokenizer;
let plain: EmbeddingTokenizer;

beforeAll(async () => {
  withPostProcessor = await EmbeddingTokenizer.load(TEST_MODEL_DIR);
  const plainDir = ensureTestModel({
    outDir: path.join(os.tmpdir(), 'semantic-radar-plain-tokenizer'),
    plainTokenizer: true,
  });
  plain = await EmbeddingTokenizer.load(plainDir);
});

describe('EmbeddingTokenizer', () => {
  test('the model folder really differs: one tokenizer.json appends EOS itself, the other does not', () => {
    const read = (dir: string) =>
      JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer.json'), 'utf8')).post_processor;
    expect(JSON.stringify(read(TEST_MODEL_DIR))).toContain('<|endoftext|>');
    expect(
      JSON.stringify(read(path.join(os.tmpdir(), 'semantic-radar-plain-tokenizer')) ?? null),
    ).not.toContain('<|endoftext|>');
  });

  test('appends <|endoftext|> exactly once, whichever tokenizer.json the folder has', () => {
    const expected = [104100, 99405, 27442, 100413, EOS];
    expect(Array.from(withPostProcessor.encode('我想吃点东西', 8192))).toEqual(expected);
    expect(Array.from(plain.encode('我想吃点东西', 8192))).toEqual(expected);
  });

  test('encodes English with the known Qwen3 ids', () => {
    expect(Array.from(plain.encode('What is the capital of China?', 8192))).toEqual([
      3838,
      374,
      279,
      6722,
      315,
      5616,
      30,
      EOS,
    ]);
  });

  test('truncates the content to maxTokens − 1 and still ends in EOS', () => {
    const ids = withPostProcessor.encode('What is the capital of China?', 4);
    expect(Array.from(ids)).toEqual([3838, 374, 279, EOS]);
  });

  test('a text that itself ends in <|endoftext|> still gets a single EOS', () => {
    const ids = Array.from(plain.encode('hello<|endoftext|>', 8192));
    expect(ids.filter((id) => id === EOS)).toHaveLength(1);
    expect(ids.at(-1)).toBe(EOS);
  });

  test('encodeAll keeps input order', async () => {
    const texts = ['a', 'What is the capital of China?', '我想吃点东西'];
    const all = await plain.encodeAll(texts, 8192);
    expect(all.map((ids) => Array.from(ids))).toEqual(texts.map((t) => Array.from(plain.encode(t, 8192))));
  });

  test('formats queries the way Qwen3-Embedding was trained: no space after "Query:"', () => {
    expect(formatQuery('q', 'Find it')).toBe('Instruct: Find it\nQuery:q');
    expect(formatQuery('q', '')).toBe('q');
  });
});
