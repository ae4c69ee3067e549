/**
 * The HTTP contract, defined once. The server validates requests with these schemas; the browser
 * infers its types from them. Limits that depend on server settings (inputs per request, characters
 * per text) are passed in by `requestSchemas(limits)`; the browser uses the defaults only for types.
 */
import { z } from 'zod';

export const DEFAULT_INSTRUCTION =
  'Given a web search query, retrieve relevant passages that answer the query';
export const DEFAULT_TOP_K = 5;
export const DEFAULT_THRESHOLD = 0.4;
/** How many leading query-vector values /api/search returns (the seed article's chart). */
export const QUERY_PREVIEW_LENGTH = 50;
export const MIN_DIMENSIONS = 32;

export interface RequestLimits {
  maxInputs: number;
  maxCharsPerText: number;
  maxInstructionChars: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  maxInputs: 2048,
  maxCharsPerText: 50_000,
  maxInstructionChars: 2_000,
};

function textField(limits: RequestLimits) {
  return z
    .string({ error: 'must be a string' })
    .max(limits.maxCharsPerText, { error: `must be at most ${limits.maxCharsPerText} characters` });
}

const dimensionsField = z
  .number({ error: 'must be an integer' })
  .int({ error: 'must be an integer' })
  .min(MIN_DIMENSIONS, { error: `must be at least ${MIN_DIMENSIONS}` })
  .optional();

export function requestSchemas(limits: RequestLimits = DEFAULT_LIMITS) {
  const instruction = z
    .string({ error: 'must be a string' })
    .max(limits.maxInstructionChars, { error: `must be at most ${limits.maxInstructionChars} characters` })
    .optional();
  const texts = z
    .array(textField(limits), { error: 'must be an array of strings' })
    .min(1, { error: 'must not be empty' })
    .max(limits.maxInputs, { error: `must have at most ${limits.maxInputs} entries` });

  const search = z.object({
    knowledgeBase: texts,
    query: textField(limits),
    topK: z
      .number({ error: 'must be an integer' })
      .int({ error: 'must be an integer' })
      .min(1, { error: 'must be at least 1' })
      .max(100, { error: 'must be at most 100' })
      .default(DEFAULT_TOP_K),
    threshold: z
      .number({ error: 'must be a number' })
      .min(-1, { error: 'must be at least -1' })
      .max(1, { error: 'must be at most 1' })
      .default(DEFAULT_THRESHOLD),
    instruction,
    dimensions: dimensionsField,
  });

  const embed = z.object({
    texts,
    kind: z.enum(['document', 'query'], { error: 'must be "document" or "query"' }).default('document'),
    instruction,
    dimensions: dimensionsField,
  });

  return { search, embed };
}

type Schemas = ReturnType<typeof requestSchemas>;
export type SearchRequest = z.input<Schemas['search']>;
export type ParsedSearchRequest = z.output<Schemas['search']>;
export type EmbedRequest = z.input<Schemas['embed']>;
export type ParsedEmbedRequest = z.output<Schemas['embed']>;
export type TextKind = ParsedEmbedRequest['kind'];

export const modelInfoSchema = z.object({
  id: z.string(),
  dims: z.number(),
  dtype: z.string(),
  maxTokens: z.number(),
  /** True for the generated random-weight model: its rankings mean nothing. */
  isTestModel: z.boolean(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const deviceSchema = z.enum(['cpu', 'cuda']);

export const healthSchema = z.object({
  status: z.enum(['loading', 'ready', 'error']),
  message: z.string().optional(),
  model: modelInfoSchema.optional(),
  device: deviceSchema.optional(),
  /** Why this device was chosen (e.g. why CUDA was not used). */
  deviceReason: z.string().optional(),
  workerRestarts: z.number(),
  /** The batch queue, once the model is loaded (see server/batch-scheduler.ts). */
  queue: z
    .object({
      pendingTexts: z.number(),
      /** Expected wait for new work in each class at the current throughput; past maxWaitMs → 429. */
      estimatedWaitMs: z.object({ query: z.number(), document: z.number() }),
      maxWaitMs: z.number(),
      /** Token-equivalents per second (tokens plus attention's share), all workers together. */
      tokensPerSecond: z.number(),
      /** False until the first batch ran: tokensPerSecond is then a conservative guess. */
      throughputMeasured: z.boolean(),
      /** Recent requests' time waiting (total time minus their own work), ms. */
      timeInQueueMs: z.object({ count: z.number(), p50: z.number(), p99: z.number(), max: z.number() }),
    })
    .optional(),
});
export type Health = z.infer<typeof healthSchema>;

/** How many texts were run through the model vs. served from the vector cache. */
export const cacheStatsSchema = z.object({ embedded: z.number(), cached: z.number() });

export const searchResponseSchema = z.object({
  results: z.array(
    z.object({ index: z.number(), text: z.string(), score: z.number(), aboveThreshold: z.boolean() }),
  ),
  query: z.object({ dims: z.number(), vector: z.array(z.number()), tokens: z.number() }),
  model: modelInfoSchema,
  device: deviceSchema,
  cache: cacheStatsSchema,
  timingMs: z.object({ embed: z.number(), rank: z.number(), total: z.number() }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
export type SearchResult = SearchResponse['results'][number];

export const embedResponseSchema = z.object({
  embeddings: z.array(z.array(z.number())),
  dims: z.number(),
  tokens: z.array(z.number()),
  model: modelInfoSchema,
  cache: cacheStatsSchema,
});
export type EmbedResponse = z.infer<typeof embedResponseSchema>;

/**
 * /api/search streams newline-delimited JSON when asked with `Accept: application/x-ndjson`:
 * progress events while the knowledge base is embedded, then one `result` (or `error`) line.
 */
export const searchEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), done: z.number(), total: z.number() }),
  z.object({ type: z.literal('result'), data: searchResponseSchema }),
  z.object({ type: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type SearchEvent = z.infer<typeof searchEventSchema>;
