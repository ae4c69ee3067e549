/**
 * Keyboard-only use (issue 9): Tab reaches every control with a visible focus ring, and the main flow
 * (type a base and a query, Ctrl+Enter, open a result's line) needs no mouse.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { openEveryDisclosure, tabTo, waitForCharts } from '../pages/page-controls';

/** What a keyboard user should be able to reach: every native control and every custom tab stop. */
const CONTROLS =
  'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** Numbers every visible, enabled control in document order and returns their descriptions. */
function markControls(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const controls = [...document.querySelectorAll<HTMLElement | SVGElement>(selector)].filter(
      (element) =>
        !element.matches(':disabled') &&
        element.checkVisibility({ visibilityProperty: true }) &&
        element.getClientRects().length > 0,
    );
    return controls.map((element, index) => {
      element.setAttribute('data-keyboard-stop', String(index));
      const name = element.getAttribute('aria-label') ?? element.textContent ?? '';
      return `${element.tagName.toLowerCase()} ${element.getAttribute('data-testid') ?? ''} "${name.trim().slice(0, 40)}"`;
    });
  }, CONTROLS);
}

interface Stop {
  id: string | null;
  description: string;
  focusVisible: boolean;
}

/** The element that has the focus: its number, and whether a focus ring (outline, ring or stroke) shows. */
function focusedStop(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { id: null, description: 'body', focusVisible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== 'none';
    // A map point draws its focus as a thicker outline on its shape.
    const shape = element instanceof SVGElement ? element.firstElementChild : null;
    const stroke = shape ? Number.parseFloat(getComputedStyle(shape).strokeWidth) >= 3 : false;
    return {
      id: element.getAttribute('data-keyboard-stop'),
      description: element.outerHTML.slice(0, 120),
      focusVisible: element.matches(':focus-visible') && (outline || ring || stroke),
    };
  });
}

test('Tab reaches every control of the page with results and panels open, each with a visible focus', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await app.goto();
  await app.search();
  await openEveryDisclosure(page);
  await waitForCharts(page);
  const controls = await markControls(page);
  // The controls this test must not miss, whatever else the page grows.
  for (const testId of [
    'theme-switch',
    'language-switch',
    'kb-import',
    'kb-input',
    'query-input',
    'search-button',
  ]) {
    expect(controls.some((control) => control.includes(` ${testId} `))).toBe(true);
  }

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Set<string>();
  const withoutRing: string[] = [];
  for (let presses = 0; presses < controls.length * 2 + 20; presses++) {
    await page.keyboard.press('Tab');
    const stop = await focusedStop(page);
    if (stop.id !== null && reached.has(stop.id)) break; // wrapped round to the top
    if (stop.id !== null) reached.add(stop.id);
    if (stop.description !== 'body' && !stop.focusVisible) withoutRing.push(stop.description);
  }
  const missed = controls.filter((_, index) => !reached.has(String(index)));
  expect(missed, 'controls Tab never reached').toEqual([]);
  expect(withoutRing, 'controls focused without a visible focus ring').toEqual([]);
});

test('a base and a query typed by keyboard are searched with Ctrl+Enter, and a result opens its line', async ({
  app,
  page,
}) => {
  const lines = ['Apples are a sweet fruit', 'Trains run on rails', 'It will rain tomorrow'];
  await app.goto();
  await tabTo(page, app.kbInput);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(lines.join('\n'));
  await expect(app.kbCount).toContainText('3 entries');
  await tabTo(page, app.queryInput);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(lines[1] ?? '');

  const request = app.waitForSearchRequest();
  await page.keyboard.press('Control+Enter');
  expect((await request).postDataJSON()).toMatchObject({ query: lines[1], knowledgeBase: lines });
  await app.waitForSettled();

  const top = app.resultRows.first();
  await expect(top.getByTestId('result-text')).toHaveText(lines[1] ?? '');
  await tabTo(page, top.getByTestId('result-line'));
  await page.keyboard.press('Enter');
  const selected = await app.kbInput.evaluate((element) => {
    const textarea = element as HTMLTextAreaElement;
    return textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
  });
  expect(selected).toBe(lines[1]);
});
