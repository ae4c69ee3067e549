import type { SearchResponse } from '@/lib/schemas';
import { rankMove, topKOverlap } from '@/lib/teaching';

/**
 * With shortened vectors: how the ranking moved against the full-width one (computed by the server
 * from the same cached vectors), and how many of the top k both agree on.
 */
export function RankMovement({ response, topK }: { response: SearchResponse; topK: number }) {
  const full = response.explain?.fullRanking;
  if (!full) return null;
  const results = response.results.slice(0, topK);
  const k = results.length;
  return (
    <section
      data-testid="rank-movement"
      aria-label="Ranking compared with full-size vectors"
      className="mb-3 rounded-lg bg-sky-50 px-3 py-2 text-sm ring-1 ring-sky-200 ring-inset"
    >
      <p className="text-sky-950">
        Ranked with <strong data-testid="rank-dims">{response.query.dims}</strong> of {full.dims} dimensions.
        Top {k} overlap with the full-size ranking:{' '}
        <strong data-testid="rank-overlap">
          {topKOverlap(full.ranks, k)} of {k}
        </strong>
        .
      </p>
      <ol className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sky-900 text-xs">
        {results.map((result, position) => {
          const fullRank = full.ranks[position] ?? position + 1;
          return (
            <li key={result.index} data-testid="rank-move">
              #{position + 1}: full-size #{fullRank}{' '}
              <span aria-hidden className="font-semibold">
                {rankMove(position + 1, fullRank)}
              </span>
              <span className="sr-only">{moveLabel(position + 1, fullRank)}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function moveLabel(rank: number, fullRank: number): string {
  if (rank === fullRank) return 'same rank';
  return rank < fullRank ? `up ${fullRank - rank}` : `down ${rank - fullRank}`;
}
