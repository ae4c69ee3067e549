/**
 * /v1 through the official `openai` npm client, unchanged, against the server under test (the
 * real test model): what LangChain, LlamaIndex and the SDKs do when pointed at this app.
 */
import OpenAI from 'openai';
import { beforeAll, describe, expect, test } from 'vitest';
import { BASE_URL, getJson, norm, postJson } from './client';

const client = new OpenAI({ baseURL: `${BASE_URL}/v1`, apiKey: 'not-needed-without-API_KEY', maxRetries: 0 });
let model: string;

beforeAll(async () => {
  const list = await client.models.list();
  model = list.data[0]?.id as string;
});

/** "What is the capital of China?" in the Qwen3 tokenizer (see docs: known ids), without EOS. */
const CAPITAL_IDS = [3838, 374, 279, 6722, 315, 5616, 30];
const EOS = 151643;

async function floats(input: string | string[] | number[] | number[][], extra: object = {}) {
  const res = await client.embeddings.create({ model, input, encoding_format: 'float', ...extra });
  return res.data.map((d) => d.embedding);
}

function maxAbsDiff(a: number[], b: number[]) {
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0);
}

describe('GET /v1/models', () => {
  test('lists the loaded model, the same id /api/health reports', async () => {
    const { json: health } = await getJson('/api/health');
    expect(model).toBe(health.model.id);
    expect((await client.models.retrieve(model)).id).toBe(model);
  });
});

describe('POST /v1/embeddings through the openai client', () => {
  test('the client’s default (base64 on the wire) decodes to exactly the float answer', async () => {
    const input = ['苹果是一种很好吃的水果', 'The weather is lovely today.'];
    const viaBase64 = await client.embeddings.create({ model, input });
    const viaFloat = await floats(input);
    expect(viaBase64.data.map((d) => d.embedding)).toEqual(viaFloat);
    expect(viaFloat[0]).toHaveLength(64);
  });

  test('answers in OpenAI’s shape: one embedding per input in input order, model and usage', async () => {
    const res = await client.embeddings.create({ model, input: ['one', 'two words', 'three short words'] });
    expect(res.object).toBe('list');
    expect(res.model).toBe(model);
    expect(res.data.map((d) => [d.object, d.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
      ['embedding', 2],
    ]);
    const { json } = await postJson('/api/embed', { texts: ['one', 'two words', 'three short words'] });
    const tokens = json.tokens.reduce((a: number, b: number) => a + b, 0);
    expect(res.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  test('gives the same vectors as /api/embed for documents and for queries with an instruction', async () => {
    const [doc] = await floats('香蕉富含钾元素');
    const { json: d } = await postJson('/api/embed', { texts: ['香蕉富含钾元素'] });
    expect(maxAbsDiff(doc as number[], d.embeddings[0])).toBe(0);

    const [query] = await floats('what fruit is healthy', {
      input_type: 'query',
      instruction: 'Find fruit facts',
    });
    const { json: q } = await postJson('/api/embed', {
      texts: ['what fruit is healthy'],
      kind: 'query',
      instruction: 'Find fruit facts',
    });
    expect(maxAbsDiff(query as number[], q.embeddings[0])).toBe(0);
  });

  test('dimensions keeps the first d values and re-normalises them', async () => {
    const [full] = await floats('Matryoshka');
    const [short] = await floats('Matryoshka', { dimensions: 32 });
    expect(short).toHaveLength(32);
    expect(norm(short as number[])).toBeCloseTo(1, 5);
    const head = (full as number[]).slice(0, 32);
    const scale = norm(head);
    expect(
      maxAbsDiff(
        short as number[],
        head.map((x) => x / scale),
      ),
    ).toBeLessThan(1e-6);
  });

  test('embeds text exactly as sent: surrounding spaces change the vector (no trimming)', async () => {
    const [plain, spaced] = await floats(['hello', ' hello ']);
    expect(maxAbsDiff(plain as number[], spaced as number[])).toBeGreaterThan(1e-3);
  });

  test('replaces a lone surrogate by U+FFFD and embeds the rest as sent', async () => {
    const [lone, replaced] = await floats(['a\uD800b', 'a\uFFFDb']);
    expect(lone).toEqual(replaced);
  });

  test('embeds token ids as those ids, appending the end-of-text token once', async () => {
    const [text] = await floats('What is the capital of China?');
    const [ids, idsWithEos] = await floats([CAPITAL_IDS, [...CAPITAL_IDS, EOS]]);
    const [flat] = await floats(CAPITAL_IDS);
    expect(maxAbsDiff(ids as number[], text as number[])).toBe(0);
    expect(idsWithEos).toEqual(ids);
    expect(flat).toEqual(ids);
  });

  test('ignores fields it does not know and accepts `user`', async () => {
    const res = await client.embeddings.create({
      model,
      input: 'extras',
      user: 'someone',
      extra_field: 1,
    } as never);
    expect(res.data).toHaveLength(1);
  });

  test('reports the work done in TEI-style headers', async () => {
    const { data, response } = await client.embeddings
      .create({ model, input: ['header probe'] })
      .withResponse();
    expect(Number(response.headers.get('x-compute-tokens'))).toBe(data.usage.prompt_tokens);
    for (const name of ['x-compute-time', 'x-queue-time', 'x-inference-time', 'x-tokenization-time'])
      expect(response.headers.get(name)).toMatch(/^\d+$/);
    expect(response.headers.get('x-compute-type')).toBe('cpu');
  });
});

describe('/v1 errors, as the client’s typed errors', () => {
  test('an unknown model is a NotFoundError with code model_not_found', async () => {
    const err = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: 'x' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err.code).toBe('model_not_found');
    expect(err.param).toBe('model');
  });

  test('an empty string is a BadRequestError naming input[1]', async () => {
    const err = await client.embeddings.create({ model, input: ['fine', ''] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe('input[1]');
    expect(err.type).toBe('invalid_request_error');
  });

  test('dimensions over the model’s width is a BadRequestError naming dimensions', async () => {
    const err = await client.embeddings.create({ model, input: 'x', dimensions: 65 }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe('dimensions');
  });

  test('an input over the context is a 400 in OpenAI’s words, not silently cut', async () => {
    // The server's context: MAX_TOKENS, whose default depends on the device (2,048 on the CPU).
    const { json: health } = await getJson('/api/health');
    const maxTokens = health.model.maxTokens as number;
    const ids = Array.from({ length: maxTokens + 808 }, (_, i) => 100 + (i % 50));
    const err = await client.embeddings.create({ model, input: [[1, 2], ids] }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe('input[1]');
    expect(err.message).toContain(
      `maximum context length is ${maxTokens} tokens, however you requested ${ids.length + 1} tokens`,
    );
  });

  test('a query given as token ids is a BadRequestError naming input_type (the instruction is text)', async () => {
    const err = await client.embeddings
      .create({ model, input: [CAPITAL_IDS], input_type: 'query' } as never)
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe('input_type');
  });

  test('an unknown /v1 path is a 404 in OpenAI’s error shape', async () => {
    const { status, json } = await postJson('/v1/completions', { prompt: 'x' });
    expect(status).toBe(404);
    expect(json.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found', param: null });
  });
});
