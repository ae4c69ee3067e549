'use client';

import { useQuery } from '@tanstack/react-query';
import type { SearchExplain, TokenizeRequest } from '@/lib/schemas';
import { groupTokens } from '@/lib/teaching';
import { tokenizeOptions } from '@/lib/teaching-queries';

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
          The query as the model reads it
        </h3>
        {tokenized.isError ? (
          <p role="alert" className="text-red-800 text-sm">
            Could not tokenise the query: {tokenized.error.message}
          </p>
        ) : !data ? (
          <p className="text-slate-500 text-sm">Tokenising…</p>
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
              {data.tokens.length} tokens:{' '}
              {data.instruction ? (
                <>
                  <span className="rounded bg-amber-100 px-1">{prefixTokens} for the instruction prefix</span>
                  ,{' '}
                </>
              ) : (
                'no instruction, '
              )}
              <span className="rounded bg-sky-100 px-1">
                {data.tokens.length - prefixTokens - 1} for the query
              </span>
              , and <span className="rounded bg-violet-700 px-1 text-white">{eos?.text}</span> at the end.
              {data.truncated ? ` Truncated to ${data.maxTokens} tokens.` : ''}
            </p>
            <ol
              data-testid="token-chips"
              className="flex flex-wrap gap-1.5"
              aria-label="Query tokens in order"
            >
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
                    {group.part === 'instruction' ? ' (instruction)' : ''}
                    {group.part === 'eos' ? ' (end of text: the embedding token)' : ''}
                  </span>
                </li>
              ))}
            </ol>
            <p data-testid="token-eos-note" className="text-slate-600 text-sm">
              <span className="font-semibold text-violet-800">{eos?.text}</span> (id {eos?.id}) is added at
              the end. The model reads the tokens left to right; its hidden state at this last token,
              normalised to length 1, is the embedding. A character split over two tokens is shown once, above
              both ids.
            </p>
          </>
        )}
      </section>

      <EntryTokens explain={explain} texts={texts} maxTokens={maxTokens} />
    </div>
  );
}

function EntryTokens({ explain, texts, maxTokens }: Omit<TokenViewProps, 'request'>) {
  const counts = explain.entries.map((e) => e.tokens);
  const truncated = explain.entries.filter((e) => e.truncated).length;
  const total = counts.reduce((s, n) => s + n, 0);
  return (
    <section aria-labelledby="token-entries-heading" className="space-y-2">
      <h3 id="token-entries-heading" className="font-medium text-slate-800 text-sm">
        Knowledge-base entries (no instruction)
      </h3>
      <p data-testid="entry-token-summary" className="text-slate-600 text-sm">
        {texts.length} entries, {total.toLocaleString('en-US')} tokens in all (end token included), longest{' '}
        {Math.max(...counts)}. {truncated === 0 ? 'None' : truncated} {truncated === 1 ? 'was' : 'were'} cut
        at the limit of {maxTokens.toLocaleString('en-US')} tokens.
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
              <th className="px-2 py-1">Entry</th>
              <th className="px-2 py-1 text-right">Tokens</th>
              <th className="px-2 py-1">Truncated</th>
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
                      ✂ cut at {maxTokens}
                    </span>
                  ) : (
                    <span className="text-slate-500">no</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {texts.length > ENTRY_ROWS_SHOWN ? (
        <p className="text-slate-500 text-xs">
          First {ENTRY_ROWS_SHOWN} entries listed; the totals cover all.
        </p>
      ) : null}
    </section>
  );
}
