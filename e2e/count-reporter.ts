/**
 * Ends the browser tests' output with one line a person or CI can read at a glance:
 * `e2e: 13 passed, 1 failed` (skipped and flaky counts follow when there are any). An error outside
 * any test (the server did not start, a test file does not load) counts as a failure.
 */
import type { Reporter, TestCase, TestError } from '@playwright/test/reporter';

type Outcome = ReturnType<TestCase['outcome']>;

export default class CountReporter implements Reporter {
  private readonly outcomes = new Map<string, Outcome>();
  private errorsOutsideTests = 0;

  onTestEnd(test: TestCase): void {
    // Keyed by test: with retries, the last result decides the outcome.
    this.outcomes.set(test.id, test.outcome());
  }

  onError(_error: TestError): void {
    this.errorsOutsideTests++;
  }

  onEnd(): void {
    const count = (outcome: Outcome) => [...this.outcomes.values()].filter((o) => o === outcome).length;
    const failed = count('unexpected') + this.errorsOutsideTests;
    const extras = (['skipped', 'flaky'] as const)
      .filter((outcome) => count(outcome) > 0)
      .map((outcome) => `, ${count(outcome)} ${outcome}`)
      .join('');
    console.log(`\ne2e: ${count('expected')} passed, ${failed} failed${extras}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
