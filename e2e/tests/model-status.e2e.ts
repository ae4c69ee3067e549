import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../lib/schemas';
import { test } from '../fixtures';

test('the page names the model, dtype and device that answer', async ({ app }) => {
  await app.goto();
  const health = await app.health();
  assert.equal(health.status, 'ready');
  assert.ok(health.model && health.device);
  const status = (await app.modelStatus.textContent()) ?? '';
  for (const part of [health.model.id, health.model.dtype, health.device]) {
    assert.ok(status.includes(part), `"${status}" names ${part}`);
  }
  const outcome = await app.search();
  assert.ok(outcome.result);
  const meta = (await app.page.getByTestId('search-meta').textContent()) ?? '';
  assert.ok(meta.includes(outcome.result.model.id) && meta.includes(outcome.result.device), meta);
  // The page shows its own search's timings; the shared cache's counts stay private (REPORT_CACHE_STATS).
  assert.match(meta, /total \(embedding/);
  assert.doesNotMatch(meta, /cached/i);
});

test('the random test model is flagged by an amber banner', async ({ app }) => {
  await app.goto();
  const health = await app.health();
  assert.equal(health.model?.isTestModel, true, 'the e2e server runs the generated test model');
  await app.testModelBanner.waitFor();
  const text = (await app.testModelBanner.textContent()) ?? '';
  assert.match(text, /random weights/);
  assert.match(text, /npm run model:pull/);
  assert.equal(await app.healthError.count(), 0);
});

// The two states below cannot be produced on demand by a healthy test server, so the browser is
// handed the health answers the server gives in those states (the body shape is lib/schemas.ts's;
// there is no queue before the model is loaded).
const SERVER_STATE = {
  workerRestarts: 0,
  limits: DEFAULT_LIMITS,
};

test('while the model loads the status says "Loading model…"', async ({ app, page }) => {
  await page.route('**/api/health', (route) =>
    route.fulfill({ status: 503, json: { status: 'loading', ...SERVER_STATE } }),
  );
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  assert.match((await app.modelStatus.textContent()) ?? '', /Loading model…/);
  assert.equal(await app.healthError.count(), 0);
});

test('a model that failed to load is reported in a red banner with the server’s message, without file paths', async ({
  app,
  page,
}) => {
  const message = 'Model file not found: /srv/app/models/missing/config.json';
  await page.route('**/api/health', (route) =>
    route.fulfill({ status: 503, json: { status: 'error', message, ...SERVER_STATE } }),
  );
  await page.goto('/');
  await app.healthError.waitFor();
  assert.equal(await app.healthError.getAttribute('role'), 'alert');
  const shown = (await app.healthError.textContent()) ?? '';
  assert.ok(shown.includes('Model file not found'), shown);
  assert.ok(!shown.includes('/srv/app') && !shown.includes('config.json'), shown);
  assert.match((await app.modelStatus.textContent()) ?? '', /unavailable/i);
});
