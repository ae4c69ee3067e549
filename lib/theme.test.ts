import { describe, expect, it } from 'vitest';
import { resolveTheme, themeCookieValue } from './theme';

describe('the theme of a request', () => {
  it('follows the system when nothing is remembered', () => {
    expect(resolveTheme(undefined)).toBe('system');
  });

  it('is the remembered light or dark choice', () => {
    expect(resolveTheme('dark')).toBe('dark');
    expect(resolveTheme('light')).toBe('light');
  });

  it('ignores a cookie that names no theme we have', () => {
    expect(resolveTheme('sepia')).toBe('system');
  });
});

describe('the remembered theme cookie', () => {
  it('holds an explicit light or dark choice and is cleared for the system theme', () => {
    expect(themeCookieValue('dark')).toBe('dark');
    expect(themeCookieValue('light')).toBe('light');
    expect(themeCookieValue('system')).toBeNull();
  });
});
