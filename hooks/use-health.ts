'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { healthQueryOptions } from '@/lib/queries';

export type ServerState = 'checking' | 'loading' | 'ready' | 'unavailable' | 'unreachable';

/**
 * The server's health as the page should believe it: the latest check decides (a failed check
 * means unreachable even if an earlier one said ready), and `recheck` asks again at once, which the
 * page does after any failed request so the header never shows green for a server that is gone.
 */
export function useHealth() {
  const query = useQuery(healthQueryOptions);
  const queryClient = useQueryClient();
  const recheck = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: healthQueryOptions.queryKey });
  }, [queryClient]);

  let state: ServerState = 'checking';
  if (query.isError) state = 'unreachable';
  else if (query.data?.status === 'ready') state = 'ready';
  else if (query.data?.status === 'error') state = 'unavailable';
  else if (query.data?.status === 'loading') state = 'loading';

  return {
    state,
    health: query.data,
    error: query.isError ? query.error : null,
    /** When the last successful check answered (ms since the epoch; 0 before the first). */
    checkedAt: query.dataUpdatedAt,
    recheck,
  };
}
