'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatFixed4 } from '@/lib/format';
import { queryVectorOptions } from '@/lib/queries';
import { plainMessage } from '@/lib/user-message';
import { useI18n } from './i18n-provider';

interface FullVectorProps {
  query: string;
  instruction: string | undefined;
  dims: number;
  /**
   * The whole vector when the search already sent it (`explain`, issue 10): shown without another
   * request, and right for any instruction preset or Dimensions choice the search used.
   */
  known?: readonly number[];
}

const BUTTON =
  'min-h-11 rounded-lg border border-slate-300 bg-white px-3 font-medium text-slate-700 text-sm shadow-sm hover:bg-slate-50 sm:min-h-8';

/** All values of the query vector, on request: a compact table, copy, download, and its unit length. */
export function FullVector({ query, instruction, dims, known }: FullVectorProps) {
  const { m, formatNumber } = useI18n();
  const t = m.vector.full;
  const [wanted, setWanted] = useState(false);
  // The outcome, not its words: a language switch re-words it.
  const [copied, setCopied] = useState<'copied' | 'copyRefused' | null>(null);
  const vector = useQuery({ ...queryVectorOptions(query, instruction), enabled: wanted && !known });

  if (!wanted) {
    return (
      <button type="button" data-testid="vector-show-all" onClick={() => setWanted(true)} className={BUTTON}>
        {t.showAll(formatNumber(dims))}
      </button>
    );
  }
  if (!known && vector.isError) {
    return <p className="text-red-800 text-sm">{t.loadFailed(plainMessage(vector.error.message))}</p>;
  }
  const values = known ?? vector.data;
  if (!values) return <p className="text-slate-500 text-sm">{t.loading(formatNumber(dims))}</p>;

  const sumOfSquares = values.reduce((sum, value) => sum + value * value, 0);
  const json = JSON.stringify(values);

  async function copy() {
    try {
      await navigator.clipboard.writeText(json);
      setCopied('copied');
    } catch {
      setCopied('copyRefused');
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'query-vector.json';
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <div data-testid="vector-full" className="space-y-3">
      <p className="text-slate-700 text-sm">
        {t.allValues(
          <span key="count" data-testid="vector-full-count">
            {values.length}
          </span>,
          <strong key="sum" data-testid="vector-sum-squares" className="font-mono">
            {sumOfSquares.toFixed(3)}
          </strong>,
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" data-testid="vector-copy" onClick={copy} className={BUTTON}>
          {t.copy}
        </button>
        <button type="button" data-testid="vector-download" onClick={download} className={BUTTON}>
          {t.download}
        </button>
        <span role="status" className="text-slate-600 text-sm">
          {copied ? t[copied] : null}
        </span>
      </div>
      <ol
        data-testid="vector-full-values"
        aria-label={t.listLabel(formatNumber(values.length))}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable list must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        className="grid max-h-72 grid-cols-3 gap-x-4 overflow-y-auto rounded-lg bg-slate-50 p-3 font-mono text-[11px] tabular-nums ring-1 ring-slate-200 ring-inset sm:grid-cols-6 lg:grid-cols-8"
      >
        {values.map((value, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the position is the dimension's identity
          <li key={i} className="flex gap-1.5">
            <span className="w-8 text-right text-slate-500">{i}</span>
            <span className={value < 0 ? 'text-orange-700' : 'text-slate-800'}>{formatFixed4(value)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
