import { otherMethods, parseWith, readJsonBody, withJsonErrors } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { schemas } from '@/server/request-schemas';
import { runSearch, validateSearch } from '@/server/search';
import { streamSearch } from '@/server/search-stream';

export const dynamic = 'force-dynamic';

/** JSON by default; NDJSON progress events then the result when the client accepts application/x-ndjson. */
export const POST = withJsonErrors(async (request) => {
  const embedder = getEmbedder();
  const search = validateSearch(embedder, parseWith(schemas.search, await readJsonBody(request)));
  if (request.headers.get('accept')?.includes('application/x-ndjson'))
    return streamSearch(embedder, search, request.signal);
  return Response.json(await runSearch(embedder, search, { signal: request.signal }));
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods('/api/search');
