/** Light and dark themes (issue 9): the system's by default, a Theme switch, remembered in a cookie. */
import { expect, test } from '../fixtures';
import { backgroundLightness } from '../pages/page-controls';

const THEME_COOKIE = 'semantic-radar-theme';

test.describe('in a dark system theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the page is dark until a theme is chosen', async ({ app, page }) => {
    await app.goto();
    await expect(page.getByLabel('Theme')).toHaveValue('system');
    expect(await backgroundLightness(page.locator('body'))).toBeLessThan(64);
    expect(await backgroundLightness(page.locator('header'))).toBeLessThan(64);
  });

  test('choosing Light makes the page light although the system is dark', async ({ app, page }) => {
    await app.goto();
    await page.getByLabel('Theme').selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await backgroundLightness(page.locator('body'))).toBeGreaterThan(192);
  });
});

test.describe('in a light system theme', () => {
  test.use({ colorScheme: 'light' });

  test('the page is light until a theme is chosen', async ({ app, page }) => {
    await app.goto();
    expect(await backgroundLightness(page.locator('body'))).toBeGreaterThan(192);
  });

  test('choosing Dark darkens the page and the charts', async ({ app, page }) => {
    await app.goto();
    await app.search();
    await page.getByLabel('Theme').selectOption('dark');
    expect(await backgroundLightness(page.locator('body'))).toBeLessThan(64);
    await app.vectorToggle.click();
    const grid = page.getByTestId('vector-chart').locator('.recharts-cartesian-grid line').first();
    // The grid line is drawn in a theme colour: it changes when the theme does.
    const darkStroke = await grid.evaluate((line) => getComputedStyle(line).stroke);
    await page.getByLabel('Theme').selectOption('light');
    expect(await grid.evaluate((line) => getComputedStyle(line).stroke)).not.toBe(darkStroke);
  });

  test('a chosen theme is remembered in a cookie and is in the first HTML after a reload', async ({
    app,
    page,
    context,
  }) => {
    await app.goto();
    await page.getByLabel('Theme').selectOption('dark');
    expect((await context.cookies()).find((cookie) => cookie.name === THEME_COOKIE)?.value).toBe('dark');
    const response = await page.reload();
    // The server's own HTML carries the theme, so the first paint is dark with no light flash.
    const html = (await response?.text()) ?? '';
    expect(html).toMatch(/<html[^>]* data-theme="dark"/);
    expect(html).toContain('<meta name="color-scheme" content="dark"/>');
    await expect(page.getByLabel('Theme')).toHaveValue('dark');
    expect(await backgroundLightness(page.locator('body'))).toBeLessThan(64);
  });

  test('choosing System again forgets the remembered theme', async ({ app, page, context }) => {
    await app.goto();
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByLabel('Theme').selectOption('system');
    expect((await context.cookies()).some((cookie) => cookie.name === THEME_COOKIE)).toBe(false);
    expect(await backgroundLightness(page.locator('body'))).toBeGreaterThan(192);
  });
});

test.describe('on a Chinese page', () => {
  test.use({ locale: 'zh-CN' });

  test('the theme switch is labelled and offered in Chinese', async ({ app, page }) => {
    await app.goto();
    const select = page.getByLabel('主题');
    await expect(select).toBeVisible();
    await expect(select.locator('option')).toHaveText(['跟随系统', '浅色', '深色']);
  });
});
