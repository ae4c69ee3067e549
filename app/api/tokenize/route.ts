import { otherMethods, parseWith, readJsonBody, withJsonErrors } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { schemas } from '@/server/request-schemas';
import { tokenizeText } from '@/server/tokenize-text';

export const dynamic = 'force-dynamic';

export const POST = withJsonErrors(async (request) => {
  const body = parseWith(schemas.tokenize, await readJsonBody(request));
  return Response.json(tokenizeText(getEmbedder(), body));
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods('/api/tokenize');
