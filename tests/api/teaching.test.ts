/** The teaching views' API: POST /api/tokenize, instruction presets (`task`), and search `explain`. */
import { describe, expect, test } from 'vitest';
import { HEATMAP_MAX_ENTRIES, INSTRUCTION_PRESETS } from '../../lib/schemas';
import { CPU_DEFAULT_MAX_TOKENS } from '../../server/settings-schema';
import { postJson, SEED_BASE } from './client';

const EOS = 151643;

describe('POST /api/tokenize', () => {
  test('returns the Qwen3 ids with readable text and character spans, ending in <|endoftext|>', async () => {
    const { status, json } = await postJson('/api/tokenize', { text: '我想吃点东西' });
    expect(status).toBe(200);
    expect(json.tokens.map((t: { id: number }) => t.id)).toEqual([104100, 99405, 27442, 100413, EOS]);
    expect(json.tokens[0]).toEqual({ id: 104100, text: '我想', special: false, start: 0, stop: 2 });
    expect(json.tokens.at(-1)).toEqual({ id: EOS, text: '<|endoftext|>', special: true, start: 6, stop: 6 });
    expect(json).toMatchObject({
      text: '我想吃点东西',
      instruction: null,
      truncated: false,
      maxTokens: CPU_DEFAULT_MAX_TOKENS,
    });
  });

  test('a query is shown with the instruction prefix the model sees, and where it ends', async () => {
    const { json } = await postJson('/api/tokenize', { text: 'fruit', kind: 'query' });
    const prefix = `Instruct: ${INSTRUCTION_PRESETS[0].instruction}\nQuery:`;
    expect(json.text).toBe(`${prefix}fruit`);
    expect(json.instruction).toEqual({ start: 0, stop: prefix.length });
  });

  test('a preset task sets the instruction; "none" leaves the bare query', async () => {
    const qa = await postJson('/api/tokenize', { text: 'fruit', kind: 'query', task: 'question-answering' });
    expect(qa.json.text).toBe(`Instruct: ${INSTRUCTION_PRESETS[1].instruction}\nQuery:fruit`);
    const none = await postJson('/api/tokenize', { text: 'fruit', kind: 'query', task: 'none' });
    expect(none.json).toMatchObject({ text: 'fruit', instruction: null });
  });

  test('an unknown preset is a 400 naming task', async () => {
    const { status, json } = await postJson('/api/tokenize', { text: 'x', kind: 'query', task: 'poetry' });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: 'invalid_request', field: 'task' });
    expect(json.error.message).toContain('web-search');
  });

  test('a task and an instruction together are a 400 naming task', async () => {
    const { status, json } = await postJson('/api/tokenize', { text: 'x', task: 'none', instruction: 'y' });
    expect(status).toBe(400);
    expect(json.error.field).toBe('task');
  });

  test('a missing text is a 400 naming text', async () => {
    const { status, json } = await postJson('/api/tokenize', {});
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ field: 'text', message: 'text: is required' });
  });
});

describe('instruction presets', () => {
  test('/api/embed with a task embeds exactly as with that preset’s instruction text', async () => {
    const preset = INSTRUCTION_PRESETS[2];
    const byTask = await postJson('/api/embed', { texts: ['fruit'], kind: 'query', task: preset.id });
    const byText = await postJson('/api/embed', {
      texts: ['fruit'],
      kind: 'query',
      instruction: preset.instruction,
    });
    expect(byTask.status).toBe(200);
    expect(byTask.json.embeddings).toEqual(byText.json.embeddings);
  });

  test('/api/search refuses an unknown preset with a 400 naming task', async () => {
    const { status, json } = await postJson('/api/search', {
      knowledgeBase: SEED_BASE,
      query: 'x',
      task: 'x',
    });
    expect(status).toBe(400);
    expect(json.error.field).toBe('task');
  });
});

describe('POST /api/search with explain', () => {
  test('a heatmap cell equals the cosine of /api/embed vectors within 1e-4', async () => {
    const search = await postJson('/api/search', { knowledgeBase: SEED_BASE, query: 'fruit', explain: {} });
    const embed = await postJson('/api/embed', { texts: SEED_BASE });
    const [a, b] = embed.json.embeddings as number[][];
    const cosine = (a as number[]).reduce((s, x, i) => s + x * ((b as number[])[i] as number), 0);
    expect(Math.abs(search.json.explain.heatmap.matrix[0][1] - cosine)).toBeLessThan(1e-4);
    expect(search.json.explain.map.points).toHaveLength(SEED_BASE.length);
  });

  test('a 5,000-entry heatmap is a 400 naming explain.heatmapEntries', async () => {
    const { status, json } = await postJson('/api/search', {
      knowledgeBase: SEED_BASE,
      query: 'x',
      explain: { heatmapEntries: 5000 },
    });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ field: 'explain.heatmapEntries' });
    expect(json.error.message).toContain(String(HEATMAP_MAX_ENTRIES));
  });

  test('dimensions above the model’s width are a 400 naming dimensions, before any work', async () => {
    const { status, json } = await postJson('/api/search', {
      knowledgeBase: SEED_BASE,
      query: 'x',
      dimensions: 65,
    });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ field: 'dimensions', message: expect.stringContaining('at most 64') });
  });

  test('dimensions below 32 are a 400 naming dimensions', async () => {
    const { status, json } = await postJson('/api/search', {
      knowledgeBase: SEED_BASE,
      query: 'x',
      dimensions: 16,
    });
    expect(status).toBe(400);
    expect(json.error.field).toBe('dimensions');
  });

  test('explain must be an object', async () => {
    const { status, json } = await postJson('/api/search', {
      knowledgeBase: SEED_BASE,
      query: 'x',
      explain: 'yes',
    });
    expect(status).toBe(400);
    expect(json.error.field).toBe('explain');
  });
});
