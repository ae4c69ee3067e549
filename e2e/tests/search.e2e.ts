import assert from 'node:assert/strict';
import { DEFAULT_LONG_ENTRIES, TOP_K_MAX } from '../../lib/schemas';
import { expect, test } from '../fixtures';

const FRUIT_AND_WEATHER = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
  '明天上海可能会下雨',
  'Oranges are rich in vitamin C',
  'The train to Berlin leaves at nine',
];

function clampUnit(value: number): number {
  return Math.min(1, Math.max(0, value));
}

test('typing a knowledge base and a query and searching shows ranked rows that agree with the scores', async ({
  app,
  saveScreenshot,
}) => {
  await app.goto();
  await app.setKnowledgeBase(FRUIT_AND_WEATHER);
  await app.setQuery('我饿了,想吃水果');
  await app.setOptions({ topK: 5, threshold: 0.4 });
  const first = await app.search();
  assert.ok(first.result, `search failed: ${JSON.stringify(first.error)}`);
  // The page asks for every score it may show and shows the first top k of them.
  const scores = first.result.results.slice(0, 5).map((r) => r.score);
  assert.equal(await app.resultRows.count(), Math.min(5, FRUIT_AND_WEATHER.length));

  // The test model's scores are arbitrary: put the threshold between the 2nd and 3rd best so some
  // rows are above it and some below (falling back to the first pair that is not a tie).
  const gap = [1, 0, 2, 3].find((i) => (scores[i] ?? 0) - (scores[i + 1] ?? 0) > 2e-6);
  assert.ok(gap !== undefined, `all scores tie: ${scores.join(', ')}`);
  const threshold = Number((((scores[gap] ?? 0) + (scores[gap + 1] ?? 0)) / 2).toFixed(6));
  await app.setOptions({ threshold });
  const second = await app.search();
  assert.ok(second.result, `search failed: ${JSON.stringify(second.error)}`);
  const response = second.result.results;

  const rows = await app.readResults();
  assert.equal(rows.length, Math.min(5, FRUIT_AND_WEATHER.length));
  assert.deepEqual(
    rows.map((row) => row.rank),
    rows.map((_, i) => i + 1),
  );
  for (const [i, row] of rows.entries()) {
    const expected = response[i];
    assert.ok(expected);
    assert.match(row.scoreText, /^-?\d+\.\d{4}$/, `score "${row.scoreText}" has 4 decimals`);
    assert.equal(row.text, expected.text);
    assert.equal(row.scoreText, expected.score.toFixed(4));
    assert.ok(
      Math.abs(clampUnit(Number(row.scoreText)) - row.barValue) <= 1e-4,
      `shown score ${row.scoreText} matches the bar's value ${row.barValue}`,
    );
    assert.ok(
      Math.abs(row.barValue - clampUnit(expected.score)) <= 1e-4,
      `bar ${row.barValue} vs score ${expected.score}`,
    );
    assert.equal(row.barMin, 0);
    assert.equal(row.barMax, 1);
    assert.equal(
      row.aboveThreshold,
      expected.score > threshold,
      `row ${i + 1}: ${expected.score} vs ${threshold}`,
    );
    if (i > 0) assert.ok(Number(row.scoreText) <= Number(rows[i - 1]?.scoreText), 'scores descend');
  }
  const above = rows.filter((row) => row.aboveThreshold);
  const below = rows.filter((row) => !row.aboveThreshold);
  assert.ok(above.length > 0 && below.length > 0, 'some rows above the threshold and some below');
  assert.equal(new Set(above.map((row) => row.fillColor)).size, 1, 'above-threshold bars share one colour');
  assert.equal(new Set(below.map((row) => row.fillColor)).size, 1, 'below-threshold bars share one colour');
  assert.notEqual(above[0]?.fillColor, below[0]?.fillColor, 'above and below bars are coloured differently');
  await saveScreenshot('search-results');
});

test('a knowledge base smaller than top-k shows every entry once', async ({ app }) => {
  await app.goto();
  await app.setKnowledgeBase(FRUIT_AND_WEATHER.slice(0, 3));
  await app.setOptions({ topK: 10 });
  const outcome = await app.search();
  assert.ok(outcome.result);
  const rows = await app.readResults();
  assert.equal(rows.length, 3);
  assert.deepEqual(new Set(rows.map((row) => row.text)), new Set(FRUIT_AND_WEATHER.slice(0, 3)));
});

test('the search sends the parsed entries, the query, the threshold and the largest top-k', async ({
  app,
}) => {
  await app.goto();
  await app.setKnowledgeBase('  第一条  \n\n   \n第二条\n');
  await app.setQuery('  查询  ');
  await app.setOptions({ topK: 7, threshold: 0.25 });
  const outcome = await app.search();
  assert.deepEqual(outcome.request, {
    knowledgeBase: ['第一条', '第二条'],
    query: '查询',
    topK: TOP_K_MAX,
    threshold: 0.25,
    // The teaching views' data (issue 10), computed from the same vectors.
    explain: {},
    longEntries: DEFAULT_LONG_ENTRIES,
  });
  assert.equal(outcome.accept, 'application/x-ndjson');
});

test('the knowledge base count ignores blank lines and follows typing', async ({ app }) => {
  await app.goto();
  await expect(app.kbCount).toHaveText(/^4 entries\b/);
  await app.setKnowledgeBase('one\n\n   \ntwo\n');
  await expect(app.kbCount).toHaveText(/^2 entries\b/);
  await app.setKnowledgeBase('  only  ');
  await expect(app.kbCount).toHaveText(/^1 entry\b/);
});

test('pressing Enter in the query input searches', async ({ app }) => {
  await app.goto();
  await app.setQuery('想吃水果');
  const outcome = await app.search('enter');
  assert.ok(outcome.result, `search failed: ${JSON.stringify(outcome.error)}`);
  assert.equal(await app.resultRows.count(), 4);
});

test('an empty query shows an inline message and sends no request', async ({ app, page }) => {
  await app.goto();
  const searches: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/search') searches.push(request.url());
  });
  await app.setQuery('   ');
  await app.searchButton.click();
  await app.formMessage.waitFor();
  await expect(app.liveAnnouncer).toHaveText(/query/i);
  assert.match((await app.formMessage.textContent()) ?? '', /query/i);
  await page.waitForTimeout(500);
  assert.deepEqual(searches, []);
});

test('an empty knowledge base shows an inline message and sends no request', async ({ app, page }) => {
  await app.goto();
  const searches: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/search') searches.push(request.url());
  });
  await app.setKnowledgeBase('\n   \n\t\n');
  await expect(app.kbCount).toHaveText(/^0 entries\b/);
  await app.queryInput.press('Enter');
  await app.formMessage.waitFor();
  await expect(app.liveAnnouncer).toHaveText(/knowledge base/i);
  assert.match((await app.formMessage.textContent()) ?? '', /knowledge base/i);
  await page.waitForTimeout(500);
  assert.deepEqual(searches, []);
});

test('a query over the server’s character limit is refused before sending, saying the limit', async ({
  app,
  page,
}) => {
  await app.goto();
  const limit = (await app.health()).limits.maxCharsPerText;
  const searches = app.countSearchRequests();
  await app.setQuery('长'.repeat(limit + 1));
  await app.searchButton.click();
  await expect(app.formMessage).toContainText(limit.toLocaleString('en-US'));
  await expect(app.formMessage).not.toContainText('query:');
  await page.waitForTimeout(500);
  assert.equal(searches.count, 0);
  assert.equal(await app.resultRows.count(), 0);
});

test('a long search shows streamed progress and Cancel stops it', async ({ app, page, saveScreenshot }) => {
  await app.goto();
  // Unique entries each run, so nothing comes from the server's vector cache.
  const run = Math.random().toString(36).slice(2);
  const entries = Array.from(
    { length: 2048 },
    (_, i) => `${run} 条目 ${i}:${'这是一个用来让嵌入计算花一些时间的较长句子,内容并不重要。'.repeat(6)}`,
  );
  await app.replaceKnowledgeBase(entries);
  await expect(app.kbCount).toHaveText(/^2,048 entries\b/);
  const responsePromise = app.waitForSearchResponse();
  await app.searchButton.click();
  await app.cancelButton.waitFor();
  await expect(async () => {
    const text = (await app.searchProgress.textContent()) ?? '';
    assert.match(text, /Embedding knowledge base: \d+ \/ 2048/);
  }).toPass({ timeout: 20_000 });
  await saveScreenshot('search-in-progress');
  await app.cancelButton.click();
  await page.getByTestId('search-cancelled').waitFor();
  await responsePromise;
  assert.equal(await app.searchError.count(), 0, 'a cancel is not shown as an error');
  assert.equal(await app.resultRows.count(), 0);
  assert.equal(await app.cancelButton.count(), 0);
  await expect(app.searchButton).toHaveAttribute('aria-disabled', 'false');
  // The abort reaches the server, which drops the queued texts.
  await expect(async () => assert.equal((await app.health()).queue?.pendingTexts, 0)).toPass({
    timeout: 15_000,
  });
});
