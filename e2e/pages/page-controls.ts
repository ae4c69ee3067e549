/** Helpers for the accessibility tests: open every disclosure, walk the page with Tab, read colours. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Opens every <details> on the page, including those that appear inside one just opened. */
export async function openEveryDisclosure(page: Page): Promise<void> {
  for (let guard = 0; guard < 50; guard++) {
    const closed = page.locator('details:not([open]) > summary').filter({ visible: true });
    if ((await closed.count()) === 0) return;
    await closed.first().click();
  }
  throw new Error('the page kept showing closed disclosures');
}

/** Waits until the charts inside the opened panels have drawn (they load on first open). */
export async function waitForCharts(page: Page): Promise<void> {
  for (const id of ['vector-chart', 'map-chart']) {
    await expect(page.getByTestId(id).locator('svg.recharts-surface').first()).toBeVisible();
  }
}

/** Presses Tab until the locator has the focus (a keyboard user's way to reach it). */
export async function tabTo(page: Page, target: Locator, maxPresses = 300): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** The perceived lightness (0 black … 255 white) of an element's background, whatever colour syntax CSS uses. */
export function backgroundLightness(target: Locator): Promise<number> {
  return target.evaluate((element) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.fillStyle = getComputedStyle(element).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}
