/** Every language's catalogue, keyed by locale: the page ships both so switching needs no request. */
import { en, type Messages } from './en';
import type { Locale } from './locales';
import { LOCALE_TAGS } from './locales';
import { zh } from './zh';

export type { Messages };

export const CATALOGUES: Record<Locale, Messages> = { en, zh };

/** Numbers with the locale's grouping (12,345 in both languages we have; kept here so a third can differ). */
export function numberFormatter(locale: Locale): (value: number) => string {
  const format = new Intl.NumberFormat(LOCALE_TAGS[locale]);
  return (value) => format.format(value);
}
