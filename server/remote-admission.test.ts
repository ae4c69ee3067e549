import { describe, expect, test } from 'vitest';
import type { AppError } from '../lib/errors';
import { RemoteAdmission } from './remote-admission';

const refusal = (fn: () => unknown): AppError | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err as AppError;
  }
};

describe('remote backend admission by expected wait', () => {
  test('an idle instance admits any request, however many calls it needs', () => {
    const admission = new RemoteAdmission({ maxWaitMs: 1_000, concurrency: 2, callDeadlineMs: 30_000 });
    expect(refusal(() => admission.admit('document', 500, 16_000))).toBeUndefined();
    expect(admission.stats()).toMatchObject({ pendingTexts: 16_000, throughputMeasured: false });
  });

  test('until a call is timed, each call ahead is assumed to take its deadline; then the measured time counts', () => {
    const admission = new RemoteAdmission({ maxWaitMs: 5_000, concurrency: 2, callDeadlineMs: 30_000 });
    admission.admit('document', 4, 128);
    const early = refusal(() => admission.admit('document', 1, 1));
    // Four calls over two slots, 30 s each: 60 s ahead, 55 s past the limit.
    expect(early).toMatchObject({ code: 'queue_full', retryAfterSeconds: 55 });
    admission.recordCall(100, 3_200);
    expect(admission.estimatedWaitMs('document')).toBe(200);
    expect(refusal(() => admission.admit('document', 1, 1))).toBeUndefined();
    expect(admission.stats()).toMatchObject({ throughputMeasured: true, tokensPerSecond: 64_000 });
  });

  test('queries wait only for queued queries, documents for both', () => {
    const admission = new RemoteAdmission({ maxWaitMs: 1_000, concurrency: 1, callDeadlineMs: 2_000 });
    admission.admit('document', 10, 320);
    expect(refusal(() => admission.admit('query', 1, 1))).toBeUndefined();
    expect(admission.estimatedWaitMs('query')).toBe(2_000);
    expect(admission.estimatedWaitMs('document')).toBe(22_000);
  });

  test('finished and abandoned calls stop counting, and the texts leave with the request', () => {
    const admission = new RemoteAdmission({ maxWaitMs: 1_000, concurrency: 1, callDeadlineMs: 2_000 });
    const counted = admission.admit('document', 3, 90);
    counted.callDone();
    expect(admission.estimatedWaitMs('document')).toBe(4_000);
    counted.release();
    counted.callDone();
    expect(admission.estimatedWaitMs('document')).toBe(0);
    expect(admission.stats().pendingTexts).toBe(0);
  });
});
