import { jsonResponseStreamingArray, parseWith, readJsonBody } from '@/server/http';
import { getEmbedder } from '@/server/instance';
import { createEmbeddings } from '@/server/openai-embeddings';
import { v1Route } from '@/server/openai-http';
import { openAIEmbeddings } from '@/server/request-schemas';

export const dynamic = 'force-dynamic';

/** OpenAI's embeddings API (see README "OpenAI-compatible API"). */
export const POST = v1Route(async (request) => {
  const body = parseWith(openAIEmbeddings, await readJsonBody(request));
  const { body: answer, headers } = await createEmbeddings(getEmbedder(), body, request.signal);
  const response = jsonResponseStreamingArray(answer, 'data');
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
});
