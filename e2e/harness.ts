/**
 * A tiny test harness for the browser tests: `test(name, fn)` registers a test, `runTests` runs them
 * one after another, each in a fresh browser context, and reports pass/fail. Playwright's own test
 * runner (@playwright/test) is not a dependency; playwright-core drives Debian's Chromium.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SearchPage } from './pages/search-page';

export interface TestContext {
  page: Page;
  app: SearchPage;
  baseUrl: string;
  /** Saves a full-page PNG under e2e/screenshots/. */
  screenshot: (name: string) => Promise<string>;
}

type TestFn = (ctx: TestContext) => Promise<void>;

interface RegisteredTest {
  name: string;
  fn: TestFn;
  timeoutMs: number;
}

const registered: RegisteredTest[] = [];

export function test(name: string, fn: TestFn, { timeoutMs = 60_000 } = {}): void {
  registered.push({ name, fn, timeoutMs });
}

export const SCREENSHOT_DIR = path.join(import.meta.dirname, 'screenshots');

export interface TestOutcome {
  name: string;
  passed: boolean;
  ms: number;
  error?: string;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${name}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runTests(browser: Browser, baseUrl: string, filter?: string): Promise<TestOutcome[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Failure pictures from an earlier run would mislead.
  for (const file of readdirSync(SCREENSHOT_DIR)) {
    if (file.startsWith('failure-')) rmSync(path.join(SCREENSHOT_DIR, file));
  }
  const selected = registered.filter((t) => !filter || t.name.toLowerCase().includes(filter.toLowerCase()));
  const outcomes: TestOutcome[] = [];
  for (const { name, fn, timeoutMs } of selected) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: baseUrl });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const screenshot = async (file: string) => {
      const target = path.join(SCREENSHOT_DIR, `${file}.png`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: target, fullPage: true });
      return target;
    };
    const started = performance.now();
    let error: string | undefined;
    try {
      await withTimeout(fn({ page, app: new SearchPage(page), baseUrl, screenshot }), timeoutMs, name);
      if (pageErrors.length > 0) throw new Error(`uncaught error(s) in the page: ${pageErrors.join(' | ')}`);
    } catch (err) {
      error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      await screenshot(`failure-${slug(name)}`).catch(() => {});
    }
    const ms = Math.round(performance.now() - started);
    outcomes.push({ name, passed: !error, ms, error });
    console.log(error ? `  ✗ ${name} (${ms} ms)\n${indent(error)}` : `  ✓ ${name} (${ms} ms)`);
    await context.close();
  }
  return outcomes;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

/** Retries `check` until it stops throwing (for state that settles after a render or a response). */
export async function eventually<T>(
  check: () => Promise<T>,
  { timeoutMs = 10_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
