/**
 * Page preferences (language, theme) are remembered in cookies, not local storage, because the
 * server reads them to render the first paint in the right language and theme (no flash).
 */
const PREFERENCE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

export function rememberPreference(name: string, value: string | null): void {
  const attributes = `path=/; samesite=lax; max-age=${value === null ? 0 : PREFERENCE_COOKIE_MAX_AGE_S}`;
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in older Safari and Firefox; the value is one of our own fixed words.
  document.cookie = `${name}=${encodeURIComponent(value ?? '')}; ${attributes}`;
}
