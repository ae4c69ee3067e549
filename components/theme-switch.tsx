'use client';

import { isTheme, THEMES } from '@/lib/theme';
import { useI18n } from './i18n-provider';
import { useTheme } from './theme-provider';

/** A labelled select (System / Light / Dark) beside the language switch. */
export function ThemeSwitch() {
  const { m } = useI18n();
  const { theme, setTheme } = useTheme();
  return (
    <label className="flex items-center gap-2 font-medium text-slate-700 text-sm">
      {m.theme.label}
      <select
        data-testid="theme-switch"
        value={theme}
        onChange={(event) => {
          if (isTheme(event.target.value)) setTheme(event.target.value);
        }}
        className="min-h-11 rounded-lg border border-slate-300 bg-white px-2 text-slate-700 shadow-sm hover:bg-slate-50"
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>
            {m.theme.options[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
