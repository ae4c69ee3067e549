import { parseWith, readJsonBody, route } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { schemas } from '@/server/request-schemas';
import { search } from '@/server/search';
import { streamSearch } from '@/server/search-stream';

export const dynamic = 'force-dynamic';

/** JSON by default; NDJSON progress events then the result when the client accepts application/x-ndjson. */
export const POST = route(async (request) => {
  const body = parseWith(schemas.search, await readJsonBody(request));
  if (request.headers.get('accept')?.includes('application/x-ndjson')) {
    return streamSearch(getEmbedder(), body, request.signal);
  }
  return Response.json(await search(getEmbedder(), body, { signal: request.signal }));
});
