/**
 * The HTTP contract, defined once. The server validates requests with these schemas; the browser
 * infers its types from them and can validate with them too. Limits that depend on server settings
 * (inputs per request, characters per text) are passed in by `requestSchemas(limits)`: the server
 * passes its settings, the browser the `limits` that /api/health reports.
 */
import { z } from 'zod';

export const DEFAULT_INSTRUCTION =
  'Given a web search query, retrieve relevant passages that answer the query';
export const DEFAULT_TOP_K = 5;
export const DEFAULT_THRESHOLD = 0.4;
/**
 * How many leading query-vector values /api/search returns: enough to draw the vector's shape in
 * the page's chart without sending thousands of numbers per search.
 */
export const QUERY_PREVIEW_LENGTH = 50;

/** Ranges the API fixes for every server (not settings); the page renders its input bounds from them. */
export const TOP_K_MIN = 1;
export const TOP_K_MAX = 100;
/** Cosine similarity of unit vectors lies in −1..1. */
export const THRESHOLD_MIN = -1;
export const THRESHOLD_MAX = 1;

/** The one rule for "above the threshold", used by the server's response and the page's re-ranking. */
export function passesThreshold(score: number, threshold: number): boolean {
  return score > threshold;
}
/** Qwen3-Embedding supports Matryoshka prefixes from 32 dimensions up to its full width. */
export const MIN_DIMENSIONS = 32;
export const MAX_INSTRUCTION_CHARS = 2_000;
/**
 * Matryoshka sizes the page offers (those up to the model's width, then the full width). The
 * model is trained to keep these prefixes meaningful; the API takes any width in range.
 */
export const MATRYOSHKA_DIMENSIONS = [32, 64, 128, 256, 512, 1024, 2048, 4096] as const;
/**
 * The similarity heatmap draws at most this many entries (n² cells: 3,600 at 60 stays readable
 * and light to render); a larger base is shown as its top entries by score.
 */
export const HEATMAP_MAX_ENTRIES = 60;
/**
 * "Why this score" compares the query with one result: `explain` carries the vectors of this many
 * best results (20 × 4,096 values for the 8B model is already ~0.7 MB of JSON).
 */
export const EXPLAIN_RESULT_VECTORS = 20;

/**
 * Qwen3-Embedding's task styles, as one-sentence instructions in the form its authors evaluate
 * with (`Instruct: {task}\nQuery:{query}`). `none` embeds the bare query. Their names on the page are
 * in the message catalogue (lib/i18n, `query.knobs.presets`).
 */
export const INSTRUCTION_PRESETS = [
  { id: 'web-search', instruction: DEFAULT_INSTRUCTION },
  {
    id: 'question-answering',
    instruction: 'Given a question, retrieve passages that answer the question',
  },
  {
    id: 'similar-text',
    instruction: 'Retrieve semantically similar text',
  },
  {
    id: 'classification',
    instruction: 'Classify the given text into the category that best describes its topic',
  },
  {
    id: 'clustering',
    instruction: 'Identify the main topic or theme of the given text',
  },
  { id: 'none', instruction: '' },
] as const;
export type InstructionPresetId = (typeof INSTRUCTION_PRESETS)[number]['id'];
/** The preset whose instruction is DEFAULT_INSTRUCTION: what a request that names none gets. */
export const DEFAULT_PRESET: InstructionPresetId = 'web-search';
const PRESET_IDS = INSTRUCTION_PRESETS.map((p) => p.id) as [InstructionPresetId, ...InstructionPresetId[]];

/** The instruction a request asks for: its own text, else its preset's, else undefined (the default). */
export function resolveInstruction(request: {
  instruction?: string;
  task?: InstructionPresetId;
}): string | undefined {
  if (request.instruction !== undefined) return request.instruction;
  return INSTRUCTION_PRESETS.find((p) => p.id === request.task)?.instruction;
}

/**
 * How /api/search reads an entry longer than one window: `window` scores it by its best window
 * (max), `mean` by the re-normalised mean of its window vectors, `truncate` reads only its first
 * MAX_TOKENS tokens. The default is `window`: the best window keeps a short passage that answers the
 * query from being diluted by the rest of a long entry, and it tells the reader where the match is.
 */
export const LONG_ENTRY_MODES = ['window', 'mean', 'truncate'] as const;
export type LongEntryMode = (typeof LONG_ENTRY_MODES)[number];
export const DEFAULT_LONG_ENTRIES: LongEntryMode = 'window';
/** Window size and stride in tokens (EOS included in the size): the classic 512 / 256 long-text recipe. */
export const DEFAULT_WINDOW_TOKENS = 512;
export const DEFAULT_WINDOW_STRIDE_TOKENS = 256;

/** The kinds of text /api/embed takes; queries get the instruction and go first in the queue. */
export const TEXT_KINDS = ['document', 'query'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** The request limits a server enforces; GET /api/health reports its effective values. */
export const requestLimitsSchema = z.object({
  /** Entries (knowledgeBase) or texts per request: MAX_INPUTS. */
  maxInputs: z.number(),
  /** Characters per entry, query or text: MAX_CHARS_PER_TEXT. */
  maxCharsPerText: z.number(),
  maxInstructionChars: z.number(),
  /** Tokens per text; longer texts are truncated: MAX_TOKENS, capped by the model's context. */
  maxTokens: z.number(),
  /** Tokens one request may send to the model, after truncation: MAX_REQUEST_TOKENS. */
  maxRequestTokens: z.number(),
});
export type RequestLimits = z.infer<typeof requestLimitsSchema>;

/**
 * The defaults of the configurable limits: server/settings.ts uses them as the defaults of
 * MAX_INPUTS, MAX_CHARS_PER_TEXT, MAX_TOKENS and MAX_REQUEST_TOKENS. The browser should prefer
 * the server's effective values from /api/health.
 */
export const DEFAULT_LIMITS: RequestLimits = {
  maxInputs: 2048,
  maxCharsPerText: 32_768,
  maxInstructionChars: MAX_INSTRUCTION_CHARS,
  maxTokens: 8192,
  maxRequestTokens: 262_144,
};

/** What the request schemas depend on: the rest of RequestLimits is checked after tokenising. */
export type SchemaLimits = Pick<RequestLimits, 'maxInputs' | 'maxCharsPerText'>;

function textField(limits: SchemaLimits) {
  return z
    .string({ error: 'must be a string' })
    .max(limits.maxCharsPerText, { error: `must be at most ${limits.maxCharsPerText} characters` });
}

const dimensionsField = z
  .number({ error: 'must be an integer' })
  .int({ error: 'must be an integer' })
  .min(MIN_DIMENSIONS, { error: `must be at least ${MIN_DIMENSIONS}` })
  .optional();

const taskField = z
  .enum(PRESET_IDS, { error: `must be one of ${PRESET_IDS.map((id) => `"${id}"`).join(', ')}` })
  .optional();

/** `task` names a preset instruction; a request gives it or its own `instruction`, not both. */
function oneInstruction(value: { instruction?: string; task?: string }, ctx: z.RefinementCtx) {
  if (value.instruction !== undefined && value.task !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['task'], message: 'give either task or instruction, not both' });
  }
}

export function requestSchemas(limits: SchemaLimits = DEFAULT_LIMITS) {
  const instruction = z
    .string({ error: 'must be a string' })
    .max(MAX_INSTRUCTION_CHARS, { error: `must be at most ${MAX_INSTRUCTION_CHARS} characters` })
    .optional();
  const texts = z
    .array(textField(limits), { error: 'must be an array of strings' })
    .min(1, { error: 'must not be empty' })
    .max(limits.maxInputs, { error: `must have at most ${limits.maxInputs} entries` });

  const search = z
    .object({
      knowledgeBase: texts,
      query: textField(limits),
      topK: z
        .number({ error: 'must be an integer' })
        .int({ error: 'must be an integer' })
        .min(TOP_K_MIN, { error: `must be at least ${TOP_K_MIN}` })
        .max(TOP_K_MAX, { error: `must be at most ${TOP_K_MAX}` })
        .default(DEFAULT_TOP_K),
      threshold: z
        .number({ error: 'must be a number' })
        .min(THRESHOLD_MIN, { error: `must be at least ${THRESHOLD_MIN}` })
        .max(THRESHOLD_MAX, { error: `must be at most ${THRESHOLD_MAX}` })
        .default(DEFAULT_THRESHOLD),
      instruction,
      task: taskField,
      dimensions: dimensionsField,
      longEntries: z
        .enum(LONG_ENTRY_MODES, { error: `must be ${LONG_ENTRY_MODES.map((m) => `"${m}"`).join(', ')}` })
        .default(DEFAULT_LONG_ENTRIES),
      /** Ask for the teaching views' data (map, heatmap, token counts …), computed from the same vectors. */
      explain: z
        .object(
          {
            heatmapEntries: z
              .number({ error: 'must be an integer' })
              .int({ error: 'must be an integer' })
              .min(1, { error: 'must be at least 1' })
              .max(HEATMAP_MAX_ENTRIES, { error: `must be at most ${HEATMAP_MAX_ENTRIES}` })
              .default(HEATMAP_MAX_ENTRIES),
          },
          { error: 'must be an object' },
        )
        .optional(),
    })
    .superRefine(oneInstruction);

  const kind = z
    .enum(TEXT_KINDS, { error: `must be ${TEXT_KINDS.map((k) => `"${k}"`).join(' or ')}` })
    .default('document');

  const embed = z
    .object({ texts, kind, instruction, task: taskField, dimensions: dimensionsField })
    .superRefine(oneInstruction);

  /** One text, tokenised exactly as /api/embed would feed it to the model (instruction included for a query). */
  const tokenize = z
    .object({ text: textField(limits), kind, instruction, task: taskField })
    .superRefine(oneInstruction);

  return { search, embed, tokenize };
}

type Schemas = ReturnType<typeof requestSchemas>;
export type SearchRequest = z.input<Schemas['search']>;
export type ParsedSearchRequest = z.output<Schemas['search']>;
export type EmbedRequest = z.input<Schemas['embed']>;
export type ParsedEmbedRequest = z.output<Schemas['embed']>;
export type TokenizeRequest = z.input<Schemas['tokenize']>;
export type ParsedTokenizeRequest = z.output<Schemas['tokenize']>;

export const modelInfoSchema = z.object({
  id: z.string(),
  dims: z.number(),
  dtype: z.string(),
  maxTokens: z.number(),
  /** True for the generated random-weight model: its rankings mean nothing. */
  isTestModel: z.boolean(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** Where inference runs; the EMBEDDER_DEVICE setting adds "auto". */
export const DEVICES = ['cpu', 'cuda'] as const;
export const deviceSchema = z.enum(DEVICES);
export type Device = z.infer<typeof deviceSchema>;
/** Who computes the vectors: this process on a device, or a remote server (EMBEDDINGS_BASE_URL). */
export const answeredBySchema = z.union([deviceSchema, z.literal('remote')]);

/** Which backend embeds, for /api/health: the in-process model, or a remote server and whether it answers. */
export const backendSchema = z.object({
  kind: z.enum(['onnx', 'remote']),
  /** The remote's base URL (never its API key). */
  url: z.string().optional(),
  /** Whether the remote answered its last call or probe, and when (ISO time). */
  reachable: z.boolean().optional(),
  checkedAt: z.string().optional(),
});

export const healthSchema = z.object({
  status: z.enum(['loading', 'ready', 'error']),
  message: z.string().optional(),
  model: modelInfoSchema.optional(),
  device: answeredBySchema.optional(),
  backend: backendSchema.optional(),
  /** Why this device was chosen (e.g. why CUDA was not used). */
  deviceReason: z.string().optional(),
  workerRestarts: z.number(),
  /** The batch queue, once the model is loaded (see server/batch-scheduler.ts). */
  queue: z
    .object({
      pendingTexts: z.number(),
      /**
       * Time the queued work in and ahead of each class would take at the current throughput: the
       * wait of a request at least as large as any queued one (a smaller one waits less: fair
       * sharing). A request whose own wait would pass maxWaitMs, or that would make a queued one
       * wait past it → 429.
       */
      estimatedWaitMs: z.object({ query: z.number(), document: z.number() }),
      maxWaitMs: z.number(),
      /** Token-equivalents per second (tokens plus attention's share), all workers together. */
      tokensPerSecond: z.number(),
      /** False until the first batch ran: tokensPerSecond is then a conservative guess. */
      throughputMeasured: z.boolean(),
      /**
       * Recent requests' time waiting (total time minus their own work), ms; `overLimit`: how many
       * of them waited longer than maxWaitMs (the promise admission makes).
       */
      timeInQueueMs: z.object({
        count: z.number(),
        p50: z.number(),
        p99: z.number(),
        max: z.number(),
        overLimit: z.number(),
      }),
    })
    .optional(),
  limits: requestLimitsSchema,
});
export type Health = z.infer<typeof healthSchema>;

/**
 * How many texts were run through the model vs. served from the vector cache. Sent only when the
 * server's REPORT_CACHE_STATS is on: on a shared server it would tell one user what another sent.
 */
export const cacheStatsSchema = z.object({ embedded: z.number(), cached: z.number() }).optional();

/** One token as TEI's /tokenize shapes it; `start`/`stop` are JavaScript string indices into the text. */
export const tokenSpanSchema = z.object({
  id: z.number(),
  text: z.string(),
  special: z.boolean(),
  start: z.number(),
  stop: z.number(),
});
export type TokenSpanView = z.infer<typeof tokenSpanSchema>;

export const tokenizeResponseSchema = z.object({
  /** Exactly the text the tokenizer was given (for a query: with its instruction prefix). */
  text: z.string(),
  /** Where `Instruct: …\nQuery:` lies in `text`, or null when there is none. */
  instruction: z.object({ start: z.number(), stop: z.number() }).nullable(),
  tokens: z.array(tokenSpanSchema),
  /** True when the content was cut to fit maxTokens (the EOS is always kept). */
  truncated: z.boolean(),
  maxTokens: z.number(),
});
export type TokenizeResponse = z.infer<typeof tokenizeResponseSchema>;

/** The teaching views' data for one search, computed from the very vectors that ranked it. */
export const searchExplainSchema = z.object({
  /** Width of the vectors used (the request's `dimensions`, else the model's). */
  dims: z.number(),
  /** The whole query vector at `dims`. */
  queryVector: z.array(z.number()),
  /** Cosine of every entry with the query, in the request's order. */
  scores: z.array(z.number()),
  /** Per entry, in order: its token count (EOS included) and whether it was cut at maxTokens. */
  entries: z.array(z.object({ tokens: z.number(), truncated: z.boolean() })),
  /** PCA of the entries' vectors (null below 3 entries): entry points in order, the query projected. */
  map: z
    .object({
      points: z.array(z.tuple([z.number(), z.number()])),
      query: z.tuple([z.number(), z.number()]),
      /** Share of the entries' total variance along each axis. */
      explained: z.array(z.number()),
      converged: z.boolean(),
    })
    .nullable(),
  /** Cosines among the top `heatmapEntries` entries by score (all when the base is that small). */
  heatmap: z.object({ indices: z.array(z.number()), matrix: z.array(z.array(z.number())) }),
  /** The vectors of the first EXPLAIN_RESULT_VECTORS `results`, in the same order (for "why this score"). */
  resultVectors: z.array(z.array(z.number())),
  /** With `dimensions` below the model's width: where each result ranks with full vectors. */
  fullRanking: z.object({ dims: z.number(), ranks: z.array(z.number()), overlap: z.number() }).nullable(),
});
export type SearchExplain = z.infer<typeof searchExplainSchema>;

export const searchResponseSchema = z.object({
  results: z.array(
    z.object({
      index: z.number(),
      text: z.string(),
      score: z.number(),
      aboveThreshold: z.boolean(),
      /** The entry reached the model's token limit: only its first `model.maxTokens` tokens were read. */
      truncated: z.boolean(),
      /**
       * For an entry split into windows: the window that matched best, as a character span of the
       * entry after clean-up, with its text (so a page can find it in what it sent).
       */
      window: z
        .object({ start: z.number(), end: z.number(), text: z.string(), count: z.number() })
        .optional(),
    }),
  ),
  query: z.object({ dims: z.number(), vector: z.array(z.number()), tokens: z.number() }),
  model: modelInfoSchema,
  device: answeredBySchema,
  cache: cacheStatsSchema,
  timingMs: z.object({ embed: z.number(), rank: z.number(), total: z.number() }),
  explain: searchExplainSchema.optional(),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;
export type SearchResult = SearchResponse['results'][number];

export const embedResponseSchema = z.object({
  embeddings: z.array(z.array(z.number())),
  dims: z.number(),
  tokens: z.array(z.number()),
  /** Per text: it reached MAX_TOKENS and only its first tokens were embedded (/api/embed never windows). */
  truncated: z.array(z.boolean()),
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
