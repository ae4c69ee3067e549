import { expect, test } from '../fixtures';

test('a reload keeps the knowledge base, the query and the options', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase(['第一条', '第二条, with a comma']);
  await app.setQuery('我的问题');
  await app.setOptions({ topK: 3, threshold: '0.25' });
  await expect.poll(async () => (await app.storedWorkspace())?.options.threshold).toBe('0.25');
  await app.waitForSaved();

  await page.reload();
  await app.waitForWorkspaceLoaded();
  await expect(app.kbInput).toHaveValue('第一条\n第二条, with a comma');
  await expect(app.queryInput).toHaveValue('我的问题');
  await expect(app.topKInput).toHaveValue('3');
  await expect(app.thresholdInput).toHaveValue('0.25');
});

test('a new page in the same browser profile opens the saved knowledge base', async ({
  app,
  page,
  context,
}) => {
  await app.goto();
  await app.setKnowledgeBase('kept across pages');
  await expect.poll(async () => (await app.storedWorkspace())?.bases[0]?.text).toBe('kept across pages');
  await page.close();

  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('kb-input')).toHaveValue('kept across pages');
});

test('named knowledge bases can be created, renamed and switched, each keeping its own text', async ({
  app,
  page,
}) => {
  await app.goto();
  await app.setKnowledgeBase('first base line');
  await page.getByTestId('kb-new').click();
  await expect(app.kbInput).toHaveValue('');
  await app.setKnowledgeBase('second base line');

  await page.getByTestId('kb-rename').click();
  await page.getByTestId('kb-rename-input').fill('水果');
  await page.getByTestId('kb-rename-save').click();
  await expect(page.getByTestId('kb-select').locator('option:checked')).toHaveText('水果');

  await page.getByTestId('kb-select').selectOption({ label: 'My knowledge base' });
  await expect(app.kbInput).toHaveValue('first base line');
  await page.getByTestId('kb-select').selectOption({ label: '水果' });
  await expect(app.kbInput).toHaveValue('second base line');

  await expect
    .poll(async () => (await app.storedWorkspace())?.bases.map((b) => b.name))
    .toEqual(['My knowledge base', '水果']);
  await page.reload();
  await app.waitForWorkspaceLoaded();
  await expect(app.kbInput).toHaveValue('second base line');
});

test('deleting a knowledge base asks first, and keeping it changes nothing', async ({ app, page }) => {
  await app.goto();
  await page.getByTestId('kb-new').click();
  await app.setKnowledgeBase('to be deleted');

  await page.getByTestId('kb-delete').click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete “New knowledge base”');
  await page.getByTestId('kb-delete-cancel').click();
  await expect(app.kbInput).toHaveValue('to be deleted');

  await page.getByTestId('kb-delete').click();
  await page.getByTestId('kb-delete-confirm').click();
  await expect(page.getByTestId('kb-select').locator('option')).toHaveCount(1);
  await expect(app.kbInput).toHaveValue(/苹果是一种很好吃的水果/);
});

test('a full browser storage is reported, and the text stays on the page', async ({ app, page }) => {
  // IndexedDB refuses every write the way a full disk quota does.
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await app.goto();
  await app.setKnowledgeBase('this line cannot be saved');
  await expect(page.getByTestId('kb-save-problem')).toContainText("The browser's storage is full");
  await expect(app.kbInput).toHaveValue('this line cannot be saved');
});

test('a reload keeps the dimensions, the instruction and the long-entries choice', async ({ app, page }) => {
  await app.goto();
  await page.getByTestId('dimensions-select').selectOption('32');
  await page.getByTestId('instruction-select').selectOption('question-answering');
  await page.getByTestId('long-entries-select').selectOption('truncate');
  await expect
    .poll(async () => (await app.storedWorkspace())?.options)
    .toMatchObject({
      knobs: { dimensions: 32, instruction: { preset: 'question-answering' } },
      longEntries: 'truncate',
    });
  await page.reload();
  await app.waitForWorkspaceLoaded();
  await expect(page.getByTestId('dimensions-select')).toHaveValue('32');
  await expect(page.getByTestId('instruction-select')).toHaveValue('question-answering');
  await expect(page.getByTestId('long-entries-select')).toHaveValue('truncate');
});
