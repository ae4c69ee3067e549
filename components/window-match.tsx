import type { SearchResult } from '@/lib/schemas';
import { useI18n } from './i18n-provider';

type MatchedWindow = NonNullable<SearchResult['window']>;

/**
 * A long entry's text with the window that matched best marked (<mark>: a highlight colour and an
 * outline, so colour is not the only signal). Plain text nodes only: entries are never parsed as HTML.
 */
export function WindowHighlightedText({ text, window }: { text: string; window: MatchedWindow | undefined }) {
  // The server's span is in the cleaned entry; find the window's own text in what the page sent.
  const at = window ? text.indexOf(window.text) : -1;
  if (!window || at === -1) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark
        data-testid="result-window"
        className="rounded-sm bg-amber-100 text-slate-900 outline outline-1 outline-amber-400"
      >
        {window.text}
      </mark>
      {text.slice(at + window.text.length)}
    </>
  );
}

/** "Best of 4 windows: characters 1,024–2,310", next to a long entry's result. */
export function WindowNote({ window }: { window: MatchedWindow | undefined }) {
  const { m, formatNumber } = useI18n();
  if (!window) return null;
  return (
    <span data-testid="result-window-note" className="rounded bg-amber-50 px-1.5 py-0.5 text-amber-900">
      {m.results.row.windowNote(
        formatNumber(window.count),
        formatNumber(window.start + 1),
        formatNumber(window.end),
      )}
    </span>
  );
}
