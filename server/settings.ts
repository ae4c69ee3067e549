import 'server-only';
/**
 * Server settings, read from the environment once and validated: a bad value fails at start with a
 * message naming the variable, not at the first request. Nothing else in the app reads process.env.
 */
import os from 'node:os';
import { z } from 'zod';
import {
  DEFAULT_LIMITS,
  DEFAULT_WINDOW_STRIDE_TOKENS,
  DEFAULT_WINDOW_TOKENS,
  DEVICES,
  MAX_INSTRUCTION_CHARS,
  type RequestLimits,
} from '../lib/schemas';
import { DTYPES } from './model-files';

const int = (min: number) => z.coerce.number().int().min(min);

const envSchema = z.object({
  MODEL_DIR: z.string().min(1).optional(),
  MODEL_DTYPE: z.enum(['auto', ...DTYPES]).default('auto'),
  EMBEDDER_DEVICE: z.enum(['auto', ...DEVICES]).default('auto'),
  MAX_TOKENS: int(2).default(DEFAULT_LIMITS.maxTokens),
  PORT: int(1).max(65535).default(3000),
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
  /** Texts waiting for the model, across all requests; past it new work is refused with 429. */
  MAX_QUEUE_TEXTS: int(1).default(4096),
  MAX_INPUTS: int(1).default(DEFAULT_LIMITS.maxInputs),
  MAX_CHARS_PER_TEXT: int(1).default(DEFAULT_LIMITS.maxCharsPerText),
  /** Tokens one request may send to the model (after truncation to MAX_TOKENS per text). */
  MAX_REQUEST_TOKENS: int(1).default(DEFAULT_LIMITS.maxRequestTokens),
  /** Long entries in /api/search are scored by windows of this many tokens (EOS included)… */
  WINDOW_TOKENS: int(16).default(DEFAULT_WINDOW_TOKENS),
  /** …starting every this many tokens (at most WINDOW_TOKENS − 1, so windows overlap or touch). */
  WINDOW_STRIDE_TOKENS: int(1).default(DEFAULT_WINDOW_STRIDE_TOKENS),
  MAX_BODY_BYTES: int(1024).default(4 * 1024 * 1024),
  CACHE_MAX_BYTES: int(0).default(256 * 1024 * 1024),
  SHUTDOWN_GRACE_MS: int(0).default(30_000),
  /** pino level for the one-line JSON logs; each request logs at info (probes and scrapes at debug). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Settings = z.infer<typeof envSchema> & { ortThreads: number; maxBatchTokens: number };

function load(): Settings {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid server settings: ${problems}`);
  }
  const env = parsed.data;
  if (env.WINDOW_STRIDE_TOKENS >= env.WINDOW_TOKENS) {
    throw new Error('Invalid server settings: WINDOW_STRIDE_TOKENS must be smaller than WINDOW_TOKENS');
  }
  const cores = os.availableParallelism();
  return {
    ...env,
    ortThreads: env.ORT_THREADS ?? Math.max(1, Math.floor(cores / env.EMBED_WORKERS)),
    maxBatchTokens: env.MAX_BATCH_TOKENS ?? 512,
  };
}

let cached: Settings | undefined;

export function settings(): Settings {
  cached ??= load();
  return cached;
}

/** The request limits these settings impose (maxTokens before the model's own context caps it). */
export function requestLimits(s: Settings): RequestLimits {
  return {
    maxInputs: s.MAX_INPUTS,
    maxCharsPerText: s.MAX_CHARS_PER_TEXT,
    maxInstructionChars: MAX_INSTRUCTION_CHARS,
    maxTokens: s.MAX_TOKENS,
    maxRequestTokens: s.MAX_REQUEST_TOKENS,
  };
}

/**
 * `npm run model:pull` reads the variables the Hugging Face tools read, so a mirror or a token set
 * up for them works here too. Kept apart from the server's schema: a pull needs none of its settings.
 */
const hubEnvSchema = z.object({
  HF_ENDPOINT: z
    .url({ protocol: /^https?$/ })
    .default('https://huggingface.co')
    .transform((url) => url.replace(/\/+$/, '')),
  /** HUGGING_FACE_HUB_TOKEN is the older name huggingface_hub still honours. */
  HF_TOKEN: z.string().min(1).optional(),
  HUGGING_FACE_HUB_TOKEN: z.string().min(1).optional(),
});

export interface HubSettings {
  endpoint: string;
  token?: string;
}

export function hubSettings(): HubSettings {
  const parsed = hubEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid Hugging Face settings: ${problems}`);
  }
  return {
    endpoint: parsed.data.HF_ENDPOINT,
    token: parsed.data.HF_TOKEN ?? parsed.data.HUGGING_FACE_HUB_TOKEN,
  };
}
