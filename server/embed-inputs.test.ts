/**
 * The embedder's inputs beyond cleaned text, as /v1/embeddings uses them: token ids, and the
 * choice between cutting and refusing an input over the context. Real test model, real tokenizer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmbedder } from '../tests/support/embedder';
import type { Embedder } from './embedder';

/** "What is the capital of China?" in the Qwen3 tokenizer, without EOS. */
const CAPITAL_IDS = [3838, 374, 279, 6722, 315, 5616, 30];
const EOS = 151643;
const MAX_TOKENS = 6;

let embedder: Embedder;
beforeAll(async () => {
  // No cache: each call below computes its vectors itself.
  embedder = await startEmbedder({ MAX_TOKENS, CACHE_MAX_BYTES: 0 });
});
afterAll(() => embedder.close());

const base = { kind: 'document', field: 'input' } as const;

describe('token-id and over-long inputs', () => {
  test('token ids cut to the context embed like the text they spell, cut the same way', async () => {
    const [fromText] = (await embedder.embed(['What is the capital of China?'], base)).vectors;
    const [fromIds] = (await embedder.embedTokenIds([CAPITAL_IDS], base)).vectors;
    expect(Array.from(fromIds as Float32Array)).toEqual(Array.from(fromText as Float32Array));
  });

  test('a trailing end-of-text id is not doubled', async () => {
    const out = await embedder.embedTokenIds(
      [CAPITAL_IDS.slice(0, 3), [...CAPITAL_IDS.slice(0, 3), EOS]],
      base,
    );
    expect(out.tokens).toEqual([4, 4]);
    expect(Array.from(out.vectors[1] as Float32Array)).toEqual(Array.from(out.vectors[0] as Float32Array));
  });

  test('refusing over-long inputs names the input and both lengths, for text and for ids', async () => {
    const refuse = { ...base, overLimit: 'reject' } as const;
    await expect(embedder.embed(['short', 'What is the capital of China?'], refuse)).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'input[1]',
      message: expect.stringContaining(
        `maximum context length is ${MAX_TOKENS} tokens, however you requested 8 tokens`,
      ),
    });
    await expect(embedder.embedTokenIds([CAPITAL_IDS], refuse)).rejects.toMatchObject({ field: 'input[0]' });
  });

  test('an id outside the vocabulary is refused, naming its position', async () => {
    await expect(
      embedder.embedTokenIds(
        [
          [1, 2],
          [3, 10_000_000],
        ],
        base,
      ),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'input[1][1]',
    });
  });

  test('reports where the time went', async () => {
    const { timing } = await embedder.embed(['timing probe'], base);
    for (const ms of [timing.tokenizeMs, timing.queueMs, timing.inferenceMs])
      expect(ms).toBeGreaterThanOrEqual(0);
    expect(timing.inferenceMs).toBeGreaterThan(0);
  });
});
