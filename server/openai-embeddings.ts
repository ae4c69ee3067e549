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
import { settings } from './settings';
import type { EmbedOptions, TextEmbedder } from './text-embedder';

/** `created` of the model list: when this process started serving (the SDKs require a number). */
const SERVING_SINCE = Math.floor(Date.now() / 1000);

export interface EmbeddingsAnswer {
  body: OpenAIEmbeddingsResponse;
  /** TEI's work headers (ms and counts), for clients and load balancers that read them. */
  headers: Record<string, string>;
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
  const out =
    req.input.kind === 'texts'
      ? await embedder.embed(req.input.texts.map(replaceLoneSurrogates), opts)
      : await embedder.embedTokenIds(req.input.rows, opts);
  const tokens = out.tokens.reduce((a, b) => a + b, 0);
  const base64 = req.encoding_format === 'base64';
  const body: OpenAIEmbeddingsResponse = {
    object: 'list',
    data: out.vectors.map((v, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? float32ToBase64(v) : Array.from(v),
    })),
    model: info.id,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
  const ms = (x: number) => String(Math.round(x));
  return {
    body,
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
