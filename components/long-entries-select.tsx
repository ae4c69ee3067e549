'use client';

import { LONG_ENTRY_MODES, type LongEntryMode } from '@/lib/schemas';

const LABELS: Record<LongEntryMode, string> = {
  window: 'scored by their best window',
  mean: 'scored by the mean of their windows',
  truncate: 'cut at the token limit',
};

/** How /api/search reads an entry longer than one window (lib/schemas.ts LONG_ENTRY_MODES). */
export function LongEntriesSelect({
  value,
  onChange,
}: {
  value: LongEntryMode;
  onChange: (mode: LongEntryMode) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor="long-entries" className="text-slate-700">
        Long entries are
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
            {LABELS[mode]}
          </option>
        ))}
      </select>
    </div>
  );
}
