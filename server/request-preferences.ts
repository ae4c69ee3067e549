/**
 * What the browser told us about the reader before the page renders: the language (a remembered
 * choice in a cookie, else Accept-Language) and the colour theme (a remembered choice, else the
 * system's), so the first paint needs no client-side switch and never flashes the wrong theme.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, type Locale, resolveLocale } from '@/lib/i18n/locales';
import { resolveTheme, THEME_COOKIE, type Theme } from '@/lib/theme';

export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'));
}

export async function requestTheme(): Promise<Theme> {
  return resolveTheme((await cookies()).get(THEME_COOKIE)?.value);
}
