import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from '../fixtures';

async function downloadsOf(page: Page, count: number, click: () => Promise<void>): Promise<Download[]> {
  const downloads: Download[] = [];
  const done = new Promise<void>((resolve) => {
    page.on('download', (download) => {
      downloads.push(download);
      if (downloads.length === count) resolve();
    });
  });
  await click();
  await done;
  return downloads;
}

async function text(download: Download): Promise<string> {
  return readFile(await download.path(), 'utf8');
}

const BASE = ['苹果, 一种水果', 'She said "hi"', '今天北京天气晴朗', 'bananas are yellow'];

test('the results export as CSV with a BOM, the ranked texts and their scores', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase(BASE);
  await app.setQuery('水果');
  const outcome = await app.search();
  await page.getByTestId('export-button').click();
  const [download] = await downloadsOf(page, 1, () => page.getByTestId('export-results-csv').click());
  if (!download) throw new Error('no download');
  expect(download.suggestedFilename()).toBe('My-knowledge-base-results.csv');
  const csv = await text(download);
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const rows = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true }).data;
  const expected = outcome.result?.results ?? [];
  expect(rows.map((row) => row.text)).toEqual(expected.map((r) => r.text));
  expect(rows.map((row) => Number(row.score))).toEqual(expected.map((r) => r.score));
  expect(rows[0]).toMatchObject({ rank: '1', query: '水果', model: outcome.result?.model.id });
});

test('the results export as JSON with rank, score and the search context', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase(BASE);
  const outcome = await app.search();
  await page.getByTestId('export-button').click();
  const [download] = await downloadsOf(page, 1, () => page.getByTestId('export-results-json').click());
  if (!download) throw new Error('no download');
  const rows = JSON.parse(await text(download)) as {
    rank: number;
    text: string;
    score: number;
    dimensions: number;
  }[];
  expect(rows.map((row) => [row.rank, row.text, row.score])).toEqual(
    (outcome.result?.results ?? []).map((r, i) => [i + 1, r.text, r.score]),
  );
  expect(rows[0]?.dimensions).toBe(outcome.result?.query.dims);
});

test('the Embedding Projector files have one vector row and one label row per entry', async ({
  app,
  page,
}) => {
  await app.goto();
  await app.setKnowledgeBase(BASE);
  const dims = (await app.health()).model?.dims;
  await page.getByTestId('export-button').click();
  const downloads = await downloadsOf(page, 2, () => page.getByTestId('export-projector').click());
  const byName = new Map(downloads.map((d) => [d.suggestedFilename(), d]));
  const vectors = byName.get('My-knowledge-base-projector-vectors.tsv');
  const labels = byName.get('My-knowledge-base-projector-metadata.tsv');
  if (!vectors || !labels) throw new Error(`unexpected files: ${[...byName.keys()].join(', ')}`);
  const vectorRows = (await text(vectors)).trimEnd().split('\n');
  expect(vectorRows).toHaveLength(BASE.length);
  expect(vectorRows.every((row) => row.split('\t').length === dims)).toBe(true);
  expect((await text(labels)).trimEnd().split('\n')).toEqual(BASE);
});

test('the knowledge base exports with its unit-length vectors as JSON', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase(BASE);
  await page.getByTestId('export-button').click();
  const [download] = await downloadsOf(page, 1, () => page.getByTestId('export-vectors-json').click());
  if (!download) throw new Error('no download');
  const base = JSON.parse(await text(download)) as { entries: { text: string; vector: number[] }[] };
  expect(base.entries.map((e) => e.text)).toEqual(BASE);
  for (const entry of base.entries) {
    expect(Math.hypot(...entry.vector)).toBeCloseTo(1, 4);
  }
});

test('a share link opened in a fresh browser shows the same knowledge base, query and options', async ({
  app,
  page,
  browser,
}) => {
  await app.goto();
  await app.setKnowledgeBase(BASE);
  await app.setQuery('分享的问题');
  await app.setOptions({ topK: 2 });
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toContain('#share=v1.');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('kb-input')).toHaveValue(BASE.join('\n'));
  await expect(other.getByTestId('query-input')).toHaveValue('分享的问题');
  await expect(other.getByTestId('topk-input')).toHaveValue('2');
  await expect(other.getByTestId('workspace-notice')).toContainText('Opened the shared knowledge base');
  await fresh.close();
});

test('a truncated share link says so and leaves the saved knowledge base untouched', async ({
  app,
  page,
}) => {
  await app.goto();
  await app.setKnowledgeBase('my saved line');
  await expect.poll(async () => (await app.storedWorkspace())?.bases[0]?.text).toBe('my saved line');
  await page.getByTestId('share-button').click();
  const link = await page.getByTestId('share-link').inputValue();

  await page.goto(link.slice(0, link.length - 10));
  await app.waitForWorkspaceLoaded();
  await expect(page.getByTestId('workspace-notice')).toContainText(
    'This share link is damaged or incomplete',
  );
  await expect(app.kbInput).toHaveValue('my saved line');
  await expect(page.getByTestId('kb-select').locator('option')).toHaveCount(1);
});

test('a knowledge base too large for a link offers the JSON file instead', async ({ app, page }) => {
  await app.goto();
  // Random-looking lines compress badly, so the link grows past the limit.
  const lines = Array.from(
    { length: 600 },
    (_, i) =>
      `entry ${i} ${Math.sin(i + 1)
        .toString(36)
        .slice(2)}`,
  );
  await app.replaceKnowledgeBase(lines);
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-too-long')).toContainText('too large for a link');
  const [download] = await downloadsOf(page, 1, () => page.getByTestId('share-download-json').click());
  if (!download) throw new Error('no download');
  expect((JSON.parse(await text(download)) as unknown[]).length).toBe(600);
});
