'use client';

import type { CompletedSearch, SearchPhase } from '@/hooks/use-search';
import { passesThreshold } from '@/lib/schemas';
import type { PageProblem } from '@/lib/search-form';
import type { Wording } from '@/lib/user-message';
import { useI18n } from './i18n-provider';

interface SearchAnnouncerProps {
  phase: SearchPhase;
  formProblem: PageProblem | null;
  completed: CompletedSearch | null;
  /** The top k and threshold the results are shown with. */
  topK: number;
  threshold: number;
}

/** The polite live region: what a screen reader hears when a search ends (or cannot start). */
export function SearchAnnouncer({ phase, formProblem, completed, topK, threshold }: SearchAnnouncerProps) {
  const wording = useI18n();
  return (
    <p data-testid="live-announcer" aria-live="polite" className="sr-only">
      {announcement(phase, formProblem, shownRows(completed, topK, threshold), wording)}
    </p>
  );
}

function shownRows(completed: CompletedSearch | null, topK: number, threshold: number) {
  const rows = completed?.response.results.slice(0, topK) ?? [];
  return { shown: rows.length, above: rows.filter((row) => passesThreshold(row.score, threshold)).length };
}

function announcement(
  phase: SearchPhase,
  formProblem: PageProblem | null,
  rows: { shown: number; above: number },
  wording: Wording,
): string {
  const { m, formatNumber } = wording;
  const words = m.search.announce;
  if (formProblem) return formProblem.message(wording);
  switch (phase.kind) {
    case 'failed':
      return words.failed(phase.problem.message(wording));
    case 'cancelled':
      return words.cancelled;
    case 'waiting-for-model':
      return words.waiting;
    case 'retry-wait':
      return words.retry;
    case 'running':
      return words.running;
    default:
      if (rows.shown === 0) return '';
      return rows.above === 0
        ? words.noConfidentMatch(formatNumber(rows.shown))
        : words.aboveThreshold(formatNumber(rows.above), formatNumber(rows.shown));
  }
}
