/**
 * The page's colour themes, defined once: which exist, the cookie that remembers a choice, and how
 * the server reads it. "system" follows the operating system's light/dark setting (CSS does that
 * alone, app/theme.css); "light" and "dark" pin one.
 */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Without a remembered choice the page follows the system. */
export const DEFAULT_THEME: Theme = 'system';

/** Remembers an explicit light or dark choice; "system" clears it. */
export const THEME_COOKIE = 'semantic-radar-theme';

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/** The theme for a request: the remembered choice, else the system's (an unknown value counts as none). */
export function resolveTheme(cookieValue: string | undefined): Theme {
  return isTheme(cookieValue) ? cookieValue : DEFAULT_THEME;
}

/** The cookie value for a choice: none for "system", so a later change of the default reaches everyone on it. */
export function themeCookieValue(theme: Theme): string | null {
  return theme === DEFAULT_THEME ? null : theme;
}
