/**
 * The OpenAI-compatible contract of POST /v1/embeddings and GET /v1/models, defined once (the
 * server validates with it; tests and clients can infer types from it). The request follows
 * OpenAI's embeddings API; unknown fields are ignored because clients (LangChain, LlamaIndex, the
 * SDKs) send extras. `input_type` and `instruction` are this app's extension for Qwen3 queries.
 */
import { z } from 'zod';
import {
  DEFAULT_LIMITS,
  MAX_INSTRUCTION_CHARS,
  MIN_DIMENSIONS,
  type ModelInfo,
  modelInfoSchema,
  type SchemaLimits,
  TEXT_KINDS,
} from './schemas';

export const ENCODING_FORMATS = ['float', 'base64'] as const;
export type EncodingFormat = (typeof ENCODING_FORMATS)[number];

/** What `input` can be, after validation: texts, or rows of token ids to embed as they are. */
export type OpenAIInput = { kind: 'texts'; texts: string[] } | { kind: 'ids'; rows: number[][] };

const INPUT_SHAPES =
  'must be a string, an array of strings, an array of token ids or an array of token-id arrays';

const isTokenId = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;

/**
 * Reads `input` in OpenAI's four shapes. Written as one transform (not a zod union) so that an
 * error names the exact element at fault (`input[3]`), which a union's "invalid input" cannot.
 */
function inputField(limits: SchemaLimits) {
  const error = (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : INPUT_SHAPES);
  return z.union([z.string(), z.array(z.unknown())], { error }).transform((value, ctx) => {
    const fail = (message: string, path: (string | number)[] = []) => {
      ctx.addIssue({ code: 'custom', message, path });
      return z.NEVER;
    };
    const checkText = (text: string, path: number[]) => {
      if (text.length === 0) return fail('must not be an empty string', path);
      if (text.length > limits.maxCharsPerText)
        return fail(`must be at most ${limits.maxCharsPerText} characters`, path);
      return text;
    };
    if (typeof value === 'string') {
      checkText(value, []);
      return { kind: 'texts', texts: [value] } satisfies OpenAIInput;
    }
    if (value.length === 0) return fail('must not be empty');
    if (value.length > limits.maxInputs) return fail(`must have at most ${limits.maxInputs} entries`);
    if (typeof value[0] === 'string') {
      for (const [i, item] of value.entries()) {
        if (typeof item !== 'string') return fail('must be a string like the other entries', [i]);
        checkText(item, [i]);
      }
      return { kind: 'texts', texts: value as string[] } satisfies OpenAIInput;
    }
    if (typeof value[0] === 'number') {
      const at = value.findIndex((x) => !isTokenId(x));
      if (at >= 0) return fail('must be a token id (an integer ≥ 0)', [at]);
      return { kind: 'ids', rows: [value as number[]] } satisfies OpenAIInput;
    }
    for (const [i, row] of value.entries()) {
      if (!Array.isArray(row)) return fail(INPUT_SHAPES.replace('must be', 'each entry must be'), [i]);
      if (row.length === 0) return fail('must not be an empty token-id array', [i]);
      const at = row.findIndex((x) => !isTokenId(x));
      if (at >= 0) return fail('must be a token id (an integer ≥ 0)', [i, at]);
    }
    return { kind: 'ids', rows: value as number[][] } satisfies OpenAIInput;
  });
}

export function openAIEmbeddingsSchema(limits: SchemaLimits = DEFAULT_LIMITS) {
  return z.object({
    input: inputField(limits),
    /** Optional here (OpenAI requires it): curl users can leave it out; another id is a 404. */
    model: z.string({ error: 'must be a string' }).optional(),
    dimensions: z
      .number({ error: 'must be an integer' })
      .int({ error: 'must be an integer' })
      .min(MIN_DIMENSIONS, { error: `must be at least ${MIN_DIMENSIONS}` })
      .optional(),
    encoding_format: z.enum(ENCODING_FORMATS, { error: 'must be "float" or "base64"' }).default('float'),
    /** OpenAI's end-user id: accepted and ignored. */
    user: z.string({ error: 'must be a string' }).optional(),
    input_type: z
      .enum(TEXT_KINDS, { error: `must be ${TEXT_KINDS.map((k) => `"${k}"`).join(' or ')}` })
      .default('document'),
    /** For input_type "query": the task instruction (default: the web-search one; "" = none). */
    instruction: z
      .string({ error: 'must be a string' })
      .max(MAX_INSTRUCTION_CHARS, { error: `must be at most ${MAX_INSTRUCTION_CHARS} characters` })
      .optional(),
  });
}

export type OpenAIEmbeddingsRequest = z.input<ReturnType<typeof openAIEmbeddingsSchema>>;
export type ParsedOpenAIEmbeddingsRequest = z.output<ReturnType<typeof openAIEmbeddingsSchema>>;

export interface OpenAIEmbeddingsResponse {
  object: 'list';
  data: { object: 'embedding'; index: number; embedding: number[] | string }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

export interface OpenAIModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  /**
   * This app's extension (clients ignore unknown fields): the model's details, so an instance
   * using another one as its remote backend shows the same model facts (dtype, context, and the
   * random-weight test model's warning).
   */
  semantic_radar?: ModelInfo;
}

export interface OpenAIModelList {
  object: 'list';
  data: OpenAIModel[];
}

/** OpenAI's error body: `param` names the request field at fault, or is null. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * An OpenAI embeddings answer (from any compatible server), as the remote backend reads it:
 * `embedding` is numbers, or base64 little-endian float32 when it was asked for.
 */
export const openAIEmbeddingsAnswerSchema = z.object({
  data: z.array(
    z.object({ index: z.number().int().min(0), embedding: z.union([z.array(z.number()), z.string()]) }),
  ),
  model: z.string().optional(),
  usage: z.object({ prompt_tokens: z.number() }).partial().optional(),
});
export type OpenAIEmbeddingsAnswer = z.infer<typeof openAIEmbeddingsAnswerSchema>;

export const openAIModelListAnswerSchema = z.object({
  data: z.array(z.object({ id: z.string(), semantic_radar: modelInfoSchema.optional().catch(undefined) })),
});
export type RemoteModelCard = z.infer<typeof openAIModelListAnswerSchema>['data'][number];
