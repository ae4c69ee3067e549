import 'server-only';
import { type EmbedResponse, type ParsedEmbedRequest, resolveInstruction } from '../lib/schemas';
import { cleanRequiredTexts } from '../lib/text-clean';
import type { Embedder } from './embedder';

/** /api/embed: full-length (or `dimensions`-long) normalised vectors and token counts, in input order. */
export async function embedTexts(
  embedder: Embedder,
  req: ParsedEmbedRequest,
  signal?: AbortSignal,
): Promise<EmbedResponse> {
  const texts = cleanRequiredTexts(req.texts, 'texts');
  const out = await embedder.embed(texts, {
    kind: req.kind,
    instruction: resolveInstruction(req),
    dimensions: req.dimensions,
    signal,
    field: 'texts',
  });
  const { info } = embedder.requireReady();
  return {
    embeddings: out.vectors.map((v) => Array.from(v)),
    dims: out.vectors[0]?.length ?? info.dims,
    tokens: out.tokens,
    model: info,
    cache: { embedded: out.embedded, cached: out.cached },
  };
}
