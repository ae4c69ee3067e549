import { MAX_PAGE_ENTRIES } from '../../lib/chunked-search';
import { expect, test } from '../fixtures';

// A server that goes away, or is still loading, cannot be produced on demand by the shared test
// server: the browser's requests are refused (as a stopped server refuses them) or answered with the
// health body a loading server sends (its shape is lib/schemas.ts's).

test('the status turns red at once when a search cannot reach the server', async ({ app, page }) => {
  await app.goto();
  await expect(app.modelStatus).toHaveAttribute('data-state', 'ready');
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await app.searchButton.click();
  await expect(app.searchError).toContainText('Could not reach the server');
  // Well before the 30 s poll a ready page otherwise waits for.
  await expect(app.modelStatus).toHaveAttribute('data-state', 'unreachable', { timeout: 3_000 });
  await expect(app.modelStatus).toContainText('Server unreachable');
});

test('the status recovers by itself when the server answers again', async ({ app, page }) => {
  await app.goto();
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await app.searchButton.click();
  await expect(app.modelStatus).toHaveAttribute('data-state', 'unreachable', { timeout: 3_000 });
  await page.unrouteAll();
  await expect(app.modelStatus).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });
  await expect(app.healthError).toHaveCount(0);
});

test('while the model loads Search is marked unavailable with the reason, and searches by itself once ready', async ({
  app,
  page,
}) => {
  await app.mockHealth('loading');
  await page.goto('/');
  await expect(app.modelStatus).toHaveAttribute('data-state', 'loading');
  await expect(app.searchButton).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('search-blocked-reason')).toContainText('still loading');

  const searches = app.countSearchRequests();
  await app.queryInput.press('Enter'); // Playwright will not click an aria-disabled button; a person can
  await expect(page.getByTestId('search-waiting')).toBeVisible();
  expect(searches.count).toBe(0);

  const requestPromise = app.waitForSearchRequest();
  await page.unroute('**/api/health');
  await requestPromise;
  await app.waitForSettled();
  await expect(app.resultRows.first()).toBeVisible();
});

test('a search refused because the model is loading waits for the next health check, then runs once', async ({
  app,
  page,
}) => {
  await app.goto();
  let sent = 0;
  await page.route('**/api/search', async (route) => {
    sent += 1;
    if (sent > 1) return route.continue();
    await route.fulfill({
      status: 503,
      headers: { 'Retry-After': '2' },
      json: {
        error: { code: 'model_loading', message: 'The model is still loading; retry in a few seconds' },
      },
    });
  });
  // Hold health checks until the waiting state has been seen: on a ready server the next check can
  // answer so soon that the state is gone before it can be looked at.
  let releaseHealth = () => {};
  const healthHeld = new Promise<void>((resolve) => {
    releaseHealth = resolve;
  });
  await page.route('**/api/health', async (route) => {
    await healthHeld;
    await route.continue();
  });
  await app.searchButton.click();
  await expect(page.getByTestId('search-waiting')).toBeVisible();
  expect(sent).toBe(1);
  releaseHealth();
  await app.waitForSettled();
  await expect(app.resultRows.first()).toBeVisible();
  expect(sent).toBe(2);
});

test('a 429 shows when the server will have room and retries once by itself', async ({ app, page }) => {
  await app.goto();
  let refused = 0;
  await page.route('**/api/search', async (route) => {
    if (refused > 0) return route.continue();
    refused += 1;
    await route.fulfill({
      status: 429,
      headers: { 'Retry-After': '2' },
      json: { error: { code: 'queue_full', message: 'The server is busy; retry shortly' } },
    });
  });
  await app.searchButton.click();
  await expect(page.getByTestId('search-retry')).toContainText('busy');
  await expect(page.getByTestId('search-retry-seconds')).toHaveText('2 s');
  await expect(page.getByTestId('search-wait-cancel')).toBeVisible();
  await app.waitForSettled();
  await expect(app.resultRows.first()).toBeVisible();
  expect(refused).toBe(1);
});

test('Cancel during a 429 countdown stops the retry', async ({ app, page }) => {
  await app.goto();
  await page.route('**/api/search', (route) =>
    route.fulfill({
      status: 429,
      headers: { 'Retry-After': '3' },
      json: { error: { code: 'queue_full', message: 'The server is busy; retry shortly' } },
    }),
  );
  await app.searchButton.click();
  await page.getByTestId('search-wait-cancel').click();
  await expect(page.getByTestId('search-cancelled')).toBeVisible();
  const searches = app.countSearchRequests();
  await page.waitForTimeout(3_500); // past the Retry-After: nothing may be sent
  expect(searches.count).toBe(0);
});

test('the entry count shows the server limits and warns while typing past them', async ({ app, page }) => {
  await app.goto();
  const limits = (await app.health()).limits;
  if (!limits) throw new Error('/api/health gives no limits');
  // Past the server's MAX_INPUTS the page sends the base in parts; its own limit is MAX_PAGE_ENTRIES.
  await expect(app.kbCount).toContainText(`of at most ${MAX_PAGE_ENTRIES.toLocaleString('en-US')}`);
  await expect(page.getByTestId('kb-limits')).toContainText(limits.maxCharsPerText.toLocaleString('en-US'));
  await app.replaceKnowledgeBase(Array.from({ length: MAX_PAGE_ENTRIES + 1 }, (_, i) => `entry ${i}`));
  await expect(page.getByTestId('kb-limit-warning')).toContainText(/split/i);
});

test('a knowledge base over the entry limit is refused before sending, saying the limit and what to do', async ({
  app,
}) => {
  await app.goto();
  const limits = (await app.health()).limits;
  if (!limits) throw new Error('/api/health gives no limits');
  await app.replaceKnowledgeBase(Array.from({ length: MAX_PAGE_ENTRIES + 1 }, (_, i) => `entry ${i}`));
  const searches = app.countSearchRequests();
  await app.searchButton.click();
  await expect(app.formMessage).toContainText(MAX_PAGE_ENTRIES.toLocaleString('en-US'));
  await expect(app.formMessage).toContainText(/split/i);
  expect(searches.count).toBe(0);
});

test('a server’s refusal of an entry names its line, never the field', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase(['first', '', 'second', 'third']);
  // The page never sends a blank entry, so the request is changed on its way: its third entry
  // becomes a zero-width space, which the real server refuses as `knowledgeBase[2]`.
  await page.route('**/api/search', (route) => {
    const body = route.request().postDataJSON() as { knowledgeBase: string[] };
    body.knowledgeBase[2] = '\u200B';
    return route.continue({ postData: JSON.stringify(body) });
  });
  await app.searchButton.click();
  await expect(app.searchError).toContainText('Line 4 is empty');
  await expect(app.searchError).not.toContainText('knowledgeBase');
  await expect(page.getByTestId('kb-line-highlight')).toHaveAttribute('data-line', '4');
});

test('a failed search dims the earlier results and says they are from before', async ({ app, page }) => {
  await app.goto();
  await app.search();
  await expect(page.getByTestId('result-list')).toHaveAttribute('data-stale', 'false');
  await page.route('**/api/search', (route) => route.abort('connectionrefused'));
  await app.searchButton.click();
  await expect(app.searchError).toBeVisible();
  await expect(page.getByTestId('result-list')).toHaveAttribute('data-stale', 'true');
  await expect(page.getByTestId('results-stale')).toContainText('last search failed');
});
