'use client';

import { type ReactNode, useState } from 'react';
import { DisclosureChevron } from './disclosure-chevron';

interface TeachingPanelProps {
  id: string;
  title: string;
  summary: ReactNode;
  /** Rendered only while the panel is open: closed panels cost nothing (charts load on first open). */
  children: () => ReactNode;
  defaultOpen?: boolean;
}

/** One collapsible teaching view, in the style of the vector panel. */
export function TeachingPanel({ id, title, summary, children, defaultOpen = false }: TeachingPanelProps) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details
      data-testid={`${id}-panel`}
      open={defaultOpen}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      className="group rounded-2xl border border-slate-200 bg-white shadow-sm"
    >
      <summary
        data-testid={`${id}-toggle`}
        className="flex min-h-11 list-none items-center justify-between gap-3 rounded-2xl px-5 py-4 hover:bg-slate-50 sm:px-6 [&::-webkit-details-marker]:hidden"
      >
        <span>
          <span className="block font-semibold text-slate-900">{title}</span>
          <span className="block text-slate-500 text-sm">{summary}</span>
        </span>
        <DisclosureChevron />
      </summary>
      <div className="border-slate-100 border-t px-5 pt-4 pb-5 sm:px-6">{open ? children() : null}</div>
    </details>
  );
}
