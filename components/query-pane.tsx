'use client';

import type { FormEvent, ReactNode } from 'react';

interface QueryPaneProps {
  query: string;
  topK: string;
  threshold: string;
  searching: boolean;
  onQueryChange: (value: string) => void;
  onTopKChange: (value: string) => void;
  onThresholdChange: (value: string) => void;
  onSearch: () => void;
  onCancel: () => void;
  /** Validation message, progress, error: whatever the search screen wants under the form. */
  children?: ReactNode;
}

const inputClass =
  'rounded-lg border border-slate-300 bg-white px-3 text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30';

export function QueryPane(props: QueryPaneProps) {
  const { query, topK, threshold, searching, onSearch, onCancel, children } = props;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch();
  }

  return (
    <form noValidate onSubmit={handleSubmit} className="space-y-4">
      <div>
        <label htmlFor="query-input" className="mb-1.5 block font-medium text-slate-700 text-sm">
          Query
        </label>
        <div className="flex flex-col gap-2 sm:flex-row">
          <input
            id="query-input"
            data-testid="query-input"
            type="text"
            value={query}
            onChange={(event) => props.onQueryChange(event.target.value)}
            placeholder="What are you looking for? e.g. 我想吃点东西"
            autoComplete="off"
            enterKeyHint="search"
            className={`h-11 w-full min-w-0 text-[15px] sm:flex-1 ${inputClass}`}
          />
          <button
            type="submit"
            data-testid="search-button"
            disabled={searching}
            className="inline-flex h-11 items-center justify-center gap-2 rounded-lg bg-sky-600 px-5 font-semibold text-sm text-white shadow-sm transition-colors hover:bg-sky-700 disabled:cursor-not-allowed disabled:bg-sky-400"
          >
            <SearchIcon />
            {searching ? 'Searching…' : 'Search'}
          </button>
          {searching ? (
            <button
              type="button"
              data-testid="cancel-button"
              onClick={onCancel}
              className="inline-flex h-11 items-center justify-center rounded-lg border border-slate-300 bg-white px-4 font-medium text-slate-700 text-sm shadow-sm hover:bg-slate-50"
            >
              Cancel
            </button>
          ) : null}
        </div>
      </div>

      <fieldset className="rounded-lg bg-slate-50 px-3 py-2.5 ring-1 ring-slate-200 ring-inset">
        <legend className="sr-only">Options</legend>
        <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
          <span aria-hidden className="font-semibold text-[11px] text-slate-400 uppercase tracking-wider">
            Options
          </span>
          <NumberField
            id="topk-input"
            label="Top K"
            value={topK}
            min={1}
            max={100}
            step={1}
            onChange={props.onTopKChange}
          />
          <NumberField
            id="threshold-input"
            label="Threshold"
            value={threshold}
            min={-1}
            max={1}
            step={0.05}
            onChange={props.onThresholdChange}
          />
        </div>
        <p id="options-hint" className="mt-1.5 text-slate-500 text-xs">
          Top K: how many entries to show (1–100). Threshold (−1 to 1): scores above it are shown in green.
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
        className={`h-8 w-24 text-sm tabular-nums ${inputClass}`}
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
