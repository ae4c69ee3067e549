import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from './locales';

describe('the first language of a visit', () => {
  it('is Chinese for a browser that prefers any Chinese', () => {
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(localeFromAcceptLanguage('zh-TW')).toBe('zh');
  });

  it('follows the quality values, not the order', () => {
    expect(localeFromAcceptLanguage('zh;q=0.5, en;q=0.9')).toBe('en');
  });

  it('is English for a language we do not have, or no header', () => {
    expect(localeFromAcceptLanguage('fr-FR,de;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
  });

  it('is the remembered choice when the cookie names one, whatever the browser says', () => {
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh', 'en-US')).toBe('zh');
  });

  it('ignores a cookie that names no language we have', () => {
    expect(resolveLocale('klingon', 'zh-CN')).toBe('zh');
  });
});
