import 'server-only';
import { AppError } from '../lib/errors';
import {
  DEFAULT_INSTRUCTION,
  type ParsedTokenizeRequest,
  resolveInstruction,
  type TokenizeResponse,
} from '../lib/schemas';
import { cleanRequiredText } from '../lib/text-clean';
import type { TextEmbedder } from './text-embedder';
import { formatQuery } from './tokenizer';

/**
 * POST /api/tokenize: one text exactly as /api/embed feeds it to the model (cleaned; a query with
 * its instruction prefix; truncated; ended by EOS), as readable tokens. No model run.
 */
export function tokenizeText(embedder: TextEmbedder, req: ParsedTokenizeRequest): TokenizeResponse {
  const text = cleanRequiredText(req.text, 'text');
  const { tokenizer, info } = embedder.requireReady();
  if (!tokenizer)
    throw new AppError(
      'tokenizer_unavailable',
      'The embedding backend is remote (EMBEDDINGS_BASE_URL): this server has no tokenizer to show',
    );
  const input =
    req.kind === 'query' ? formatQuery(text, resolveInstruction(req) ?? DEFAULT_INSTRUCTION) : text;
  // formatQuery only ever puts the instruction in front, so the prefix is what precedes the text.
  const prefix = input.length - text.length;
  const { tokens, truncated } = tokenizer.spans(input, info.maxTokens);
  return {
    text: input,
    instruction: prefix > 0 ? { start: 0, stop: prefix } : null,
    tokens,
    truncated,
    maxTokens: info.maxTokens,
  };
}
