import 'server-only';
/**
 * What the routes need from an embedder, whichever backend answers: the in-process ONNX model
 * (server/embedder.ts) or a remote OpenAI-compatible server (server/remote-embedder.ts). Both
 * share the cache, query formatting and Matryoshka shortening (server/embed-pipeline.ts), so the
 * page, /api/* and /v1/* behave the same on either.
 */
import type { Health, ModelInfo, TextKind } from '../lib/schemas';
import type { EmbeddingTokenizer } from './tokenizer';

/** Where the vectors are computed: this process's CPU or GPU, or another server. */
export type AnsweredBy = 'cpu' | 'cuda' | 'remote';

export interface EmbedOptions {
  kind: TextKind;
  /** Query instruction; undefined → the default, '' → none. */
  instruction?: string;
  dimensions?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** The request field holding the inputs, for error messages (e.g. "knowledgeBase", "input"). */
  field: string;
  /** The one query of a search: queued as a query whatever its length. */
  searchQuery?: boolean;
  /**
   * An input longer than the model's context: cut it (the default: /api and the page) or refuse
   * it with a 400 naming its length (/v1/embeddings unless AUTO_TRUNCATE, as OpenAI does).
   */
  overLimit?: 'truncate' | 'reject';
}

/** Where the time of one embed call went, for /v1's x-*-time headers (ms). */
export interface EmbedTiming {
  /** Tokenising (in-process) or 0 (remote: the upstream tokenises). */
  tokenizeMs: number;
  /** Waiting for a free worker (in-process) or 0 (remote). */
  queueMs: number;
  /** From the first batch starting to the last one finishing (remote: the upstream calls). */
  inferenceMs: number;
}

export interface EmbedOutcome {
  vectors: Float32Array[];
  /** Tokens per input, EOS included (from the cache for cached inputs). */
  tokens: number[];
  embedded: number;
  cached: number;
  timing: EmbedTiming;
}

export interface ReadyModel {
  info: ModelInfo;
  device: AnsweredBy;
  /**
   * The model's own tokenizer, when this process has it: the in-process backend does; a remote
   * backend tokenises on the other server, so what needs it here (/api/tokenize, the truncation
   * check) says so or does without.
   */
  tokenizer?: EmbeddingTokenizer;
}

export interface TextEmbedder {
  readonly backend: 'onnx' | 'remote';
  /** Starts loading / connecting (once); resolves when it is done or has failed. */
  start(): Promise<void>;
  /** Whether responses may say what came from the shared cache (REPORT_CACHE_STATS). */
  readonly reportsCacheStats: boolean;
  /** The state for GET /api/health; a pure read. */
  health(): Health;
  /** The model answering, or the 503 a request should get while there is none. */
  requireReady(): ReadyModel;
  embed(texts: readonly string[], opts: EmbedOptions): Promise<EmbedOutcome>;
  /** Token-id inputs (/v1/embeddings), embedded as those exact ids with the EOS rule applied. */
  embedTokenIds(rows: readonly number[][], opts: EmbedOptions): Promise<EmbedOutcome>;
  close(): Promise<void>;
}

/** OpenAI's wording, so clients that parse it (and people who know it) recognise it. */
export function contextLengthMessage(maxTokens: number, requested: number): string {
  return `This model's maximum context length is ${maxTokens} tokens, however you requested ${requested} tokens. Shorten the input, or start the server with AUTO_TRUNCATE=true to cut it instead.`;
}
