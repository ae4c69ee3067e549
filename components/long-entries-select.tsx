'use client';

import { LONG_ENTRY_MODES, type LongEntryMode } from '@/lib/schemas';
import { useI18n } from './i18n-provider';

/** How /api/search reads an entry longer than one window (lib/schemas.ts LONG_ENTRY_MODES). */
export function LongEntriesSelect({
  value,
  onChange,
}: {
  value: LongEntryMode;
  onChange: (mode: LongEntryMode) => void;
}) {
  const words = useI18n().m.longEntries;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor="long-entries" className="text-slate-700">
        {words.label}
      </label>
      <select
        id="long-entries"
        data-testid="long-entries-select"
        value={value}
        onChange={(event) => onChange(event.target.value as LongEntryMode)}
        className="h-11 rounded-md border border-slate-300 bg-white px-2 sm:h-8"
      >
        {LONG_ENTRY_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {words[mode]}
          </option>
        ))}
      </select>
    </div>
  );
}
