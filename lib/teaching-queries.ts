/** Query options for the teaching views, defined once (see lib/queries.ts for the rest). */
import { queryOptions } from '@tanstack/react-query';
import { postTokenize } from './api-client';
import type { TokenizeRequest } from './schemas';

/** Tokenising is deterministic for a loaded model: one answer per request, kept for the session. */
export function tokenizeOptions(request: TokenizeRequest) {
  return queryOptions({
    queryKey: ['tokenize', request],
    queryFn: ({ signal }) => postTokenize(request, signal),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
