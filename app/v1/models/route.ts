import { getEmbedder } from '@/server/instance';
import { listModels } from '@/server/openai-embeddings';
import { v1OtherMethods, v1Route } from '@/server/openai-http';

export const dynamic = 'force-dynamic';

/** The one model this server embeds with, in OpenAI's list shape. */
export const GET = v1Route(() => Response.json(listModels(getEmbedder())));

export const { POST, PUT, DELETE, PATCH, OPTIONS } = v1OtherMethods('/v1/models');
