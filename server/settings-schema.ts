/**
 * Server settings, read from the environment once and validated: a bad value fails at start with a
 * message naming the variable, not at the first request. Nothing else in the app reads process.env.
 *
 * This module has no `server-only` marker so that the Node front server (server/front/, started by
 * scripts/serve.mjs outside Next's bundler) validates the same variables with the same defaults as
 * the app; inside the app, import `settings()` from ./settings.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_LIMITS,
  DEFAULT_WINDOW_STRIDE_TOKENS,
  DEFAULT_WINDOW_TOKENS,
  DEVICES,
  type Device,
} from '../lib/schemas';
import { DTYPES } from './model-files';

const int = (min: number) => z.coerce.number().int().min(min);
/** 0 turns the limit off. */
const limitOrOff = () => int(0);

/**
 * Tokens per text on the CPU when MAX_TOKENS is not set. Attention grows with the square of the
 * length: one 8,192-token text costs the only CPU worker 9–15 s and +3.3 GB (docs/reliability.md),
 * so the CPU default reads the first 2,048 tokens (≈ 1,500 English words) of each text.
 */
export const CPU_DEFAULT_MAX_TOKENS = 2048;
/** On CUDA the model's own context (8,192 for Qwen3-Embedding) is affordable. */
export const GPU_DEFAULT_MAX_TOKENS = DEFAULT_LIMITS.maxTokens;

/**
 * Host names a request may name when ALLOWED_HOSTS is not set: the loopback names. IP literals are
 * always allowed (a DNS-rebinding page reaches the server through a name, never an IP address).
 */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

const envSchema = z.object({
  MODEL_DIR: z.string().min(1).optional(),
  MODEL_DTYPE: z.enum(['auto', ...DTYPES]).default('auto'),
  EMBEDDER_DEVICE: z.enum(['auto', ...DEVICES]).default('auto'),
  /** Tokens per text, EOS included; unset: CPU_DEFAULT_MAX_TOKENS on the CPU, GPU_DEFAULT_MAX_TOKENS on CUDA. */
  MAX_TOKENS: int(2).optional(),
  PORT: int(1).max(65535).default(3000),
  /** Address the production server listens on. */
  HOSTNAME: z.string().min(1).default('0.0.0.0'),
  /** Padded tokens (rows × longest row) per inference batch; measured best on a 2-core CPU: see docs/benchmarks.md. */
  MAX_BATCH_TOKENS: int(1).optional(),
  /**
   * Extra wait for more requests before dispatching to an idle worker. 0 (default): dispatch on the
   * next tick; requests that arrive while the workers are busy share batches anyway.
   */
  BATCH_WINDOW_MS: z.coerce.number().min(0).max(1000).default(0),
  /** Inference worker threads, each with its own session. */
  EMBED_WORKERS: int(1).max(64).default(1),
  /** onnxruntime intra-op threads per worker (default: cores ÷ workers). */
  ORT_THREADS: int(1).optional(),
  /** onnxruntime's CPU memory arena keeps a buffer for every batch shape it has seen: off by default (measured). */
  ORT_CPU_ARENA: z.stringbool().default(false),
  /**
   * Let onnxruntime's threads spin between ops (faster batches) instead of sleeping (leaves CPU to
   * the HTTP thread under load). Measured both ways: see docs/benchmarks.md.
   */
  ORT_SPINNING: z.stringbool().default(true),
  /**
   * Longest expected wait behind the work already queued (at the measured throughput) that a new
   * request is admitted to; past it → 429 with Retry-After. The limit follows the machine's speed.
   */
  MAX_QUEUE_WAIT_MS: int(1).default(30_000),
  MAX_INPUTS: int(1).default(DEFAULT_LIMITS.maxInputs),
  MAX_CHARS_PER_TEXT: int(1).default(DEFAULT_LIMITS.maxCharsPerText),
  /** Tokens one request may send to the model (after truncation to MAX_TOKENS per text). */
  MAX_REQUEST_TOKENS: int(1).default(DEFAULT_LIMITS.maxRequestTokens),
  /** Long entries in /api/search are scored by windows of this many tokens (EOS included)… */
  WINDOW_TOKENS: int(16).default(DEFAULT_WINDOW_TOKENS),
  /** …starting every this many tokens (below WINDOW_TOKENS, so windows overlap). */
  WINDOW_STRIDE_TOKENS: int(1).default(DEFAULT_WINDOW_STRIDE_TOKENS),
  MAX_BODY_BYTES: int(1024).default(4 * 1024 * 1024),
  CACHE_MAX_BYTES: int(0).default(256 * 1024 * 1024),
  /**
   * Persistent vector cache on disk behind the in-memory one (vectors survive a restart); 0 turns
   * it off, and so does CACHE_MAX_BYTES=0.
   */
  DISK_CACHE_MAX_BYTES: int(0).default(2 * 1024 * 1024 * 1024),
  DISK_CACHE_DIR: z.string().min(1).default(path.join('.cache', 'vectors')),
  /**
   * Report `cache: {embedded, cached}` in responses. Off by default: on a shared server it tells one
   * user whether another already submitted a text.
   */
  REPORT_CACHE_STATS: z.stringbool().default(false),
  SHUTDOWN_GRACE_MS: int(0).default(30_000),
  /** When set, /v1/* requires `Authorization: Bearer <API_KEY>` (the page and /api/* stay open). */
  API_KEY: z.string().min(1).optional(),
  /** /v1/embeddings: truncate inputs over the model's context instead of answering 400 (as TEI's --auto-truncate). */
  AUTO_TRUNCATE: z.stringbool().default(false),
  /** Embed through this OpenAI-compatible server (…/v1) instead of the in-process ONNX model. */
  EMBEDDINGS_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  /** The remote model id; default: the first one the remote's GET /models lists. */
  EMBEDDINGS_MODEL: z.string().min(1).optional(),
  /** Inputs per remote call: TEI's default --max-client-batch-size is 32. */
  EMBEDDINGS_BATCH_SIZE: int(1).max(2048).default(32),
  /** Remote calls in flight at once per instance. */
  EMBEDDINGS_CONCURRENCY: int(1).max(64).default(4),
  /** Per remote call, retries included. */
  EMBEDDINGS_TIMEOUT_MS: int(100).default(30_000),
  /** Retries of one call after a 429, a 5xx or a refused connection (waiting as Retry-After asks). */
  EMBEDDINGS_MAX_RETRIES: int(0).max(10).default(3),
  /** pino level for the one-line JSON logs; each request logs at info (probes and scrapes at debug). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  // The front server's defences against slow, greedy or misdirected clients (server/front/).
  /** Time a client has to send the request line and headers. */
  HEADERS_TIMEOUT_MS: int(1000).default(10_000),
  /** Time a client has to send the whole request, body included. */
  REQUEST_TIMEOUT_MS: int(1000).default(30_000),
  /** Longest pause between two pieces of a request body. */
  BODY_IDLE_TIMEOUT_MS: int(100).default(5_000),
  /** Longest time a response may wait for the client to read it (no byte accepted) before the connection is closed. */
  SEND_TIMEOUT_MS: int(100).default(15_000),
  /** Open connections, all clients together; past it new connections are closed at once. */
  MAX_CONNECTIONS: int(1).default(1024),
  /** Open connections from one client address. */
  MAX_CONNECTIONS_PER_CLIENT: int(1).default(32),
  /** API requests per second one client may make on average (/api/health excepted); 0: no limit. */
  CLIENT_RATE_PER_S: limitOrOff().default(50),
  /** API requests one client may make at once above its rate (the bucket size). */
  CLIENT_BURST: int(1).default(100),
  /**
   * API requests one client may have in flight at once (a response over 1 MiB counts until the
   * client sends its next request on that connection or closes it); 0: no limit.
   */
  CLIENT_MAX_CONCURRENT: limitOrOff().default(4),
  /** Responses over 1 MiB being produced at once, all clients together; past it → 429. */
  MAX_LARGE_RESPONSES: int(1).default(8),
  /**
   * Host names (comma-separated) the server answers to, besides IP addresses; `*` allows any.
   * Default: the loopback names, which blocks DNS-rebinding pages.
   */
  ALLOWED_HOSTS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .default(LOOPBACK_HOSTS),
});

export type Settings = z.infer<typeof envSchema> & { ortThreads: number; maxBatchTokens: number };

/** Parses and validates the environment; throws one error naming every bad variable. */
export function parseSettings(env: Record<string, string | undefined> = process.env): Settings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid server settings: ${problems}`);
  }
  const values = parsed.data;
  if (values.WINDOW_STRIDE_TOKENS >= values.WINDOW_TOKENS) {
    throw new Error('Invalid server settings: WINDOW_STRIDE_TOKENS must be smaller than WINDOW_TOKENS');
  }
  const cores = os.availableParallelism();
  return {
    ...values,
    ortThreads: values.ORT_THREADS ?? Math.max(1, Math.floor(cores / values.EMBED_WORKERS)),
    maxBatchTokens: values.MAX_BATCH_TOKENS ?? 512,
  };
}

/** Tokens per text on `device`: MAX_TOKENS when set, else the device's default. */
export function maxTokensFor(settings: Pick<Settings, 'MAX_TOKENS'>, device: Device): number {
  return settings.MAX_TOKENS ?? (device === 'cuda' ? GPU_DEFAULT_MAX_TOKENS : CPU_DEFAULT_MAX_TOKENS);
}
