import { readFile } from 'node:fs/promises';
import { expect, test } from '../fixtures';

const QUERY = '我想吃点东西';

test.beforeEach(async ({ app }) => {
  await app.goto();
  await app.setQuery(QUERY);
});

test('the vector panel says which query it shows', async ({ app, page }) => {
  await app.search();
  await app.openVectorPanel();
  await expect(page.getByTestId('vector-query')).toContainText(QUERY);
  await expect(page.getByTestId('vector-query')).toContainText('with the retrieval instruction');
});

test('the chart’s y-axis can be fixed to one scale shared by every query', async ({ app, page }) => {
  await app.search();
  await app.openVectorPanel();
  const yTicks = () =>
    app.vectorChart
      .locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')
      .allTextContents();
  await expect(app.vectorChart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  const fixedBound = Math.ceil((4 / Math.sqrt((await app.health()).model?.dims ?? 1)) * 100) / 100;
  await page.getByTestId('vector-fixed-scale').check();
  await expect(async () => {
    const ticks = (await yTicks()).map(Number);
    expect(Math.min(...ticks)).toBe(-fixedBound);
    expect(Math.max(...ticks)).toBe(fixedBound);
  }).toPass();

  // Another query keeps the same axis.
  await app.setQuery('今天天气怎么样');
  await app.search();
  await expect(async () => {
    const ticks = (await yTicks()).map(Number);
    expect([Math.min(...ticks), Math.max(...ticks)]).toEqual([-fixedBound, fixedBound]);
  }).toPass();
});

test('the chart’s axes are labelled', async ({ app }) => {
  await app.search();
  await app.openVectorPanel();
  await expect(app.vectorChart.locator('.recharts-label').filter({ hasText: 'dimension' })).toHaveCount(1);
  await expect(app.vectorChart.locator('.recharts-label').filter({ hasText: 'value' })).toHaveCount(1);
});

test('hovering a bar shows "dimension N: value"', async ({ app, page }) => {
  const outcome = await app.search();
  await app.openVectorPanel();
  const bars = app.vectorChart.locator('.recharts-bar-rectangle');
  await expect(bars.first()).toBeVisible();
  await bars.nth(17).hover();
  const value = outcome.result?.query.vector[17] ?? 0;
  const expected = `dimension 17: ${value < 0 ? '\u2212' : ''}${Math.abs(value).toFixed(4)}`;
  await expect(page.getByTestId('vector-tooltip')).toHaveText(expected);
});

test('"Show all N values" lists every value, and their squares sum to 1.000', async ({ app, page }) => {
  await app.search();
  await app.openVectorPanel();
  const dims = (await app.health()).model?.dims ?? 0;
  await page.getByTestId('vector-show-all').click();
  await expect(page.getByTestId('vector-full-values').locator('li')).toHaveCount(dims);
  await expect(page.getByTestId('vector-sum-squares')).toHaveText('1.000');
});

test('the whole vector can be downloaded as JSON', async ({ app, page }) => {
  const outcome = await app.search();
  await app.openVectorPanel();
  await page.getByTestId('vector-show-all').click();
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('vector-download').click();
  const download = await downloadPromise;
  const values = JSON.parse(await readFile(await download.path(), 'utf8')) as number[];
  expect(values).toHaveLength(outcome.result?.query.dims ?? -1);
  expect(values.slice(0, 5).map((v) => v.toFixed(5))).toEqual(
    (outcome.result?.query.vector ?? []).slice(0, 5).map((v) => v.toFixed(5)),
  );
});

test.describe('with clipboard access', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('the whole vector can be copied', async ({ app, page }) => {
    await app.search();
    await app.openVectorPanel();
    await page.getByTestId('vector-show-all').click();
    await page.getByTestId('vector-copy').click();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as number[];
    expect(copied).toHaveLength((await app.health()).model?.dims ?? -1);
  });
});

test('the charting code loads only when the vector panel first opens', async ({ app, page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await app.search();
  await page.waitForLoadState('networkidle');
  const beforeOpening = scripts.length;
  await app.openVectorPanel();
  await expect(app.vectorChart).toBeVisible();
  expect(scripts.length).toBeGreaterThan(beforeOpening);
});
