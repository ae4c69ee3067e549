import 'server-only';
/**
 * The model's own tokenizer (tokenizer.json from the model folder, loaded by transformers.js,
 * never from the network), wrapped to produce exactly what Qwen3-Embedding expects: the content's
 * ids truncated to maxTokens − 1, then the EOS token `<|endoftext|>` exactly once.
 *
 * Some tokenizer.json copies append EOS themselves (a TemplateProcessing post-processor), some
 * don't; encoding without special tokens and appending it here gives the same ids for both, and
 * truncation can never drop it (transformers.js truncates after adding special tokens).
 */
import path from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { AppError } from '../lib/errors';
import { type TokenSpan, tokenSpans } from './token-spans';

const EOS_TOKEN = '<|endoftext|>';
/** Yield to the event loop this often while tokenising a large request. */
const TOKENIZE_SLICE_MS = 8;

export class EmbeddingTokenizer {
  private constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    readonly eosId: number,
  ) {}

  static async load(modelDir: string, fallbackEosId?: number): Promise<EmbeddingTokenizer> {
    env.allowRemoteModels = false;
    env.localModelPath = `${path.resolve(path.dirname(modelDir))}${path.sep}`;
    const tokenizer = await AutoTokenizer.from_pretrained(path.basename(modelDir), {
      local_files_only: true,
    });
    const [eos] = tokenizer.convert_tokens_to_ids([EOS_TOKEN]) as number[];
    const eosId = typeof eos === 'number' && eos >= 0 ? eos : fallbackEosId;
    if (eosId === undefined) throw new Error(`${modelDir}/tokenizer.json has no ${EOS_TOKEN} token`);
    return new EmbeddingTokenizer(tokenizer, eosId);
  }

  /** The content's ids, without EOS or truncation (for splitting a long text into windows). */
  contentIds(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }) as number[];
  }

  /** Text for ids (as the tokenizer decodes them), to find where a window starts in its text. */
  decode(ids: readonly number[]): string {
    return this.tokenizer.decode(ids as number[], { skip_special_tokens: false });
  }

  /** Token ids for one text, ending in exactly one EOS, at most maxTokens long. */
  encode(text: string, maxTokens: number): Int32Array {
    return this.withEos(this.contentIds(text), maxTokens);
  }

  /** How many ids `withEos` makes of `content` before any truncation (trailing EOS ids count once). */
  lengthWithEos(content: ArrayLike<number>): number {
    let end = content.length;
    while (end > 0 && content[end - 1] === this.eosId) end--;
    return end + 1;
  }

  /**
   * The embedding model's input: `content` cut to maxTokens − 1, then EOS exactly once. Also the
   * rule for token-id inputs (/v1/embeddings), so ids and text give the same rows.
   */
  withEos(content: ArrayLike<number>, maxTokens: number): Int32Array {
    let end = Math.min(content.length, maxTokens - 1);
    // A text that itself ends in "<|endoftext|>" must not end up with two.
    while (end > 0 && content[end - 1] === this.eosId) end--;
    const ids = new Int32Array(end + 1);
    for (let i = 0; i < end; i++) ids[i] = content[i] as number;
    ids[end] = this.eosId;
    return ids;
  }

  /** True when `text` has more content tokens than fit before the EOS in maxTokens. */
  isTruncated(text: string, maxTokens: number): boolean {
    return this.encode(text, maxTokens + 1).length > maxTokens;
  }

  /**
   * The tokens `encode` gives (same ids, same truncation, the same final EOS), each with the span
   * of `text` it covers, for people to read: see token-spans.ts.
   */
  spans(text: string, maxTokens: number): { tokens: TokenSpan[]; truncated: boolean } {
    const pieces = this.tokenizer.tokenize(text, { add_special_tokens: false });
    const ids = this.tokenizer.convert_tokens_to_ids(pieces) as number[];
    const special = new Set(this.tokenizer.all_special_ids);
    const all = tokenSpans(text, pieces, ids, (id) => special.has(id) || id === this.eosId);
    let end = Math.min(all.length, maxTokens - 1);
    while (end > 0 && all[end - 1]?.id === this.eosId) end--;
    const eos: TokenSpan = {
      id: this.eosId,
      text: EOS_TOKEN,
      special: true,
      start: text.length,
      stop: text.length,
    };
    return { tokens: [...all.slice(0, end), eos], truncated: all.length > maxTokens - 1 };
  }

  /** Tokenises many texts, yielding between slices so health checks and pages stay responsive. */
  async encodeAll(
    texts: readonly string[],
    maxTokens: number,
    signal?: AbortSignal,
    /** Called (and expected to throw) for a text over maxTokens, instead of truncating it. */
    onTooLong?: (index: number, requested: number) => void,
  ): Promise<Int32Array[]> {
    const out: Int32Array[] = [];
    let sliceStart = performance.now();
    for (const [index, text] of texts.entries()) {
      const content = this.contentIds(text);
      if (onTooLong) {
        const requested = this.lengthWithEos(content);
        if (requested > maxTokens) onTooLong(index, requested);
      }
      out.push(this.withEos(content, maxTokens));
      if (performance.now() - sliceStart > TOKENIZE_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        if (signal?.aborted) throw new AppError('cancelled', 'The request was cancelled');
        sliceStart = performance.now();
      }
    }
    return out;
  }
}

export function formatQuery(query: string, instruction: string): string {
  return instruction ? `Instruct: ${instruction}\nQuery:${query}` : query;
}
