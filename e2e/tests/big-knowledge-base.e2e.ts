import { MAX_PAGE_ENTRIES } from '../../lib/chunked-search';
import { expect, test } from '../fixtures';

const TOPICS = ['apples', 'trains', 'the weather', 'music', 'mathematics', '天气', '水果', '火车'];
/** 10,000 short lines of about 20 tokens each: about 200,000 tokens. */
const BIG = Array.from(
  { length: 10_000 },
  (_, i) =>
    `Entry ${i} is about ${TOPICS[i % TOPICS.length]} and ${TOPICS[(i * 7) % TOPICS.length]}, number ${i * 31}.`,
);

test('a 10,000-line knowledge base is searched in parts with one progress bar, and searching again is quick', async ({
  app,
  page,
}) => {
  test.setTimeout(600_000);
  await app.goto();
  const limits = (await app.health()).limits;
  expect(BIG.length).toBeGreaterThan(limits.maxInputs); // so it must go in parts
  await app.replaceKnowledgeBase(BIG);
  await expect(app.kbCount).toContainText(
    `10,000 entries of at most ${MAX_PAGE_ENTRIES.toLocaleString('en-US')}`,
  );
  await expect(page.getByTestId('kb-limit-warning')).toHaveCount(0);
  await app.setQuery('trains and music');

  const searches = app.countSearchRequests();
  let started = Date.now();
  await app.searchButton.click();
  await expect(app.searchProgress).toHaveCount(1);
  await app.waitForSettled(true);
  const firstMs = Date.now() - started;
  expect(searches.count).toBeGreaterThan(1);
  await expect(app.resultRows.first()).toBeVisible();

  await app.setQuery('apples and the weather');
  started = Date.now();
  await app.searchButton.click();
  await app.waitForSettled(true);
  const secondMs = Date.now() - started;
  // Recorded for the README, not asserted (benchmarks measure speed).
  console.log(
    `10,000-line base: first search ${firstMs} ms, second search ${secondMs} ms, ${searches.count} requests`,
  );
});

test('Cancel stops a search of a big knowledge base between its parts', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.goto();
  // A fresh text per run, so the vectors are not cached yet and the first part takes a while.
  const salt = Date.now().toString(36);
  await app.replaceKnowledgeBase(BIG.map((line) => `${line} ${salt}`));
  const searches = app.countSearchRequests();
  await app.searchButton.click();
  await expect(app.searchProgress).toBeVisible();
  await app.cancelButton.click();
  await expect(page.getByTestId('search-cancelled')).toBeVisible();
  const sent = searches.count;
  await page.waitForTimeout(2_000); // a further part would have been sent by now
  expect(searches.count).toBe(sent);
});
