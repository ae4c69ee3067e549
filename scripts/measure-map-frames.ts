/**
 * Measures how responsive the page stays with the teaching views open on a large knowledge base:
 * searches a 2,000-entry base, opens every teaching panel, then scrolls the page over the map with
 * the mouse wheel (hovering points on the way) and reports the longest frame (time between two
 * animation frames) while opening the panels and while scrolling.
 *
 *   npx tsx scripts/measure-map-frames.ts                # against http://127.0.0.1:3000
 *   BASE_URL=http://127.0.0.1:3309 npx tsx scripts/measure-map-frames.ts --entries 2000
 *
 * Needs a running server (npm start) and Debian's Chromium. A measurement, not a test: run it by hand.
 */
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '2000' } } });
const ENTRIES = Number(values.entries);
const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const TOPICS = ['fruit', 'weather', 'travel', 'sport', 'music', 'cooking', 'history', 'science'];

function knowledgeBase(n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) =>
      `Note ${i + 1} about ${TOPICS[i % TOPICS.length]}: item ${(i * 7919) % 10_007} in the ${i % 13}th list`,
  );
}

/**
 * Records the gaps between animation frames until `stopFrameRecorder`. Passed as a string: a
 * transpiler may wrap a function's inner named functions in helpers that do not exist in the page.
 */
const RECORDER = `(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const REPORT = `(() => {
  window.__stop = true;
  const frames = window.__frames;
  return { frames: frames.length, longestMs: Math.round(Math.max(0, ...frames)), over50: frames.filter((f) => f > 50).length };
})()`;

async function startFrameRecorder(page: Page) {
  await page.evaluate(RECORDER);
}

async function stopFrameRecorder(page: Page): Promise<{ frames: number; longestMs: number; over50: number }> {
  return page.evaluate(REPORT);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(BASE_URL);
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="model-status"]')?.textContent?.includes('Loading model'),
  );
  await page.getByTestId('kb-input').evaluate((element, value) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, knowledgeBase(ENTRIES).join('\n'));
  await page.getByTestId('query-input').fill('a note about fresh fruit');
  const searchStarted = Date.now();
  await page.getByTestId('search-button').click();
  await page.getByTestId('teaching-views').waitFor({ timeout: 600_000 });
  console.log(
    `search with explain on ${ENTRIES} entries: ${Date.now() - searchStarted} ms (embedding included)`,
  );

  // One panel at a time, so each one's cost shows.
  for (const id of ['map', 'heatmap', 'tokens', 'facts']) {
    await startFrameRecorder(page);
    await page.getByTestId(`${id}-toggle`).click();
    if (id === 'map')
      await page
        .getByTestId('map-point')
        .nth(ENTRIES - 1)
        .waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    const opening = await stopFrameRecorder(page);
    console.log(`opening the ${id} panel: ${opening.frames} frames, longest ${opening.longestMs} ms`);
  }

  const chart = page.getByTestId('map-chart');
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  await startFrameRecorder(page);
  for (let step = 0; step < 60; step++) {
    if (box)
      await page.mouse.move(box.x + 40 + ((step * 17) % Math.max(1, box.width - 80)), box.y + box.height / 2);
    await page.mouse.wheel(0, step < 30 ? 120 : -120);
    await page.waitForTimeout(30);
  }
  const scrolling = await stopFrameRecorder(page);
  console.log(
    `scrolling over the map: ${scrolling.frames} frames, longest ${scrolling.longestMs} ms, ${scrolling.over50} over 50 ms`,
  );
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
