/**
 * Browser tests (`npm run test:e2e`, also part of `npm test`): @playwright/test driving Debian's
 * Chromium. Playwright's own browser download cannot work offline, so nothing here asks for it.
 *
 * The server: when one already answers at BASE_URL (scripts/test-all.sh starts one that the API
 * tests share), the tests use it; otherwise `webServer` builds the app if there is no build yet
 * and starts it on the generated test model, then stops it at the end.
 *
 * To add tests, see e2e/README.md: a file e2e/tests/<topic>.e2e.ts that imports `test` from
 * e2e/fixtures.ts is picked up by this config.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { TEST_MODEL_DIR } from './server/model-files';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it with: apt-get install -y chromium`);
}

const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${process.env.TEST_PORT ?? 3217}`;

export default defineConfig({
  testDir: 'e2e/tests',
  testMatch: '**/*.e2e.ts',
  // One test at a time against one server: tests read its queue and two cores gain nothing.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  forbidOnly: true,
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['./e2e/count-reporter.ts']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 900 },
    screenshot: { mode: 'only-on-failure', fullPage: true },
    launchOptions: {
      executablePath: CHROMIUM,
      // Without the background-networking flags Chromium floods the closed network with refused connections.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'npx tsx scripts/make-test-model.ts && node scripts/start.mjs',
    // 200 only once the model is loaded and warm (503 while it loads).
    url: `${baseURL}/api/health`,
    reuseExistingServer: true,
    timeout: 300_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      MODEL_DIR: TEST_MODEL_DIR,
      PORT: new URL(baseURL).port,
      HOSTNAME: new URL(baseURL).hostname,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
