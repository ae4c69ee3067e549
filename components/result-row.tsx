'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import { formatFixed4 } from '@/lib/format';
import type { SearchResult } from '@/lib/schemas';
import { useI18n } from './i18n-provider';
import { ScoreBar } from './score-bar';
import { WindowHighlightedText, WindowNote } from './window-match';

interface ResultRowProps {
  result: SearchResult;
  rank: number;
  /** Computed by the page from the current threshold (the server's flag answers the threshold it was sent). */
  aboveThreshold: boolean;
  threshold: number;
  /** The entry's line in the knowledge-base text box, when known. */
  line: number | undefined;
  maxTokens: number;
  onSelectLine: (line: number) => void;
  /** Picked on the map (issue 10). */
  highlighted?: boolean;
}

export function ResultRow({
  result,
  rank,
  aboveThreshold,
  threshold,
  line,
  maxTokens,
  onSelectLine,
  highlighted = false,
}: ResultRowProps) {
  const { m, formatNumber } = useI18n();
  const t = m.results.row;
  const textRef = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [overflows, setOverflows] = useState(false);

  // Long entries are clamped to a few lines; only then is "Show more" offered.
  useLayoutEffect(() => {
    const element = textRef.current;
    if (element && !expanded) setOverflows(element.scrollHeight > element.clientHeight + 1);
  }, [expanded]);

  return (
    <li
      data-testid="result-row"
      data-line={line}
      data-entry-index={result.index}
      data-highlighted={highlighted}
      aria-current={highlighted ? 'true' : undefined}
      className={`flex gap-3 py-3 first:pt-0 ${highlighted ? 'rounded-lg bg-violet-50 px-2 ring-2 ring-violet-400' : ''}`}
    >
      <span
        data-testid="result-rank"
        className={`mt-0.5 flex h-7 min-w-9 shrink-0 items-center justify-center rounded-md font-semibold text-xs tabular-nums ${
          aboveThreshold ? 'bg-emerald-50 text-emerald-700' : 'bg-slate-100 text-slate-500'
        }`}
      >
        #{rank}
      </span>
      <div className="min-w-0 flex-1">
        {/* Plain text on purpose: entries are user input and must never be parsed as HTML. */}
        <p
          ref={textRef}
          id={`result-text-${result.index}`}
          data-testid="result-text"
          dir="auto"
          className={`whitespace-pre-wrap break-words text-[15px] text-slate-900 leading-6 ${expanded ? '' : 'line-clamp-4'}`}
        >
          <WindowHighlightedText text={result.text} window={result.window} />
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 text-xs">
          {line !== undefined ? (
            <button
              type="button"
              data-testid="result-line"
              onClick={() => onSelectLine(line)}
              className="min-h-11 rounded px-1 text-sky-700 underline-offset-2 hover:underline sm:min-h-6"
              aria-label={t.selectLine(formatNumber(line))}
            >
              {t.line(formatNumber(line))}
            </button>
          ) : null}
          {overflows || expanded ? (
            <button
              type="button"
              data-testid="result-show-more"
              aria-expanded={expanded}
              aria-controls={`result-text-${result.index}`}
              onClick={() => setExpanded(!expanded)}
              className="min-h-11 rounded px-1 text-sky-700 underline-offset-2 hover:underline sm:min-h-6"
            >
              {expanded ? t.showLess : t.showMore}
            </button>
          ) : null}
          <WindowNote window={result.window} />
          {result.truncated ? (
            <span data-testid="result-truncated" className="rounded bg-amber-50 px-1.5 py-0.5 text-amber-900">
              {t.truncated(formatNumber(maxTokens))}
            </span>
          ) : null}
        </div>
        <div className="mt-1 flex items-center gap-3">
          <ScoreBar
            score={result.score}
            aboveThreshold={aboveThreshold}
            threshold={threshold}
            label={t.scoreLabel(formatNumber(rank))}
          />
          <span
            data-testid="result-score"
            className={`w-16 shrink-0 text-right font-mono text-sm tabular-nums ${
              aboveThreshold ? 'font-semibold text-emerald-700' : 'text-slate-500'
            }`}
          >
            {formatFixed4(result.score)}
          </span>
        </div>
      </div>
    </li>
  );
}
