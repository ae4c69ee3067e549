import 'server-only';
import { openAIEmbeddingsSchema } from '../lib/openai-schemas';
import { requestSchemas } from '../lib/schemas';
import { requestLimits, settings } from './settings';

/** The shared schemas with this server's configured limits. */
export const schemas = requestSchemas(requestLimits(settings()));

/** /v1/embeddings with the same limits (MAX_INPUTS is OpenAI's 2,048 by default). */
export const openAIEmbeddings = openAIEmbeddingsSchema(requestLimits(settings()));
