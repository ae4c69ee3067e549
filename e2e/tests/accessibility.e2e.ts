/**
 * The axe-core audit (issue 9): the main page with results and every panel open, in both languages
 * and both themes, has no serious or critical violations. A failure prints each violation with the
 * elements it found, so the fix can start from the message.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { backgroundLightness, openEveryDisclosure, waitForCharts } from '../pages/page-controls';

const BLOCKING_IMPACTS: readonly string[] = ['serious', 'critical'];

async function blockingViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => BLOCKING_IMPACTS.includes(violation.impact ?? ''))
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), why: node.failureSummary })),
    }));
}

const LANGUAGES = [
  { locale: 'en-US', htmlLang: 'en' },
  { locale: 'zh-CN', htmlLang: 'zh-CN' },
] as const;

for (const { locale, htmlLang } of LANGUAGES) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test.describe(`${locale} in a ${colorScheme} system theme`, () => {
      test.use({ locale, colorScheme });

      test('the page with results and every panel open has no serious or critical axe violations', async ({
        app,
        page,
      }) => {
        await app.goto();
        // The audit must see the language and theme it is named for.
        await expect(page.locator('html')).toHaveAttribute('lang', htmlLang);
        const lightness = await backgroundLightness(page.locator('body'));
        expect(colorScheme === 'dark' ? lightness < 64 : lightness > 192).toBe(true);

        await app.search();
        await openEveryDisclosure(page);
        await waitForCharts(page);
        const violations = await blockingViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      });
    });
  }
}

test('the file import is one control in the accessibility tree', async ({ app, page }) => {
  await app.goto();
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: { ignored: boolean; name?: { value?: string }; role?: { value?: string } }[];
  };
  // Text runs (StaticText, InlineTextBox) carry the button's words too; they are not controls.
  const importControls = nodes.filter(
    (node) =>
      !node.ignored &&
      !['StaticText', 'InlineTextBox'].includes(String(node.role?.value)) &&
      /import a file/i.test(String(node.name?.value ?? '')),
  );
  expect(importControls.map((node) => `${node.role?.value}: ${node.name?.value}`)).toEqual([
    'button: Import a file…',
  ]);
});
