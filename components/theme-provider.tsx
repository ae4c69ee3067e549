'use client';

/**
 * The page's colour theme on the client. The server renders `data-theme` on <html> from the cookie,
 * so the first paint is already right; a change sets the attribute (CSS does the rest, app/theme.css)
 * and remembers it in the cookie the server reads on the next visit.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { rememberPreference } from '@/lib/preference-cookie';
import { THEME_COOKIE, type Theme, themeCookieValue } from '@/lib/theme';

interface ThemeChoice {
  theme: Theme;
  setTheme: (theme: Theme) => void;
}

const ThemeContext = createContext<ThemeChoice | null>(null);

export function ThemeProvider({ initialTheme, children }: { initialTheme: Theme; children: ReactNode }) {
  const [theme, setThemeState] = useState(initialTheme);

  const setTheme = useCallback((next: Theme) => {
    setThemeState(next);
    rememberPreference(THEME_COOKIE, themeCookieValue(next));
    document.documentElement.dataset.theme = next;
  }, []);

  const value = useMemo<ThemeChoice>(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeChoice {
  const choice = useContext(ThemeContext);
  if (!choice) throw new Error('useTheme() needs a <ThemeProvider> above it');
  return choice;
}
