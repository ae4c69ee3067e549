import { embedTexts } from '@/server/embed-texts';
import {
  jsonResponseStreamingVectors,
  otherMethods,
  parseWith,
  readJsonBody,
  withJsonErrors,
} from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { schemas } from '@/server/request-schemas';

export const dynamic = 'force-dynamic';

export const POST = withJsonErrors(async (request) => {
  const body = parseWith(schemas.embed, await readJsonBody(request));
  const { vectors, rest, release } = await embedTexts(getEmbedder(), body, request.signal);
  return jsonResponseStreamingVectors(rest, 'embeddings', vectors, release);
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods('/api/embed');
