import { otherMethods, parseWith, readJsonBody, route } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { schemas } from '@/server/request-schemas';
import { prepareSearch } from '@/server/search';
import { streamSearch } from '@/server/search-stream';

export const dynamic = 'force-dynamic';

/** JSON by default; NDJSON progress events then the result when the client accepts application/x-ndjson. */
export const POST = route(async (request) => {
  const body = parseWith(schemas.search, await readJsonBody(request));
  const search = prepareSearch(getEmbedder(), body);
  if (request.headers.get('accept')?.includes('application/x-ndjson'))
    return streamSearch(search, request.signal);
  return Response.json(await search({ signal: request.signal }));
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods('POST');
