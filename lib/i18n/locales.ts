/**
 * The page's languages, defined once: which exist, what each is called in itself, the cookie that
 * remembers the choice, and how a browser's Accept-Language picks one the first time.
 */
import Negotiator from 'negotiator';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** Used when the browser asks for none of LOCALES. */
export const DEFAULT_LOCALE: Locale = 'en';

/** Remembers an explicit choice for a year; without it the browser's language decides. */
export const LOCALE_COOKIE = 'semantic-radar-lang';

/** Each language's name in itself: the switch offers the other language in its own words. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '中文' };

/** BCP 47 tags for `<html lang>` and Intl formatting (simplified Chinese script). */
export const LOCALE_TAGS: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale for a first visit: the browser's most preferred language we have (zh-TW, zh-CN → zh). */
export function localeFromAcceptLanguage(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguage } });
  const preferred = negotiator.language([...LOCALES]);
  return isLocale(preferred) ? preferred : DEFAULT_LOCALE;
}

/** The cookie wins over the browser's language: the user chose it on this page. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookieValue) ? cookieValue : localeFromAcceptLanguage(acceptLanguage);
}
