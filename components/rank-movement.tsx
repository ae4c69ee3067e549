import type { Messages } from '@/lib/i18n/catalogues';
import type { SearchResponse } from '@/lib/schemas';
import { rankMove, topKOverlap } from '@/lib/teaching';
import { useI18n } from './i18n-provider';

/**
 * With shortened vectors: how the ranking moved against the full-width one (computed by the server
 * from the same cached vectors), and how many of the top k both agree on.
 */
export function RankMovement({ response, topK }: { response: SearchResponse; topK: number }) {
  const { m, formatNumber } = useI18n();
  const t = m.results.rankMovement;
  const full = response.explain?.fullRanking;
  if (!full) return null;
  const results = response.results.slice(0, topK);
  const k = results.length;
  return (
    <section
      data-testid="rank-movement"
      aria-label={t.label}
      className="mb-3 rounded-lg bg-sky-50 px-3 py-2 text-sm ring-1 ring-sky-200 ring-inset"
    >
      <p className="text-sky-950">
        {t.rankedWith(
          <strong key="dims" data-testid="rank-dims">
            {response.query.dims}
          </strong>,
          String(full.dims),
          formatNumber(k),
          <strong key="overlap" data-testid="rank-overlap">
            {t.overlap(formatNumber(topKOverlap(full.ranks, k)), formatNumber(k))}
          </strong>,
        )}
      </p>
      <ol className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sky-900 text-xs">
        {results.map((result, position) => {
          const fullRank = full.ranks[position] ?? position + 1;
          return (
            <li key={result.index} data-testid="rank-move">
              {t.move(formatNumber(position + 1), formatNumber(fullRank))}{' '}
              <span aria-hidden className="font-semibold">
                {rankMove(position + 1, fullRank)}
              </span>
              <span className="sr-only">{moveLabel(t, position + 1, fullRank)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function moveLabel(t: Messages['results']['rankMovement'], rank: number, fullRank: number): string {
  if (rank === fullRank) return t.same;
  return rank < fullRank ? t.up(String(fullRank - rank)) : t.down(String(rank - fullRank));
}
