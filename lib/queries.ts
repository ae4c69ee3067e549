/** Query options, defined once and reused by every component that needs them. */
import { queryOptions } from '@tanstack/react-query';
import { fetchHealth, postEmbed } from './api-client';

const HEALTH_POLL_WHILE_NOT_READY_MS = 2_000;
const HEALTH_POLL_WHEN_READY_MS = 30_000;

export const healthQueryOptions = queryOptions({
  queryKey: ['health'],
  queryFn: ({ signal }) => fetchHealth(signal),
  // Poll quickly while the model loads or the last check failed (so the page notices the server is
  // back by itself), then just keep an eye on it.
  refetchInterval: (query) =>
    query.state.status === 'success' && query.state.data?.status === 'ready'
      ? HEALTH_POLL_WHEN_READY_MS
      : HEALTH_POLL_WHILE_NOT_READY_MS,
  retry: false,
});

/** The whole query vector (the search answers with its first values only), for the vector panel. */
export function queryVectorOptions(query: string, instruction: string | undefined) {
  return queryOptions({
    queryKey: ['query-vector', query, instruction ?? null],
    queryFn: async ({ signal }) => {
      const response = await postEmbed({ texts: [query], kind: 'query', instruction }, signal);
      return response.embeddings[0] ?? [];
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
