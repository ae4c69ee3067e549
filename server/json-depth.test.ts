import { describe, expect, test } from 'vitest';
import { nestsDeeperThan } from './json-depth';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('nestsDeeperThan', () => {
  test('a request body of the app (object → array of strings) is two levels deep', () => {
    const body = bytes(JSON.stringify({ knowledgeBase: ['a', 'b'], query: 'q' }));
    expect(nestsDeeperThan(body, 2)).toBe(false);
    expect(nestsDeeperThan(body, 1)).toBe(true);
  });

  test('brackets inside strings, escaped quotes included, do not count', () => {
    const body = bytes(JSON.stringify({ query: '[[[{{{ "\\"[[[[' }));
    expect(nestsDeeperThan(body, 1)).toBe(false);
  });

  test('two million levels are found without parsing', () => {
    const body = bytes(`${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}`);
    expect(nestsDeeperThan(body, 8)).toBe(true);
  });
});
