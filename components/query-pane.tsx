'use client';

import type { FormEvent, ReactNode } from 'react';
import { THRESHOLD_MAX, THRESHOLD_MIN, TOP_K_MAX, TOP_K_MIN } from '@/lib/schemas';
import { thresholdRange, topKRange } from '@/lib/search-form';
import { useI18n } from './i18n-provider';

interface QueryPaneProps {
  query: string;
  topK: string;
  threshold: string;
  /** A search is running (or waiting to retry): Search is replaced by its progress. */
  searching: boolean;
  /** Why Search cannot run yet (the model is loading), shown next to it; null when it can. */
  blockedReason: string | null;
  onQueryChange: (value: string) => void;
  onTopKChange: (value: string) => void;
  onThresholdChange: (value: string) => void;
  onSearch: () => void;
  onCancel: () => void;
  /** Validation message, progress, error: whatever the search screen wants under the form. */
  children?: ReactNode;
}

export const inputClass =
  'rounded-lg border border-slate-300 bg-white px-3 text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30';

export function QueryPane(props: QueryPaneProps) {
  const { query, topK, threshold, searching, blockedReason, onSearch, onCancel, children } = props;
  const disabled = searching || blockedReason !== null;
  const i18n = useI18n();
  const words = i18n.m.query;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch();
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      <div>
        <label htmlFor="query-input" className="mb-1.5 block font-medium text-slate-700 text-sm">
          {words.label}
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="query-input"
            data-testid="query-input"
            type="text"
            dir="auto"
            value={query}
            onChange={(event) => props.onQueryChange(event.target.value)}
            placeholder={words.placeholder}
            autoComplete="off"
            enterKeyHint="search"
            aria-keyshortcuts="Control+Enter Meta+Enter"
            className={`h-11 w-full min-w-0 text-[15px] sm:flex-1 ${inputClass}`}
          />
          {/* aria-disabled, not disabled: pressing it while the model loads queues the search. */}
          <button
            type="submit"
            data-testid="search-button"
            aria-disabled={disabled}
            aria-describedby={blockedReason ? 'search-blocked-reason' : undefined}
            className="inline-flex h-11 items-center justify-center gap-2 rounded-lg bg-sky-700 px-5 font-semibold text-sm text-white shadow-sm transition-colors hover:bg-sky-800 aria-disabled:cursor-not-allowed aria-disabled:bg-sky-400"
          >
            <SearchIcon />
            {searching ? words.searching : words.search}
          </button>
          {searching ? (
            <button
              type="button"
              data-testid="cancel-button"
              onClick={onCancel}
              aria-keyshortcuts="Escape"
              className="inline-flex h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 font-medium text-slate-700 text-sm shadow-sm hover:bg-slate-50"
            >
              {words.cancel}
            </button>
          ) : null}
        </div>
        {blockedReason ? (
          <p
            id="search-blocked-reason"
            data-testid="search-blocked-reason"
            className="mt-1.5 text-slate-600 text-sm"
          >
            {blockedReason}
          </p>
        ) : (
          <p className="mt-1.5 hidden text-slate-500 text-xs sm:block">{words.shortcuts}</p>
        )}
      </div>

      <fieldset className="rounded-lg bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200 ring-inset">
        <legend className="sr-only">{words.options}</legend>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
          <span aria-hidden className="font-semibold text-[11px] text-slate-500 uppercase tracking-wider">
            {words.options}
          </span>
          <NumberField
            id="topk-input"
            label={words.topK}
            value={topK}
            min={TOP_K_MIN}
            max={TOP_K_MAX}
            step={1}
            onChange={props.onTopKChange}
          />
          <NumberField
            id="threshold-input"
            label={words.threshold}
            value={threshold}
            min={THRESHOLD_MIN}
            max={THRESHOLD_MAX}
            step={0.05}
            onChange={props.onThresholdChange}
          />
        </div>
        <p id="options-hint" data-testid="options-hint" className="mt-1.5 text-slate-500 text-xs">
          {words.optionsHint(topKRange(i18n), thresholdRange(i18n))}
        </p>
      </fieldset>

      {children}
    </form>
  );
}

interface NumberFieldProps {
  id: string;
  label: string;
  value: string;
  min: number;
  max: number;
  step: number;
  onChange: (value: string) => void;
}

function NumberField({ id, label, value, min, max, step, onChange }: NumberFieldProps) {
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="font-medium text-slate-700 text-sm">
        {label}
      </label>
      <input
        id={id}
        data-testid={id}
        type="number"
        inputMode="decimal"
        value={value}
        min={min}
        max={max}
        step={step}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby="options-hint"
        className={`h-11 w-24 text-sm tabular-nums sm:h-8 ${inputClass}`}
      />
    </div>
  );
}

function SearchIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="size-4">
      <path
        fillRule="evenodd"
        d="M9 3.5a5.5 5.5 0 1 0 3.38 9.84l3.64 3.64a.75.75 0 1 0 1.06-1.06l-3.64-3.64A5.5 5.5 0 0 0 9 3.5ZM5 9a4 4 0 1 1 8 0a4 4 0 0 1-8 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}
