import { expect, test } from '../fixtures';

const EXAMPLE_FIRST_LINE = '苹果是一种很好吃的水果';

test('an entry over the character limit is reported by its line, highlighted and scrolled into view, and older results are dimmed', async ({
  app,
  page,
}) => {
  await app.goto();
  const limits = (await app.health()).limits;
  if (!limits) throw new Error('/api/health gives no limits');
  await app.search();
  await expect(page.getByTestId('result-list')).toHaveAttribute('data-stale', 'false');

  // Line 40 (blank lines counted as the user sees them) is one character too long.
  const lines = Array.from({ length: 45 }, (_, i) => (i % 3 === 0 ? '' : `entry on line ${i + 1}`));
  lines[39] = 'x'.repeat(limits.maxCharsPerText + 1);
  await app.replaceKnowledgeBase(lines);
  const searches = app.countSearchRequests();
  await app.searchButton.click();

  await expect(app.formMessage).toContainText('Line 40');
  await expect(page.getByTestId('kb-line-highlight')).toHaveAttribute('data-line', '40');
  await expect(page.getByTestId('result-list')).toHaveAttribute('data-stale', 'true');
  expect(searches.count).toBe(0);
  // The highlighted line lies within the visible part of the text box.
  const [box, mark] = await Promise.all([
    app.kbInput.boundingBox(),
    page.getByTestId('kb-line-highlight').boundingBox(),
  ]);
  expect(mark && box && mark.y >= box.y && mark.y + mark.height <= box.y + box.height).toBe(true);
});

test('a line holding only invisible characters is a blank line: not counted and not sent', async ({
  app,
}) => {
  await app.goto();
  await app.setKnowledgeBase(['苹果', '\u200B', '\uFEFF', '香蕉'].join('\n'));
  await expect(app.kbCount).toContainText('2 entries');
  const outcome = await app.search();
  expect(outcome.request.knowledgeBase).toEqual(['苹果', '香蕉']);
  expect(outcome.status).toBe(200);
  await expect(app.resultRows).toHaveCount(2);
});

test('restoring the example offers Undo, which brings back exactly the previous text', async ({
  app,
  page,
}) => {
  await app.goto();
  const mine = 'my own line one\nmy own line two';
  await app.setKnowledgeBase(mine);
  await page.getByTestId('kb-restore').click();
  await expect(app.kbInput).toHaveValue(new RegExp(`^${EXAMPLE_FIRST_LINE}`));
  await page.getByTestId('kb-undo-restore').click();
  await expect(app.kbInput).toHaveValue(mine);
});

test('Ctrl+Z after restoring the example brings back exactly the previous text, not a mixture', async ({
  app,
  page,
}) => {
  await app.goto();
  const mine = 'my own line one\nmy own line two';
  await app.setKnowledgeBase(mine);
  await page.getByTestId('kb-restore').click();
  await expect(app.kbInput).toHaveValue(new RegExp(`^${EXAMPLE_FIRST_LINE}`));
  await app.kbInput.press('Control+z');
  await expect(app.kbInput).toHaveValue(mine);
});
