/**
 * The `test` every browser test imports: Playwright's, plus
 * - `app`: the search screen's page object (e2e/pages/search-page.ts);
 * - `saveScreenshot(name)`: saves a full-page PNG to e2e/screenshots/<name>.png, for people to look at;
 * - a check that fails the test when the page threw an uncaught error, even if every assertion held.
 * Each test gets a fresh browser context (Playwright's default), so no state leaks between tests.
 */
import path from 'node:path';
import { test as base } from '@playwright/test';
import { SearchPage } from './pages/search-page';

export { expect } from '@playwright/test';

const SCREENSHOT_DIR = path.join(import.meta.dirname, 'screenshots');

interface Fixtures {
  app: SearchPage;
  saveScreenshot: (name: string) => Promise<string>;
  failOnPageError: undefined;
}

export const test = base.extend<Fixtures>({
  app: async ({ page }, use) => {
    await use(new SearchPage(page));
  },
  saveScreenshot: async ({ page }, use) => {
    await use(async (name) => {
      const target = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: target, fullPage: true });
      return target;
    });
  },
  failOnPageError: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(undefined);
      if (errors.length > 0) throw new Error(`uncaught error(s) in the page: ${errors.join(' | ')}`);
    },
    { auto: true },
  ],
});
