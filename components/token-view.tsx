'use client';

import { useQuery } from '@tanstack/react-query';
import type { SearchExplain, TokenizeRequest } from '@/lib/schemas';
import { groupTokens } from '@/lib/teaching';
import { tokenizeOptions } from '@/lib/teaching-queries';
import { useI18n } from './i18n-provider';

interface TokenViewProps {
  /** Exactly what the search sent for the query (its text and instruction choice). */
  request: Pick<TokenizeRequest, 'text' | 'instruction' | 'task'>;
  explain: SearchExplain;
  texts: readonly string[];
  maxTokens: number;
}

/** Rows of the per-entry table drawn at once; the totals above it cover every entry. */
const ENTRY_ROWS_SHOWN = 100;

const PART_STYLE = {
  instruction: 'bg-amber-50 ring-amber-300 text-amber-950',
  query: 'bg-sky-50 ring-sky-300 text-sky-950',
  eos: 'bg-violet-700 ring-violet-900 text-white',
} as const;

/** Spaces and line breaks made visible, so " world" and "world" look different. */
function visible(text: string): string {
  return text.replace(/ /g, '·').replace(/\n/g, '↵').replace(/\t/g, '→');
}

export function TokenView({ request, explain, texts, maxTokens }: TokenViewProps) {
  const { m, formatNumber } = useI18n();
  const t = m.teaching.tokens;
  const tokenized = useQuery(tokenizeOptions({ ...request, kind: 'query' }));
  const data = tokenized.data;
  const eos = data?.tokens.at(-1);
  const groups = data && eos ? groupTokens(data.tokens, data.instruction?.stop ?? 0, eos.id) : [];
  const prefixTokens = groups
    .filter((g) => g.part === 'instruction')
    .reduce((n, g) => n + g.tokens.length, 0);

  return (
    <div className="space-y-5">
      <section aria-labelledby="token-query-heading" className="space-y-2">
        <h3 id="token-query-heading" className="font-medium text-slate-800 text-sm">
          {t.queryHeading}
        </h3>
        {tokenized.isError ? (
          <p role="alert" className="text-red-800 text-sm">
            {t.failed(tokenized.error.message)}
          </p>
        ) : !data ? (
          <p className="text-slate-500 text-sm">{t.tokenising}</p>
        ) : (
          <>
            <pre
              data-testid="token-exact-text"
              className="whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-3 text-slate-800 text-xs ring-1 ring-slate-200 ring-inset"
            >
              {data.instruction ? (
                <mark className="rounded bg-amber-100 text-amber-950">
                  {data.text.slice(data.instruction.start, data.instruction.stop)}
                </mark>
              ) : null}
              {data.text.slice(data.instruction?.stop ?? 0)}
            </pre>
            <p className="text-slate-600 text-sm">
              {t.counts(
                formatNumber(data.tokens.length),
                data.instruction ? (
                  <span key="prefix" className="rounded bg-amber-100 px-1">
                    {t.prefixTokens(formatNumber(prefixTokens))}
                  </span>
                ) : null,
                <span key="query" className="rounded bg-sky-100 px-1">
                  {t.queryTokens(formatNumber(data.tokens.length - prefixTokens - 1))}
                </span>,
                <span key="eos" className="rounded bg-violet-700 px-1 text-white">
                  {eos?.text}
                </span>,
              )}
              {data.truncated ? t.truncatedTo(formatNumber(data.maxTokens)) : ''}
            </p>
            <ol data-testid="token-chips" className="flex flex-wrap gap-1.5" aria-label={t.chipsLabel}>
              {groups.map((group) => (
                <li
                  key={`${group.tokens[0]?.start}-${group.tokens[0]?.id}-${group.tokens.length}-${group.part}`}
                  data-testid="token-chip"
                  data-part={group.part}
                  data-token-ids={group.tokens.map((t) => t.id).join(' ')}
                  title={`${JSON.stringify(group.text)} → ${group.tokens.map((t) => t.id).join(', ')}`}
                  className={`flex flex-col items-center rounded-md px-1.5 py-1 ring-1 ring-inset ${PART_STYLE[group.part]}`}
                >
                  <span className="whitespace-pre font-mono text-sm">{visible(group.text)}</span>
                  <span className="font-mono text-[10px] opacity-75">
                    {group.tokens.map((t) => t.id).join(' + ')}
                  </span>
                  <span className="sr-only">
                    {group.part === 'instruction' ? t.chipInstruction : ''}
                    {group.part === 'eos' ? t.chipEos : ''}
                  </span>
                </li>
              ))}
            </ol>
            <p data-testid="token-eos-note" className="text-slate-600 text-sm">
              {t.eosNote(
                <span key="eos" className="font-semibold text-violet-800">
                  {eos?.text}
                </span>,
                String(eos?.id ?? ''),
              )}
            </p>
          </>
        )}
      </section>

      <EntryTokens explain={explain} texts={texts} maxTokens={maxTokens} />
    </div>
  );
}

function EntryTokens({ explain, texts, maxTokens }: Omit<TokenViewProps, 'request'>) {
  const { m, formatNumber } = useI18n();
  const t = m.teaching.tokens;
  const counts = explain.entries.map((e) => e.tokens);
  const truncated = explain.entries.filter((e) => e.truncated).length;
  const total = counts.reduce((s, n) => s + n, 0);
  return (
    <section aria-labelledby="token-entries-heading" className="space-y-2">
      <h3 id="token-entries-heading" className="font-medium text-slate-800 text-sm">
        {t.entriesHeading}
      </h3>
      <p data-testid="entry-token-summary" className="text-slate-600 text-sm">
        {t.entriesSummary(
          formatNumber(texts.length),
          formatNumber(total),
          formatNumber(Math.max(...counts)),
          truncated,
          formatNumber(truncated),
          formatNumber(maxTokens),
        )}
      </p>
      {/* Focusable, so a keyboard alone can scroll a long table (the heading names the region). */}
      <section
        aria-labelledby="token-entries-heading"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
        tabIndex={0}
        className="max-h-72 overflow-auto rounded-lg ring-1 ring-slate-200"
      >
        <table data-testid="entry-tokens" className="w-full text-left text-xs tabular-nums">
          <thead className="sticky top-0 bg-slate-50 text-slate-500">
            <tr>
              <th className="px-2 py-1">{t.tableEntry}</th>
              <th className="px-2 py-1 text-right">{t.tableTokens}</th>
              <th className="px-2 py-1">{t.tableTruncated}</th>
            </tr>
          </thead>
          <tbody>
            {explain.entries.slice(0, ENTRY_ROWS_SHOWN).map((entry, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries are identified by their position
              <tr key={i} data-testid="entry-token-row" className="border-slate-100 border-t">
                <td className="max-w-[11rem] truncate px-2 py-1 sm:max-w-md">
                  {i + 1}. {texts[i]}
                </td>
                <td className="px-2 py-1 text-right font-mono">{entry.tokens}</td>
                <td className="px-2 py-1">
                  {entry.truncated ? (
                    <span
                      data-testid="entry-truncated"
                      className="rounded bg-red-100 px-1 font-medium text-red-800"
                    >
                      {t.cutAt(formatNumber(maxTokens))}
                    </span>
                  ) : (
                    <span className="text-slate-500">{t.notCut}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {texts.length > ENTRY_ROWS_SHOWN ? (
        <p className="text-slate-500 text-xs">{t.firstRows(formatNumber(ENTRY_ROWS_SHOWN))}</p>
      ) : null}
    </section>
  );
}
