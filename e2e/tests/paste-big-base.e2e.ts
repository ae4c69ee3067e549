/**
 * Pasting a 10,000-line base (issue 9, "big bases"): a real clipboard paste (Ctrl+V) in Chromium
 * counts every line. The long tasks the paste causes and the time until the count shows are logged
 * for the README ("Big knowledge bases"), not asserted: benchmarks measure speed, tests behaviour.
 */
import { expect, test } from '../fixtures';

/** 10,000 short lines, about 20 tokens each, like the big-base search test's. */
const BIG = Array.from(
  { length: 10_000 },
  (_, i) => `Entry ${i} is about apples, trains and the weather, number ${i * 31}.`,
);

test('a 10,000-line base pasted with Ctrl+V is counted in full', async ({ app, page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.goto();
  await page.evaluate((text) => navigator.clipboard.writeText(text), BIG.join('\n'));
  await page.evaluate(() => {
    const tasks: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    Object.assign(window, { __longTasks: tasks });
  });
  await app.kbInput.click();
  await page.keyboard.press('ControlOrMeta+A');
  const started = await page.evaluate(() => performance.now());
  await page.keyboard.press('ControlOrMeta+V');
  await expect(app.kbCount).toContainText('10,000 entries', { timeout: 60_000 });
  const countedMs = (await page.evaluate(() => performance.now())) - started;
  await app.waitForSaved();
  await page.waitForTimeout(1_000); // let late work (saving, line overlays) show up as long tasks too
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  console.log(
    `paste of 10,000 lines: count shown after ${Math.round(countedMs)} ms; long tasks (ms): ${tasks
      .map((ms) => Math.round(ms))
      .join(', ')}`,
  );
});
