import assert from 'node:assert/strict';
import { QUERY_PREVIEW_LENGTH } from '../../lib/schemas';
import { expect, test } from '../fixtures';

test('the vector panel opens and shows the query vector as 50 values and 50 bars', async ({
  app,
  saveScreenshot,
}) => {
  await app.goto();
  const health = await app.health();
  assert.ok(health.model, 'health names the model');
  const outcome = await app.search();
  assert.ok(outcome.result);
  const expectedCount = Math.min(QUERY_PREVIEW_LENGTH, health.model.dims);

  assert.equal(
    await app.vectorPanel.evaluate((el) => (el as HTMLDetailsElement).open),
    false,
    'starts closed',
  );
  await app.openVectorPanel();
  assert.equal(await app.vectorToggle.evaluate((el) => el.tagName), 'SUMMARY');

  assert.equal((await app.vectorDims.textContent())?.trim(), String(health.model.dims));
  const values = await app.vectorValues.locator('li').allTextContents();
  assert.equal(values.length, expectedCount);
  for (const [i, text] of values.entries()) {
    const expected = outcome.result.query.vector[i];
    assert.ok(expected !== undefined);
    assert.ok(text.endsWith(expected.toFixed(4)), `value ${i}: "${text}" shows ${expected.toFixed(4)}`);
  }
  await expect(async () =>
    assert.equal(await app.vectorChart.locator('.recharts-bar-rectangle').count(), expectedCount),
  ).toPass({ timeout: 10_000 });
  await app.page.waitForTimeout(600); // let the bars finish growing before the picture
  await saveScreenshot('vector-panel-open');
});

test('the vector panel opens with the keyboard', async ({ app, page }) => {
  await app.goto();
  await app.search();
  await app.vectorToggle.focus();
  await page.keyboard.press('Enter');
  await app.vectorDims.waitFor();
  assert.equal(await app.vectorPanel.evaluate((el) => (el as HTMLDetailsElement).open), true);
});
