import 'server-only';
import {
  DEFAULT_INSTRUCTION,
  type EmbedResponse,
  type ParsedEmbedRequest,
  resolveInstruction,
} from '../lib/schemas';
import { cleanRequiredTexts } from '../lib/text-clean';
import type { Embedder } from './embedder';
import { formatQuery } from './tokenizer';

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
  const { info, tokenizer } = embedder.requireReady();
  const instruction = resolveInstruction(req) ?? DEFAULT_INSTRUCTION;
  return {
    embeddings: out.vectors.map((v) => Array.from(v)),
    dims: out.vectors[0]?.length ?? info.dims,
    tokens: out.tokens,
    // Only a text that fills maxTokens can have been cut; tokenising just those again says if it was.
    truncated: out.tokens.map(
      (count, i) =>
        count >= info.maxTokens &&
        tokenizer.isTruncated(
          req.kind === 'query' ? formatQuery(texts[i] as string, instruction) : (texts[i] as string),
          info.maxTokens,
        ),
    ),
    model: info,
    cache: { embedded: out.embedded, cached: out.cached },
  };
}
