import { describe, expect, test } from 'vitest';
import { parseRetryAfter } from './remote-client';
import { apportionTokens } from './remote-embedder';

describe('Retry-After', () => {
  test('reads seconds and HTTP dates as a wait in ms', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    const now = Date.parse('2026-11-30T08:00:00Z');
    expect(parseRetryAfter('Mon, 30 Nov 2026 08:00:03 GMT', now)).toBe(3000);
  });

  test('is undefined when absent or unreadable', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('per-input token counts from a remote batch total', () => {
  test('a single input gets the exact total', () => {
    expect(apportionTokens(['anything'], 7)).toEqual([7]);
  });

  test('a batch shares the total by input length and the shares add up to it exactly', () => {
    const shares = apportionTokens(['a', 'bbbb', 'cc'], 10);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(10);
    expect(shares[1]).toBeGreaterThan(shares[0] as number);
  });

  test('token-id inputs without a reported total count their ids plus the end token', () => {
    expect(apportionTokens([[1, 2, 3]], undefined)).toEqual([4]);
  });
});
