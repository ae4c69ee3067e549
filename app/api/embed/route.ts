import { embedTexts } from '@/server/embed-texts';
import { jsonResponseStreamingArray, parseWith, readJsonBody, withJsonErrors } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { schemas } from '@/server/request-schemas';

export const dynamic = 'force-dynamic';

export const POST = withJsonErrors(async (request) => {
  const body = parseWith(schemas.embed, await readJsonBody(request));
  return jsonResponseStreamingArray(await embedTexts(getEmbedder(), body, request.signal), 'embeddings');
});
