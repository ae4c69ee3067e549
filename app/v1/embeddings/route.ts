import { jsonResponseStreamingRows, parseWith, readJsonBody } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { createEmbeddings } from '@/server/openai-embeddings';
import { v1OtherMethods, v1Route } from '@/server/openai-http';
import { openAIEmbeddings } from '@/server/request-schemas';

export const dynamic = 'force-dynamic';

/** OpenAI's embeddings API (see README "OpenAI-compatible API"). */
export const POST = v1Route(async (request) => {
  const body = parseWith(openAIEmbeddings, await readJsonBody(request));
  const { rest, count, rowJson, headers, release } = await createEmbeddings(
    getEmbedder(),
    body,
    request.signal,
  );
  const response = jsonResponseStreamingRows(rest, 'data', count, rowJson, release);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
});

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = v1OtherMethods('/v1/embeddings');
