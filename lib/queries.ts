/** Query and mutation options, defined once and reused by every component that needs them. */
import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { fetchHealth, postSearch, type SearchProgress } from './api-client';
import type { SearchRequest } from './schemas';

const HEALTH_POLL_WHILE_NOT_READY_MS = 2_000;
const HEALTH_POLL_WHEN_READY_MS = 30_000;

export const healthQueryOptions = queryOptions({
  queryKey: ['health'],
  queryFn: ({ signal }) => fetchHealth(signal),
  // Poll quickly while the model loads (or the server is unreachable), then just keep an eye on it.
  refetchInterval: (query) =>
    query.state.data?.status === 'ready' ? HEALTH_POLL_WHEN_READY_MS : HEALTH_POLL_WHILE_NOT_READY_MS,
  retry: false,
});

export interface SearchVariables {
  request: SearchRequest;
  signal: AbortSignal;
  onProgress?: (progress: SearchProgress) => void;
}

export const searchMutationOptions = mutationOptions({
  mutationKey: ['search'],
  mutationFn: ({ request, signal, onProgress }: SearchVariables) =>
    postSearch(request, { signal, onProgress }),
  retry: false,
});
