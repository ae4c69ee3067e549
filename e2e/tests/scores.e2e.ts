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
const QUERY = '我想吃点东西';

/** A threshold halfway between the scores of rows `i` and `i + 1`, as the page shows them. */
async function thresholdBetween(scores: number[], i: number): Promise<number> {
  return Number((((scores[i] ?? 0) + (scores[i + 1] ?? 0)) / 2).toFixed(6));
}

test.beforeEach(async ({ app }) => {
  await app.goto();
  await app.setKnowledgeBase(FRUIT_AND_WEATHER);
  await app.setQuery(QUERY);
});

test('the results explain what a score is, in plain words, next to them', async ({ app, page }) => {
  await app.search();
  const explainer = page.getByTestId('score-explainer');
  await explainer.getByText('What is this score?').click();
  await expect(explainer).toContainText('cosine similarity');
  await expect(explainer).toContainText('not a percentage');
  await expect(explainer).toContainText('instruction');
});

test('comparing without the instruction scores an entry identical to the query 1.0000', async ({
  app,
  page,
}) => {
  const withInstruction = await app.search();
  const identical = withInstruction.result?.results.find((result) => result.text === QUERY);
  expect(identical?.score).toBeLessThan(0.9999);

  await page.getByTestId('score-explainer').getByText('What is this score?').click();
  const requestPromise = app.waitForSearchRequest();
  await page.getByTestId('compare-instruction').click();
  expect((await requestPromise).postDataJSON().instruction).toBe('');
  await app.waitForSettled();
  await expect(page.getByTestId('results-summary')).toContainText('without the instruction');
  await expect(app.resultRows.first().getByTestId('result-text')).toHaveText(QUERY);
  await expect(app.resultRows.first().getByTestId('result-score')).toHaveText('1.0000');
});

test('results at or below the threshold are collapsed under "N weaker matches"', async ({ app, page }) => {
  const outcome = await app.search();
  const scores = (outcome.result?.results ?? []).map((result) => result.score);
  await app.setOptions({ threshold: await thresholdBetween(scores, 1) });

  await expect(app.confidentRows()).toHaveCount(2);
  const weaker = page.getByTestId('weaker-results');
  await expect(weaker.locator('summary')).toHaveText(/3 weaker matches/);
  await expect(weaker.getByTestId('result-row').first()).toBeHidden();
  await weaker.locator('summary').click();
  await expect(weaker.getByTestId('result-row')).toHaveCount(3);
  await expect(weaker.getByTestId('result-row').first()).toBeVisible();
});

test('when no entry passes the threshold the page says there is no confident match', async ({
  app,
  page,
}) => {
  await app.setOptions({ threshold: 0.99 });
  await app.search();
  await expect(page.getByTestId('no-confident-match')).toContainText('No confident match');
  await expect(app.confidentRows()).toHaveCount(0);
  await expect(app.resultRows.first()).toBeHidden();
});

test('changing top k re-ranks the shown rows at once, without a new request', async ({ app }) => {
  await app.search();
  await expect(app.resultRows).toHaveCount(5);
  const searches = app.countSearchRequests();
  await app.setOptions({ topK: 2 });
  await expect(app.resultRows).toHaveCount(2);
  await app.setOptions({ topK: 7 });
  await expect(app.resultRows).toHaveCount(7);
  expect(searches.count).toBe(0);
});

test('changing the threshold recolours the rows at once, without a new request', async ({ app }) => {
  const outcome = await app.search();
  const scores = (outcome.result?.results ?? []).map((result) => result.score);
  const searches = app.countSearchRequests();
  await app.setOptions({ threshold: await thresholdBetween(scores, 0) });
  await expect(app.confidentRows()).toHaveCount(1);
  await app.setOptions({ threshold: -1 });
  await expect(app.confidentRows()).toHaveCount(5);
  expect(searches.count).toBe(0);
});

test('editing the knowledge base marks the shown results as out of date until the next search', async ({
  app,
  page,
}) => {
  await app.search();
  await expect(page.getByTestId('results-stale')).toHaveCount(0);
  await app.setKnowledgeBase([...FRUIT_AND_WEATHER, 'A new line']);
  await expect(page.getByTestId('results-stale')).toContainText('Out of date');
  await expect(page.getByTestId('result-list')).toHaveAttribute('data-stale', 'true');
  await app.search();
  await expect(page.getByTestId('results-stale')).toHaveCount(0);
});

test('editing the query marks the shown results as out of date', async ({ app, page }) => {
  await app.search();
  await app.setQuery('天气怎么样');
  await expect(page.getByTestId('results-stale')).toContainText('Out of date');
});

test('each result names the line it came from, and clicking it selects that line', async ({ app }) => {
  await app.setKnowledgeBase(['', 'first entry', '', '', 'second entry', QUERY].join('\n'));
  await app.search();
  const top = app.resultRows.first();
  await expect(top.getByTestId('result-text')).toHaveText(QUERY);
  await expect(top.getByTestId('result-line')).toHaveText('line 6');
  await top.getByTestId('result-line').click();
  const selected = await app.kbInput.evaluate((element) => {
    const textarea = element as HTMLTextAreaElement;
    return textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
  });
  expect(selected).toBe(QUERY);
});
