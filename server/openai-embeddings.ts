import 'server-only';
/**
 * POST /v1/embeddings and GET /v1/models: OpenAI's embeddings API on top of whichever backend
 * embeds. Texts are embedded exactly as sent (only lone surrogates are replaced, since they cannot
 * be encoded), so a vector from here equals the one TEI or sentence-transformers gives for the
 * same model and text; an input over the context is a 400 unless AUTO_TRUNCATE is on.
 */
import { AppError, invalid } from '../lib/errors';
import { float32ToBase64 } from '../lib/float32-base64';
import type {
  OpenAIEmbeddingsResponse,
  OpenAIModel,
  OpenAIModelList,
  ParsedOpenAIEmbeddingsRequest,
} from '../lib/openai-schemas';
import type { ModelInfo } from '../lib/schemas';
import { replaceLoneSurrogates } from '../lib/text-clean';
import { vectorJson } from './http';
import { reserveResponse } from './large-responses';
import { settings } from './settings';
import type { EmbedOptions, TextEmbedder } from './text-embedder';

/** `created` of the model list: when this process started serving (the SDKs require a number). */
const SERVING_SINCE = Math.floor(Date.now() / 1000);

export interface EmbeddingsAnswer {
  /** The response without `data`, which is streamed row by row (server/http.ts). */
  rest: Omit<OpenAIEmbeddingsResponse, 'data'>;
  count: number;
  /** `data[index]` as JSON, made from the float array when the row is sent. */
  rowJson: (index: number) => string;
  /** TEI's work headers (ms and counts), for clients and load balancers that read them. */
  headers: Record<string, string>;
  /** Frees the large-response slot once the response is sent or abandoned. */
  release: () => void;
}

function modelCard(info: ModelInfo): OpenAIModel {
  return {
    id: info.id,
    object: 'model',
    created: SERVING_SINCE,
    owned_by: 'semantic-radar',
    semantic_radar: info,
  };
}

export function listModels(embedder: TextEmbedder): OpenAIModelList {
  return { object: 'list', data: [modelCard(embedder.requireReady().info)] };
}

export function retrieveModel(embedder: TextEmbedder, id: string): OpenAIModel {
  const { info } = embedder.requireReady();
  checkModel(info, id);
  return modelCard(info);
}

function checkModel(info: ModelInfo, id: string | undefined) {
  if (id === undefined || id === info.id) return;
  throw new AppError(
    'model_not_found',
    `The model '${id}' does not exist on this server; it serves '${info.id}' (see GET /v1/models)`,
    { field: 'model' },
  );
}

export async function createEmbeddings(
  embedder: TextEmbedder,
  req: ParsedOpenAIEmbeddingsRequest,
  signal?: AbortSignal,
): Promise<EmbeddingsAnswer> {
  const started = performance.now();
  const { info, device } = embedder.requireReady();
  checkModel(info, req.model);
  const opts: EmbedOptions = {
    kind: req.input_type,
    instruction: req.instruction,
    dimensions: req.dimensions,
    signal,
    field: 'input',
    overLimit: settings().AUTO_TRUNCATE ? 'truncate' : 'reject',
  };
  if (req.input.kind === 'ids' && req.input_type === 'query')
    throw invalid(
      'input_type',
      '"query" formats text ("Instruct: …\nQuery:…"): send the query as text, not token ids',
    );
  const base64 = req.encoding_format === 'base64';
  const count = req.input.kind === 'texts' ? req.input.texts.length : req.input.rows.length;
  const floats = count * Math.min(req.dimensions ?? info.dims, info.dims);
  // As /api/embed: a large answer takes a slot before any work (base64 is ~a quarter of JSON's size).
  const release = reserveResponse(base64 ? Math.ceil(floats / 4) : floats);
  let out: Awaited<ReturnType<TextEmbedder['embed']>>;
  try {
    out =
      req.input.kind === 'texts'
        ? await embedder.embed(req.input.texts.map(replaceLoneSurrogates), opts)
        : await embedder.embedTokenIds(req.input.rows, opts);
  } catch (err) {
    release();
    throw err;
  }
  const vectors = out.vectors;
  const tokens = out.tokens.reduce((a, b) => a + b, 0);
  const rowJson = (index: number) => {
    const v = vectors[index] as Float32Array;
    const embedding = base64 ? JSON.stringify(float32ToBase64(v)) : vectorJson(v);
    return `{"object":"embedding","index":${index},"embedding":${embedding}}`;
  };
  const rest = {
    object: 'list' as const,
    model: info.id,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
  const ms = (x: number) => String(Math.round(x));
  return {
    rest,
    count: vectors.length,
    rowJson,
    release,
    headers: {
      'x-compute-type': device,
      'x-compute-time': ms(performance.now() - started),
      'x-tokenization-time': ms(out.timing.tokenizeMs),
      'x-queue-time': ms(out.timing.queueMs),
      'x-inference-time': ms(out.timing.inferenceMs),
      'x-compute-tokens': String(tokens),
      'x-compute-inputs': String(out.vectors.length),
    },
  };
}
