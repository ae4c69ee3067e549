/**
 * The README's pictures of the teaching views (docs/teaching-*.png), at desktop and phone width:
 *
 *   BASE_URL=http://127.0.0.1:3000 npx tsx scripts/teaching-screenshots.ts
 *
 * Needs a running server and Debian's Chromium, and `apt-get install -y fonts-noto-cjk` for the
 * Chinese entries (without it Chromium draws boxes).
 */
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const OUT = path.join(import.meta.dirname, '..', 'docs');
const KNOWLEDGE_BASE = [
  '苹果是一种很好吃的水果',
  '香蕉富含钾元素,有助于肌肉恢复',
  '我想吃点东西',
  '今天北京天气晴朗,气温25度',
  'The capital of China is Beijing.',
  'Gravity attracts two bodies towards each other.',
  '明天上海有小雨',
  'Oranges are rich in vitamin C.',
  '我饿了,想吃饭',
  'The weather in Paris is mild today.',
];
const PANELS = ['map', 'heatmap', 'tokens', 'facts'] as const;

async function searchAndOpen(page: Page) {
  await page.goto(BASE_URL);
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="model-status"]')?.textContent?.includes('Loading model'),
  );
  await page.getByTestId('kb-input').fill(KNOWLEDGE_BASE.join('\n'));
  await page.getByTestId('query-input').fill('我想吃点东西');
  await page.getByTestId('search-button').click();
  await page.getByTestId('teaching-views').waitFor();
  for (const id of PANELS) await page.getByTestId(`${id}-toggle`).click();
  await page.getByTestId('map-point').first().waitFor();
  await page.getByTestId('window-chart').locator('.recharts-bar-rectangle').first().waitFor();
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });

  const desktop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await searchAndOpen(desktop);
  for (const id of PANELS) {
    await desktop.getByTestId(`${id}-panel`).screenshot({ path: path.join(OUT, `teaching-${id}.png`) });
  }
  // The knobs: 32 dimensions, and how the ranking moved.
  await desktop.getByLabel('Dimensions').selectOption('32');
  await desktop.getByTestId('rank-movement').waitFor();
  await desktop.locator('#semantic-query-heading').scrollIntoViewIfNeeded();
  const query = await desktop.locator('section[aria-labelledby="semantic-query-heading"]').boundingBox();
  const results = await desktop.locator('section[aria-labelledby="results-heading"]').boundingBox();
  if (query && results) {
    await desktop.screenshot({
      path: path.join(OUT, 'teaching-knobs.png'),
      fullPage: true,
      clip: { x: query.x, y: query.y, width: query.width, height: results.y + results.height - query.y },
    });
  }

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await searchAndOpen(phone);
  for (const id of ['map', 'tokens'] as const) {
    await phone.getByTestId(`${id}-panel`).screenshot({ path: path.join(OUT, `teaching-phone-${id}.png`) });
  }
  await browser.close();
  console.log(`screenshots written to ${OUT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
