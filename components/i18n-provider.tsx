'use client';

/**
 * The page's language on the client: the server picks the first one (cookie, else Accept-Language)
 * so the first paint is already in it; switching is instant (both catalogues are in the bundle) and
 * remembered in a cookie the server reads on the next visit.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { CATALOGUES, type Messages, numberFormatter } from '@/lib/i18n/catalogues';
import { LOCALE_COOKIE, LOCALE_TAGS, type Locale } from '@/lib/i18n/locales';
import { rememberPreference } from '@/lib/preference-cookie';

interface I18n {
  locale: Locale;
  /** The current language's catalogue. */
  m: Messages;
  /** Formats a count with the language's digit grouping. */
  formatNumber: (value: number) => string;
  setLocale: (locale: Locale) => void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initialLocale, children }: { initialLocale: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState(initialLocale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    rememberPreference(LOCALE_COOKIE, next);
    document.documentElement.lang = LOCALE_TAGS[next];
    document.title = CATALOGUES[next].meta.title;
  }, []);

  const value = useMemo<I18n>(
    () => ({ locale, m: CATALOGUES[locale], formatNumber: numberFormatter(locale), setLocale }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}
