'use client';

import { type ReactNode, type RefObject, useState } from 'react';
import { MAX_PAGE_ENTRIES } from '@/lib/chunked-search';
import { lineRange } from '@/lib/knowledge-base';
import type { RequestLimits } from '@/lib/schemas';
import type { PageProblem } from '@/lib/search-form';
import { Card } from './card';
import { EXAMPLE_KNOWLEDGE_BASE } from './example-data';
import { useI18n } from './i18n-provider';

/** Matches the textarea's leading-7 and py-2.5: lines do not wrap, so line n sits at a known height. */
const LINE_HEIGHT_PX = 28;
const PADDING_TOP_PX = 10;

interface KnowledgeBasePaneProps {
  value: string;
  entryCount: number;
  /** The server's limits, once /api/health has said them. */
  limits: RequestLimits | undefined;
  /** A limit the text already breaks, warned about before sending. */
  limitProblem: PageProblem | null;
  /** A line to highlight (the one an error is about). */
  highlightLine: number | null;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  onChange: (value: string) => void;
  /** Above the text box: the saved knowledge bases, share and export (knowledge-base-workbench.tsx). */
  header?: ReactNode;
  /** Below the text box: importing a file. */
  footer?: ReactNode;
}

/** Selects a line of the text box and scrolls it into view (a result's "line 12", an error's line). */
export function showLine(textarea: HTMLTextAreaElement, line: number, { select }: { select: boolean }) {
  textarea.scrollTop = Math.max(0, (line - 1) * LINE_HEIGHT_PX - textarea.clientHeight / 3);
  if (select) {
    const { start, end } = lineRange(textarea.value, line);
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(start, end);
  }
  textarea.scrollIntoView({ block: 'nearest' });
}

/**
 * Replaces the whole text the way typing would (through the browser's editing commands), so the
 * text box's own undo (Ctrl+Z) goes back to exactly the previous text rather than a mixture.
 */
function replaceText(textarea: HTMLTextAreaElement, text: string, onChange: (value: string) => void) {
  textarea.focus();
  textarea.select();
  const replaced =
    text === '' ? document.execCommand('delete') : document.execCommand('insertText', false, text);
  if (!replaced || textarea.value !== text) onChange(text);
}

export function KnowledgeBasePane(props: KnowledgeBasePaneProps) {
  const { value, entryCount, limits, limitProblem, highlightLine, textareaRef, onChange, header, footer } =
    props;
  const i18n = useI18n();
  const { formatNumber } = i18n;
  const words = i18n.m.knowledgeBase;
  const [scrollTop, setScrollTop] = useState(0);
  const [undoText, setUndoText] = useState<string | null>(null);

  function restoreExample() {
    const textarea = textareaRef.current;
    if (!textarea || value === EXAMPLE_KNOWLEDGE_BASE) return;
    replaceText(textarea, EXAMPLE_KNOWLEDGE_BASE, onChange);
    setUndoText(value.trim() === '' ? null : value);
  }

  function undoRestore() {
    const textarea = textareaRef.current;
    if (!textarea || undoText === null) return;
    replaceText(textarea, undoText, onChange);
    setUndoText(null);
  }

  return (
    <Card
      id="knowledge-base"
      title={words.title}
      description={words.description}
      aside={
        <span
          data-testid="kb-count"
          aria-live="polite"
          className={`rounded-full px-2.5 py-0.5 font-medium text-xs ring-1 ring-inset ${
            limitProblem ? 'bg-red-50 text-red-800 ring-red-200' : 'bg-sky-50 text-sky-700 ring-sky-200'
          }`}
        >
          {words.entries(formatNumber(entryCount), entryCount)}
          {limits ? words.ofAtMost(formatNumber(MAX_PAGE_ENTRIES)) : null}
        </span>
      }
    >
      {header}
      <label htmlFor="kb-input" className="mb-1.5 block font-medium text-slate-700 text-sm">
        {words.entriesLabel}
        {limits ? (
          <span data-testid="kb-limits" className="ml-2 font-normal text-slate-500 text-xs">
            {words.charsEach(formatNumber(limits.maxCharsPerText))}
          </span>
        ) : null}
      </label>
      <div className="relative">
        <textarea
          id="kb-input"
          data-testid="kb-input"
          ref={textareaRef}
          value={value}
          // No dir="auto": Chromium re-resolves it while inserting a paste (10,000 pasted lines were one
          // 5-second task); unicode-bidi: plaintext in the classes gives each line its own direction.
          wrap="off"
          onChange={(event) => {
            onChange(event.target.value);
            setUndoText(null);
          }}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
          rows={12}
          spellCheck={false}
          aria-invalid={highlightLine !== null}
          aria-describedby={limitProblem ? 'kb-limit-problem' : undefined}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          className="block min-h-48 w-full resize-y overflow-auto [unicode-bidi:plaintext] rounded-lg border border-slate-300 bg-slate-50/60 px-3 py-2.5 text-[15px] text-slate-900 leading-7 shadow-inner placeholder:text-slate-500 focus:border-sky-500 focus:bg-white focus:outline-none focus:ring-2 focus:ring-sky-500/30 lg:h-[calc(100dvh-18rem)] lg:max-h-[64rem]"
          placeholder={words.placeholder}
        />
        {highlightLine !== null ? (
          <div
            aria-hidden
            data-testid="kb-line-highlight"
            data-line={highlightLine}
            className="pointer-events-none absolute inset-x-px border-red-500 border-l-4 bg-red-500/15"
            style={{
              top: 1 + PADDING_TOP_PX + (highlightLine - 1) * LINE_HEIGHT_PX - scrollTop,
              height: LINE_HEIGHT_PX,
            }}
          />
        ) : null}
      </div>
      {limitProblem ? (
        <p
          id="kb-limit-problem"
          data-testid="kb-limit-warning"
          className="mt-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-red-800 text-sm"
        >
          {limitProblem.message(i18n)}
        </p>
      ) : null}
      {footer}
      <div className="mt-2 flex items-center justify-end gap-2">
        {undoText !== null ? (
          <span role="status" className="flex items-center gap-2 text-slate-600 text-sm">
            {words.exampleRestored}
            <button
              type="button"
              data-testid="kb-undo-restore"
              onClick={undoRestore}
              className="min-h-11 rounded-md px-3 font-medium text-sky-700 hover:bg-sky-50 sm:min-h-8"
            >
              {words.undo}
            </button>
          </span>
        ) : null}
        <button
          type="button"
          data-testid="kb-restore"
          onClick={restoreExample}
          className="min-h-11 rounded-md px-3 text-slate-500 text-sm hover:bg-slate-100 hover:text-slate-700 sm:min-h-8 sm:text-xs"
        >
          {words.restoreExample}
        </button>
      </div>
    </Card>
  );
}
