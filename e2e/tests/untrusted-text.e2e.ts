import assert from 'node:assert/strict';
import { test } from '../fixtures';

const HOSTILE = ['<img src=x onerror="window.__xss=1">', '</script><b>bold</b>'];

test('entries that look like HTML render literally and run no script', async ({ app, page }) => {
  await app.goto();
  await app.setKnowledgeBase([...HOSTILE, '普通的一行']);
  await app.setQuery('<b>query</b>');
  const outcome = await app.search();
  assert.ok(outcome.result);
  await page.waitForTimeout(300); // an injected <img> would have fired onerror by now

  const texts = await app.page.getByTestId('result-text').allTextContents();
  for (const entry of HOSTILE) assert.ok(texts.includes(entry), `"${entry}" is shown literally`);
  assert.equal(await app.resultRows.locator('img').count(), 0);
  assert.equal(await app.resultRows.locator('b').count(), 0);
  assert.equal(await page.evaluate(() => (window as { __xss?: unknown }).__xss), undefined);
});

test('the page runs under a nonce-only script policy: no script is refused and it hydrates', async ({
  app,
  page,
}) => {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto('/');
  const policy = (await response?.headerValue('content-security-policy')) ?? '';
  assert.match(policy, /script-src 'self' 'nonce-[^']+'/);
  assert.doesNotMatch(policy.split(';').find((d) => d.includes('script-src')) ?? '', /unsafe-inline/);
  // Only a hydrated page answers the search button with results.
  const outcome = await app.search();
  assert.ok(outcome.result);
  assert.deepEqual(refused, []);
});
