/**
 * Issue 9, Chinese UI: a browser that prefers Chinese sees the results, the vector panel and the
 * teaching views (charts, their labels and their text equivalents) in Chinese, from the catalogue.
 */
import assert from 'node:assert/strict';
import { expect, test } from '../fixtures';

test.use({ locale: 'zh-CN' });

const ENTRIES = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
  '明天上海可能会下雨',
];
const QUERY = '我想吃点东西';

test.beforeEach(async ({ app }) => {
  await app.goto();
  await app.setKnowledgeBase(ENTRIES);
  await app.setQuery(QUERY);
});

test('the results summary, rows and timing line are in Chinese', async ({ app, page }) => {
  await app.searchWithExplain();
  const summary = page.getByTestId('results-summary');
  await expect(summary).toContainText('最匹配的条目');
  await expect(summary).toContainText('高于阈值');
  await expect(summary).not.toContainText('Best matches');
  const top = app.resultRows.first();
  await expect(top.getByRole('button', { name: /^第 \d+ 行：在知识库中选中这一行$/ })).toBeVisible();
  await expect(top.getByRole('progressbar', { name: '第 1 个结果的相似度' })).toHaveAttribute(
    'aria-valuetext',
    /^相似度 \d\.\d{4}$/,
  );
  await expect(page.getByTestId('search-meta')).toContainText('回答模型');
  await expect(page.getByTestId('search-meta')).toContainText('秒');
});

test('the score explanation and its instruction button are in Chinese', async ({ app, page }) => {
  await app.searchWithExplain();
  const explainer = page.getByTestId('score-explainer');
  await explainer.getByText('这个分数是什么意思？').click();
  await expect(explainer).toContainText('余弦相似度');
  await expect(explainer).toContainText('它不是百分比');
  await expect(explainer.getByRole('button', { name: '不加指令比较一下' })).toBeVisible();
});

test('the weaker matches fold counts its rows in Chinese', async ({ app, page }) => {
  const outcome = await app.search();
  const scores = (outcome.result?.results ?? []).map((result) => result.score);
  // Halfway between the second and third score: two rows above the threshold, three below.
  await app.setOptions({ threshold: Number((((scores[1] ?? 0) + (scores[2] ?? 0)) / 2).toFixed(6)) });
  await expect(app.confidentRows()).toHaveCount(2);
  await expect(page.getByTestId('weaker-results').locator('summary')).toHaveText(
    '3 条较弱的匹配（不高于阈值）',
  );
});

test('the vector panel labels its chart, tooltip, legend and text equivalent in Chinese', async ({
  app,
  page,
}) => {
  const result = await app.searchWithExplain();
  await expect(app.vectorToggle).toContainText('幕后：查询向量');
  await app.openVectorPanel();
  await expect(app.vectorChart.locator('.recharts-label').filter({ hasText: '维度' })).toHaveCount(1);
  await expect(app.vectorChart.locator('.recharts-label').filter({ hasText: '数值' })).toHaveCount(1);
  await expect(app.vectorChart).toContainText('正值');
  await expect(app.vectorChart).toContainText('负值');
  await expect(app.vectorPanel.locator('figcaption')).toHaveText(
    `查询向量前 ${result.query.vector.length} 个值的柱状图；下方列出了同样的数值。`,
  );
  await expect(page.getByRole('heading', { name: '数值（4 位小数）' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /^固定纵轴范围/ })).toBeVisible();

  await app.vectorChart.locator('.recharts-bar-rectangle').nth(17).hover();
  await expect(page.getByTestId('vector-tooltip')).toHaveText(/^第 17 维：/);
  await page.getByRole('button', { name: `显示全部 ${result.query.dims} 个值` }).click();
  await expect(page.getByRole('list', { name: `查询向量的全部 ${result.query.dims} 个值` })).toBeVisible();
});

test('the map names its axes, points, legend and table in Chinese', async ({ app, page }) => {
  const result = await app.searchWithExplain();
  await expect(page.getByTestId('map-toggle')).toContainText('语义空间地图');
  await app.openTeachingPanel('map');
  const [ex = 0] = result.explain?.map?.explained ?? [];
  await expect(page.getByTestId('map-variance')).toContainText(
    `横轴解释了它们 ${(ex * 100).toFixed(1)}% 的方差`,
  );
  await expect(
    page
      .getByTestId('map-chart')
      .locator('.recharts-label')
      .filter({ hasText: `主成分 1（${(ex * 100).toFixed(1)}%）` }),
  ).toHaveCount(1);
  const best = result.results[0];
  assert.ok(best);
  await expect(page.locator(`[data-point-key="e${best.index}"]`)).toHaveAttribute(
    'aria-label',
    `条目 ${best.index + 1}，余弦相似度 ${best.score.toFixed(4)}：${ENTRIES[best.index]}`,
  );
  await expect(page.getByText('查询（菱形）')).toBeVisible();

  await page.getByText('以表格查看地图').click();
  const table = page.getByTestId('map-table');
  await expect(table.getByRole('columnheader', { name: '余弦相似度' })).toBeVisible();
  await expect(table.getByRole('cell', { name: '查询', exact: true })).toBeVisible();
});

test('the heatmap labels its cells, caption and colour scale in Chinese', async ({ app, page }) => {
  const result = await app.searchWithExplain();
  await app.openTeachingPanel('heatmap');
  const heatmap = page.getByTestId('heatmap');
  await expect(heatmap.locator('caption')).toContainText('每两个条目之间');
  const first = result.explain?.heatmap.indices[0];
  assert.ok(first !== undefined);
  const score = (result.explain?.scores[first] ?? 0).toFixed(4);
  await expect(heatmap.getByTestId('heatmap-query-row').getByTestId('heatmap-cell').first()).toHaveAttribute(
    'aria-label',
    `查询 × 条目 ${first + 1}: ${score}`,
  );
  await expect(page.getByText(/^色标：蓝色表示方向相反/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /^几乎重复的条目对/ })).toBeVisible();
});

test('the tokenizer view explains the tokens in Chinese', async ({ app, page }) => {
  await app.searchWithExplain();
  await app.openTeachingPanel('tokens');
  await expect(page.getByRole('heading', { name: '模型读到的查询' })).toBeVisible();
  await expect(page.getByRole('list', { name: '按顺序排列的查询词元' })).toBeVisible();
  await expect(page.getByTestId('token-eos-note')).toContainText('加在末尾');
  await expect(page.getByTestId('entry-token-summary')).toContainText(`${ENTRIES.length} 个条目`);
  await expect(page.getByTestId('entry-tokens').getByRole('columnheader', { name: '词元数' })).toBeVisible();
});

test('switching to English re-words the results and views without searching again', async ({ app, page }) => {
  await app.searchWithExplain();
  await app.openTeachingPanel('facts');
  await expect(page.getByTestId('window-caption')).toContainText('第 0–49 维');
  const searches = app.countSearchRequests();

  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('results-summary')).toContainText('Best matches for');
  await expect(page.getByTestId('window-caption')).toContainText('Dimensions 0–49');
  await expect(page.getByRole('button', { name: 'Next 50' })).toBeVisible();
  expect(searches.count).toBe(0);
});
