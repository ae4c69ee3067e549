import 'server-only';
/**
 * Server settings, read from the environment once and validated: a bad value fails at start with a
 * message naming the variable, not at the first request. Nothing else in the app reads process.env.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS, DEVICES, MAX_INSTRUCTION_CHARS, type RequestLimits } from '../lib/schemas';
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
  /**
   * Longest expected wait behind the work already queued (at the measured throughput) that a new
   * request is admitted to; past it → 429 with Retry-After. The limit follows the machine's speed.
   */
  MAX_QUEUE_WAIT_MS: int(1).default(30_000),
  MAX_INPUTS: int(1).default(DEFAULT_LIMITS.maxInputs),
  MAX_CHARS_PER_TEXT: int(1).default(DEFAULT_LIMITS.maxCharsPerText),
  /** Tokens one request may send to the model (after truncation to MAX_TOKENS per text). */
  MAX_REQUEST_TOKENS: int(1).default(DEFAULT_LIMITS.maxRequestTokens),
  MAX_BODY_BYTES: int(1024).default(4 * 1024 * 1024),
  CACHE_MAX_BYTES: int(0).default(256 * 1024 * 1024),
  /**
   * Persistent vector cache on disk behind the in-memory one (vectors survive a restart); 0 turns
   * it off, and so does CACHE_MAX_BYTES=0.
   */
  DISK_CACHE_MAX_BYTES: int(0).default(2 * 1024 * 1024 * 1024),
  DISK_CACHE_DIR: z.string().min(1).default(path.join('.cache', 'vectors')),
  SHUTDOWN_GRACE_MS: int(0).default(30_000),
});

export type Settings = z.infer<typeof envSchema> & { ortThreads: number; maxBatchTokens: number };

function load(): Settings {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid server settings: ${problems}`);
  }
  const env = parsed.data;
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
