import { expect, test } from '../fixtures';

test.describe('on a 390-px phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, reducedMotion: 'reduce', hasTouch: true });

  test('the results are brought into view after a search', async ({ app, page }) => {
    await app.goto();
    const results = page.locator('#results');
    await expect(results).not.toBeInViewport();
    await app.search();
    await expect(page.getByRole('heading', { name: 'Results' })).toBeInViewport();
  });

  test('every control is at least 44 px tall', async ({ app, page }) => {
    await app.goto();
    await app.search();
    const controls = [
      app.queryInput,
      app.searchButton,
      app.topKInput,
      app.thresholdInput,
      page.getByTestId('kb-restore'),
      app.vectorToggle,
      page.getByTestId('score-explainer').locator('summary'),
      app.resultRows.first().getByTestId('result-line'),
    ];
    for (const control of controls) {
      const box = await control.boundingBox();
      expect(
        box?.height,
        await control.evaluate((element) => element.outerHTML.slice(0, 80)),
      ).toBeGreaterThanOrEqual(44);
    }
  });
});

test.describe('on a 1920-px screen', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('the knowledge base shows more than 12 rows', async ({ app }) => {
    await app.goto();
    const rows = await app.kbInput.evaluate((element) => {
      const style = getComputedStyle(element);
      const padding = Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom);
      return (element.clientHeight - padding) / Number.parseFloat(style.lineHeight);
    });
    expect(rows).toBeGreaterThan(12);
  });

  test('the panes spread over most of the screen, with the header aligned to them', async ({ app, page }) => {
    await app.goto();
    const main = await page.locator('main').boundingBox();
    const header = await page.locator('header > div').boundingBox();
    expect(main?.width).toBeGreaterThan(1_500);
    expect(header?.width).toBe(main?.width);
  });
});

test('Ctrl+Enter searches from the knowledge base and from the query', async ({ app }) => {
  await app.goto();
  for (const field of [app.kbInput, app.queryInput]) {
    const requestPromise = app.waitForSearchRequest();
    await field.press('Control+Enter');
    await requestPromise;
    await app.waitForSettled();
  }
  await expect(app.resultRows.first()).toBeVisible();
});

test('Esc cancels a running search', async ({ app, page }) => {
  await app.goto();
  // Hold the request back so the search is still running when Esc is pressed.
  await page.route('**/api/search', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue().catch(() => {});
  });
  await app.searchButton.click();
  await expect(app.cancelButton).toBeVisible();
  await app.queryInput.press('Escape');
  await expect(page.getByTestId('search-cancelled')).toBeVisible();
  await expect(app.searchButton).toHaveAttribute('aria-disabled', 'false');
});

test('the arrival of results is announced in a polite live region', async ({ app }) => {
  await app.goto();
  const announcer = app.liveAnnouncer;
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  await app.search();
  await expect(announcer).toHaveText(/Search finished: \d+ of \d+ results above the threshold/);
});

test('a search that cannot start is announced in the polite live region', async ({ app }) => {
  await app.goto();
  await app.setQuery('   ');
  await app.searchButton.click();
  await expect(app.liveAnnouncer).toHaveText('Type a query to search for.');
});
