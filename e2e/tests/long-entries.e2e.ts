import { expect, test } from '../fixtures';

/** Deterministic text of `length` CJK characters spread over the block, so it tokenises to many tokens. */
function manyTokens(length: number): string {
  return Array.from({ length }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join('');
}

test('a very long entry shows a few lines with "Show more", and expands on request', async ({ app }) => {
  await app.goto();
  const long = `${'a long entry about apples and pears, '.repeat(110)}end`; // ≈ 4,000 characters
  await app.replaceKnowledgeBase([long, 'short entry about pears']);
  await app.setQuery('apples and pears');
  await app.search();
  const row = app.resultRows.filter({ hasText: 'a long entry' });
  const clamped = await row.boundingBox();
  expect(clamped?.height).toBeLessThan(300);
  const other = app.resultRows.filter({ hasText: 'short entry' });
  await expect(other).toBeInViewport();

  await row.getByTestId('result-show-more').click();
  await expect(row.getByTestId('result-show-more')).toHaveAttribute('aria-expanded', 'true');
  expect((await row.boundingBox())?.height).toBeGreaterThan(600);
});

test('an entry cut at the model’s token limit is marked on its row', async ({ app }) => {
  // One 8,192-token sequence through the model (attention grows with its square): slow on a busy CPU.
  test.setTimeout(180_000);
  await app.goto();
  const health = await app.health();
  const maxTokens = health.model?.maxTokens ?? 0;
  const limit = health.limits?.maxCharsPerText ?? 0;
  expect(limit).toBeGreaterThan(maxTokens); // one character is at least one token here
  await app.replaceKnowledgeBase([manyTokens(Math.min(limit, maxTokens * 2)), 'a short entry']);
  await app.setQuery('anything');
  // Windows (the default) read the whole entry; truncation is the mode that cuts it.
  await app.page.getByTestId('long-entries-select').selectOption('truncate');
  await app.search();
  const long = app.resultRows.filter({ has: app.page.getByTestId('result-truncated') });
  await expect(long).toHaveCount(1);
  await expect(long.getByTestId('result-truncated')).toHaveText(
    `Only the first ${maxTokens.toLocaleString('en-US')} tokens were read`,
  );
  await expect(
    app.resultRows.filter({ hasText: 'a short entry' }).getByTestId('result-truncated'),
  ).toHaveCount(0);
});

test('right-to-left entries are laid out right to left in the results', async ({ app }) => {
  await app.goto();
  await app.setKnowledgeBase(['مرحبا بالعالم، هذا سطر عربي', 'An English line']);
  await app.setQuery('مرحبا');
  await app.search();
  const arabic = app.resultRows.filter({ hasText: 'مرحبا' }).getByTestId('result-text');
  const english = app.resultRows.filter({ hasText: 'English' }).getByTestId('result-text');
  expect(await arabic.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
  expect(await english.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
});
