/**
 * What the browser told us about the reader before the page renders: the language (a remembered
 * choice in a cookie, else Accept-Language), so the first paint needs no client-side switch.
 */
import 'server-only';
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, type Locale, resolveLocale } from '@/lib/i18n/locales';

export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'));
}
