'use client';

import { LOCALE_NAMES, LOCALE_TAGS, LOCALES } from '@/lib/i18n/locales';
import { useI18n } from './i18n-provider';

/**
 * One button that names the other language in that language ("中文" on the English page,
 * "English" on the Chinese one): a reader who cannot read the current page can still find it.
 */
export function LanguageSwitch() {
  const { locale, m, setLocale } = useI18n();
  const other = LOCALES.find((candidate) => candidate !== locale) ?? locale;
  return (
    <button
      type="button"
      data-testid="language-switch"
      lang={LOCALE_TAGS[other]}
      title={m.preferences.switchLanguage}
      onClick={() => setLocale(other)}
      className="min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-700 text-sm shadow-sm hover:bg-slate-50"
    >
      {LOCALE_NAMES[other]}
    </button>
  );
}
