import 'server-only';
import {
  DEFAULT_INSTRUCTION,
  type EmbedResponse,
  type ParsedEmbedRequest,
  resolveInstruction,
} from '../lib/schemas';
import { cleanRequiredTexts } from '../lib/text-clean';
import { reserveResponse } from './large-responses';
import type { TextEmbedder } from './text-embedder';
import { formatQuery } from './tokenizer';

export interface EmbedResult {
  /** Full-length (or `dimensions`-long) normalised vectors, in input order. */
  vectors: Float32Array[];
  /** The rest of the /api/embed response. */
  rest: Omit<EmbedResponse, 'embeddings'>;
  /** Frees the large-response slot once the response is sent or abandoned. */
  release: () => void;
}

/** /api/embed: the vectors and token counts; cache counts only when REPORT_CACHE_STATS is on. */
export async function embedTexts(
  embedder: TextEmbedder,
  req: ParsedEmbedRequest,
  signal?: AbortSignal,
): Promise<EmbedResult> {
  const { info, tokenizer } = embedder.requireReady();
  // Before any work on the texts: a refusal must stay cheap when many large requests arrive at once.
  const release = reserveResponse(req.texts.length * Math.min(req.dimensions ?? info.dims, info.dims));
  try {
    const texts = cleanRequiredTexts(req.texts, 'texts');
    const out = await embedder.embed(texts, {
      kind: req.kind,
      instruction: resolveInstruction(req),
      dimensions: req.dimensions,
      signal,
      field: 'texts',
    });
    const instruction = resolveInstruction(req) ?? DEFAULT_INSTRUCTION;
    const rest = {
      dims: out.vectors[0]?.length ?? info.dims,
      tokens: out.tokens,
      // Only a text that fills maxTokens can have been cut; tokenising just those again says if it was.
      // A remote backend (no tokenizer here) tokenises and cuts on the other server, and its token
      // counts are apportioned from a batch total, so nothing here can say a text was cut: all false.
      truncated: out.tokens.map(
        (count, i) =>
          tokenizer !== undefined &&
          count >= info.maxTokens &&
          tokenizer.isTruncated(
            req.kind === 'query' ? formatQuery(texts[i] as string, instruction) : (texts[i] as string),
            info.maxTokens,
          ),
      ),
      model: info,
      ...(embedder.reportsCacheStats ? { cache: { embedded: out.embedded, cached: out.cached } } : {}),
    };
    return { vectors: out.vectors, rest, release };
  } catch (err) {
    release();
    throw err;
  }
}
