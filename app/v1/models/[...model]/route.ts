import { getEmbedder } from '@/server/instance';
import { retrieveModel } from '@/server/openai-embeddings';
import { v1OtherMethods, v1Route } from '@/server/openai-http';

export const dynamic = 'force-dynamic';

/** GET /v1/models/{id}; a catch-all because model ids often contain a slash (Qwen/Qwen3-Embedding-0.6B). */
export const GET = v1Route<{ params: Promise<{ model: string[] }> }>(async (_request, { params }) => {
  const id = (await params).model.map(decodeURIComponent).join('/');
  return Response.json(retrieveModel(getEmbedder(), id));
}, '/v1/models/[id]');

export const { POST, PUT, DELETE, PATCH, OPTIONS } = v1OtherMethods('/v1/models/[...model]');
