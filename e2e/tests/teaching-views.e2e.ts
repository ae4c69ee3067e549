/** The teaching views (issue 10): map, heatmap, tokenizer, vector facts, Dimensions and Instruction. */
import assert from 'node:assert/strict';
import { HEATMAP_MAX_ENTRIES, INSTRUCTION_PRESETS } from '../../lib/schemas';
import { expect, test } from '../fixtures';

const SEED = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
];
const QUERY = '我想吃点东西';
/** Qwen3's ids for the query above (the tokenizer's own, checked in the unit tests too). */
const QUERY_IDS = [104100, 99405, 27442, 100413];
const EOS = 151643;

test.beforeEach(async ({ app }) => {
  await app.goto();
  await app.setKnowledgeBase(SEED);
  await app.setQuery(QUERY);
});

test('the map draws one point per entry plus one for the query, with the variance shares the server sent', async ({
  app,
  page,
}) => {
  const result = await app.searchWithExplain();
  await app.openTeachingPanel('map');
  await expect(page.getByTestId('map-point')).toHaveCount(SEED.length);
  await expect(page.getByTestId('map-query-point')).toHaveCount(1);
  const [ex = 0, ey = 0] = result.explain?.map?.explained ?? [];
  await expect(page.getByTestId('map-variance')).toContainText(`${(ex * 100).toFixed(1)} %`);
  await expect(page.getByTestId('map-variance')).toContainText(`${(ey * 100).toFixed(1)} %`);
  await expect(page.getByTestId('map-note')).toContainText('from the full vectors');
});

test('hovering a point shows its entry and its true cosine; clicking it marks its result row', async ({
  app,
  page,
}) => {
  const result = await app.searchWithExplain();
  await app.openTeachingPanel('map');
  const best = result.results[0];
  assert.ok(best);
  const point = page.locator(`[data-point-key="e${best.index}"]`);
  await point.hover();
  await expect(page.getByTestId('map-active')).toContainText(SEED[best.index] as string);
  await expect(page.getByTestId('map-active-score')).toHaveText(best.score.toFixed(4));
  await point.click();
  await expect(page.locator(`[data-testid="result-row"][data-entry-index="${best.index}"]`)).toHaveAttribute(
    'data-highlighted',
    'true',
  );
});

test('map points are reachable by keyboard and named with their cosine', async ({ app, page }) => {
  const result = await app.searchWithExplain();
  await app.openTeachingPanel('map');
  await page.getByTestId('map-query-point').focus();
  await page.keyboard.press('ArrowRight');
  const best = result.results[0];
  assert.ok(best);
  const focused = page.locator(`[data-point-key="e${best.index}"]`);
  await expect(focused).toBeFocused();
  await expect(focused).toHaveAttribute('aria-label', new RegExp(`cosine ${best.score.toFixed(4)}`));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('map-selected')).toContainText(`entry ${best.index + 1}`);
});

test('a base of two entries gets an explanation instead of a map', async ({ app, page }) => {
  await app.setKnowledgeBase(SEED.slice(0, 2));
  await app.searchWithExplain();
  await app.openTeachingPanel('map');
  await expect(page.getByTestId('map-too-small')).toContainText('at least three entries');
  await expect(page.getByTestId('map-point')).toHaveCount(0);
});

test('a heatmap cell equals the cosine of the /api/embed vectors within 1e-4, and says so in its label', async ({
  app,
  page,
}) => {
  await app.searchWithExplain();
  await app.openTeachingPanel('heatmap');
  await expect(page.getByTestId('heatmap-cell')).toHaveCount(SEED.length * (SEED.length + 1));
  const embed = await page.request.post('/api/embed', { data: { texts: SEED } });
  const vectors = ((await embed.json()) as { embeddings: number[][] }).embeddings;
  const cosine = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
  const row = page.getByTestId('heatmap-row').nth(1);
  const cell = row.getByTestId('heatmap-cell').nth(3);
  const expected = cosine(vectors[1] as number[], vectors[3] as number[]);
  const shown = Number(await cell.getAttribute('data-score'));
  expect(Math.abs(shown - expected)).toBeLessThan(1e-4);
  await expect(cell).toHaveAttribute('aria-label', `Entry 2 × Entry 4: ${expected.toFixed(4)}`);
  await expect(page.getByText('Colour scale')).toBeVisible();
});

test('the tokenizer view shows the instruction prefix, the query’s own Qwen3 ids, and the final <|endoftext|>', async ({
  app,
  page,
}) => {
  await app.searchWithExplain();
  await app.openTeachingPanel('tokens');
  const chips = page.getByTestId('token-chip');
  await expect(chips.last()).toHaveAttribute('data-part', 'eos');
  await expect(chips.last()).toHaveAttribute('data-token-ids', String(EOS));
  const queryIds = await page
    .locator('[data-testid="token-chip"][data-part="query"]')
    .evaluateAll((els) =>
      els.flatMap((el) => (el.getAttribute('data-token-ids') ?? '').split(' ').map(Number)),
    );
  expect(queryIds).toEqual(QUERY_IDS);
  expect(await page.locator('[data-testid="token-chip"][data-part="instruction"]').count()).toBeGreaterThan(
    5,
  );
  await expect(page.getByTestId('token-exact-text').locator('mark')).toContainText(
    'Instruct: Given a web search',
  );
  await expect(page.getByTestId('entry-token-row')).toHaveCount(SEED.length);
});

test('vector facts give a unit norm and a window that stays inside the vector', async ({ app, page }) => {
  const result = await app.searchWithExplain();
  await app.openTeachingPanel('facts');
  const dims = result.query.dims;
  await expect(page.getByTestId('fact-dims')).toHaveText(String(dims));
  await expect(page.getByTestId('fact-norm')).toHaveText('1.0000');
  await page.getByTestId('window-start').fill('1000');
  await expect(page.getByTestId('window-caption')).toContainText(
    `Dimensions ${dims - 50}–${dims - 1} of ${dims}`,
  );
  await page.getByRole('button', { name: 'Previous 50' }).click();
  await expect(page.getByTestId('window-caption')).toContainText('Dimensions 0–49');
  const best = result.results[0];
  assert.ok(best);
  await expect(page.getByTestId('why-sum')).toContainText(best.score.toFixed(4));
});

test('choosing 32 dimensions re-ranks with 32-long vectors, and the page says 32', async ({ app, page }) => {
  await app.searchWithExplain();
  const request = app.waitForSearchRequest();
  await page.getByLabel('Dimensions').selectOption('32');
  const sent = (await request).postDataJSON() as { dimensions?: number };
  expect(sent.dimensions).toBe(32);
  await expect(page.getByTestId('rank-dims')).toHaveText('32');
  // No "Embedded 0" to read: cache counts are private by default (REPORT_CACHE_STATS); that 32
  // dimensions embed nothing new is server/search-explain.test.ts ("embeds nothing more").
  const replay = await app.replaySearch({ ...(sent as object), knowledgeBase: SEED, query: QUERY } as never);
  expect(replay.result?.explain?.queryVector).toHaveLength(32);
  expect(replay.result?.query.dims).toBe(32);
  await expect(page.getByTestId('rank-move')).toHaveCount(replay.result?.results.length ?? -1);
  await app.openTeachingPanel('facts');
  await expect(page.getByTestId('fact-dims')).toHaveText('32');
  await app.openVectorPanel();
  await expect(app.vectorDims).toHaveText('32');
  await page.getByTestId('vector-show-all').click();
  await expect(page.getByTestId('vector-full-count')).toHaveText('32');
});

test('the Instruction control searches again with the chosen task, and the tokenizer shows the text sent', async ({
  app,
  page,
}) => {
  // A query this server has never seen, so "embedded" counts only what this change costs.
  const fresh = `想吃水果 ${Date.now()}`;
  await app.setQuery(fresh);
  await app.searchWithExplain();
  const request = app.waitForSearchRequest();
  await page.getByLabel('Instruction', { exact: true }).selectOption('question-answering');
  const sent = await request;
  expect((sent.postDataJSON() as { task?: string }).task).toBe('question-answering');
  // The server keeps its cache counts private by default (REPORT_CACHE_STATS), so the page cannot show
  // "embedded 1"; that only the query is embedded again is the vector cache's own test
  // (server/batch-scheduler.test.ts, "editing one line embeds only that line").
  expect((await sent.response())?.ok()).toBe(true);
  await app.openTeachingPanel('tokens');
  await expect(page.getByTestId('token-exact-text').locator('mark')).toHaveText(
    `Instruct: ${INSTRUCTION_PRESETS[1].instruction}\nQuery:`,
  );

  const none = app.waitForSearchRequest();
  await page.getByLabel('Instruction', { exact: true }).selectOption('none');
  expect(((await none).postDataJSON() as { instruction?: string }).instruction).toBe('');
  await expect(page.getByTestId('token-exact-text')).toHaveText(fresh);
  await expect(page.locator('[data-testid="token-chip"][data-part="instruction"]')).toHaveCount(0);
});

test('a base larger than the heatmap limit shows its top entries and says why', async ({ app, page }) => {
  const entries = Array.from(
    { length: HEATMAP_MAX_ENTRIES + 10 },
    (_, i) => `line ${i + 1} of a longer base`,
  );
  await app.setKnowledgeBase(entries);
  const result = await app.searchWithExplain();
  await app.openTeachingPanel('heatmap');
  await expect(page.getByTestId('heatmap-subset')).toContainText(
    `${HEATMAP_MAX_ENTRIES} entries that score highest`,
  );
  await expect(page.getByTestId('heatmap-cell')).toHaveCount(HEATMAP_MAX_ENTRIES * (HEATMAP_MAX_ENTRIES + 1));
  expect(result.explain?.heatmap.indices).toHaveLength(HEATMAP_MAX_ENTRIES);
});
