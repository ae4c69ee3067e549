/**
 * Browser tests against a running server: `BASE_URL=http://127.0.0.1:3000 npx tsx e2e/run.ts [filter]`.
 * The filter (optional) runs only tests whose name contains it. Exits non-zero if any test fails.
 */
import { launchChromium } from './chromium';
import { runTests, SCREENSHOT_DIR } from './harness';
import './tests/search.e2e';
import './tests/vector-panel.e2e';
import './tests/model-status.e2e';
import './tests/untrusted-text.e2e';

const HEALTH_TIMEOUT_MS = 120_000;

async function waitForReady(baseUrl: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(new URL('/api/health', baseUrl));
      const body = (await response.json()) as { status?: string; message?: string };
      if (body.status === 'ready') return;
      last = `${body.status}${body.message ? `: ${body.message}` : ''}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${baseUrl}/api/health was not ready within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})`);
}

async function main(): Promise<number> {
  const baseUrl = process.env.BASE_URL;
  if (!baseUrl) {
    console.error('Set BASE_URL to a running server, e.g. BASE_URL=http://127.0.0.1:3000 npx tsx e2e/run.ts');
    return 2;
  }
  await waitForReady(baseUrl);
  const browser = await launchChromium();
  try {
    console.log(`e2e against ${baseUrl}`);
    const outcomes = await runTests(browser, baseUrl, process.argv[2]);
    const failed = outcomes.filter((o) => !o.passed);
    console.log(
      `\n${outcomes.length - failed.length} passed, ${failed.length} failed (screenshots: ${SCREENSHOT_DIR})`,
    );
    for (const o of failed) console.log(`  ✗ ${o.name}`);
    if (outcomes.length === 0) {
      console.error('no test matched the filter');
      return 1;
    }
    return failed.length > 0 ? 1 : 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
