import 'server-only';
/**
 * The remote backend: embeds through an OpenAI-compatible server (EMBEDDINGS_BASE_URL) instead of
 * the in-process model. Everything above the backend stays the same (cache, query instruction
 * applied as text, dimensions cut and re-normalised here), so any number of instances can sit
 * behind a load balancer in front of a TEI or vLLM cluster. The remote's vectors are
 * re-normalised on arrival: cosine = dot product must hold whatever the server returns.
 */
import { AppError } from '../lib/errors';
import type { Health, ModelInfo } from '../lib/schemas';
import { l2NormalizeInPlace } from '../lib/vector-math';
import { type EmbedItem, embedThroughCache, idItems, type RunResult, textItems } from './embed-pipeline';
import { RemoteAdmission } from './remote-admission';
import { RemoteClient } from './remote-client';
import { CallSlots } from './remote-slots';
import { requestLimits, type Settings } from './settings';
import { GPU_DEFAULT_MAX_TOKENS } from './settings-schema';
import type { EmbedOptions, EmbedOutcome, ReadyModel, TextEmbedder } from './text-embedder';
import { VectorCache } from './vector-cache';

const RETRY_CONNECT_AFTER_MS = 10_000;
/** How often an idle instance re-checks that the remote answers, so /api/health stays true. */
const PROBE_EVERY_MS = 10_000;
const PROBE_TEXT = 'ping';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; info: ModelInfo; cache: VectorCache };

interface Reachability {
  ok: boolean;
  at: Date;
  message?: string;
}

export class RemoteEmbedder implements TextEmbedder {
  readonly backend = 'remote' as const;
  private state: State = { status: 'loading' };
  private loading?: Promise<void>;
  private reachable?: Reachability;
  private timer?: NodeJS.Timeout;
  private closed = false;
  private readonly client: RemoteClient;
  private readonly slots: CallSlots;
  private readonly admission: RemoteAdmission;

  constructor(
    private readonly settings: Settings,
    baseUrl: string,
    private readonly log: (line: string) => void = console.log,
  ) {
    this.client = new RemoteClient({
      baseUrl,
      apiKey: settings.EMBEDDINGS_API_KEY,
      timeoutMs: settings.EMBEDDINGS_TIMEOUT_MS,
      maxRetries: settings.EMBEDDINGS_MAX_RETRIES,
    });
    this.slots = new CallSlots(settings.EMBEDDINGS_CONCURRENCY);
    this.admission = new RemoteAdmission({
      maxWaitMs: settings.MAX_QUEUE_WAIT_MS,
      concurrency: settings.EMBEDDINGS_CONCURRENCY,
      callDeadlineMs: settings.EMBEDDINGS_TIMEOUT_MS,
    });
  }

  start(): Promise<void> {
    this.loading ??= this.connect().catch((err: Error) => {
      this.state = { status: 'error', message: err.message };
      this.noteReachable(false, err.message);
      this.log(`[embedder] connecting to ${this.client.baseUrl} failed: ${err.message}`);
      this.schedule(RETRY_CONNECT_AFTER_MS, () => {
        this.loading = undefined;
        this.state = { status: 'loading' };
        void this.start();
      });
    });
    return this.loading;
  }

  /**
   * Finds the model id (setting, else the remote's first listed model) and its width from one
   * probe. Another instance of this app also describes its model in its list (dtype, context, test
   * model); other servers tell only what the probe shows.
   */
  private async connect() {
    const cards = await this.client.listModels().catch(() => []);
    const model = this.settings.EMBEDDINGS_MODEL ?? cards[0]?.id;
    const probe = await this.client.embed([PROBE_TEXT], model);
    const dims = probe.vectors[0]?.length ?? 0;
    const id = model ?? probe.model;
    if (!id) throw new Error('The remote lists no model and names none in its answer: set EMBEDDINGS_MODEL');
    const card = cards.find((c) => c.id === id)?.semantic_radar;
    const info: ModelInfo = {
      id,
      dims,
      dtype: card?.dtype ?? 'remote',
      // Unset MAX_TOKENS: the model's own context, not the local CPU default (the remote pays for it).
      maxTokens: Math.min(
        this.settings.MAX_TOKENS ?? GPU_DEFAULT_MAX_TOKENS,
        card?.maxTokens ?? Number.POSITIVE_INFINITY,
      ),
      isTestModel: card?.isTestModel ?? false,
    };
    this.state = {
      status: 'ready',
      info,
      cache: new VectorCache(this.settings.CACHE_MAX_BYTES),
    };
    this.noteReachable(true);
    this.log(`[embedder] ${id} (${dims} dims) answered by ${this.client.baseUrl}`);
    this.schedule(PROBE_EVERY_MS, () => this.probe());
  }

  /** Any HTTP answer to GET /models counts as "answers" (TEI has no such route; it still answers 404). */
  private async probe() {
    if (this.closed) return;
    await this.client
      .listModels(AbortSignal.timeout(Math.min(5_000, this.settings.EMBEDDINGS_TIMEOUT_MS)))
      .then(
        () => this.noteReachable(true),
        (err: Error) => {
          const answered = AppError.is(err) && answersAtAll(err);
          this.noteReachable(answered, answered ? undefined : err.message);
        },
      );
    this.schedule(PROBE_EVERY_MS, () => this.probe());
  }

  private schedule(ms: number, fn: () => void) {
    clearTimeout(this.timer);
    if (this.closed) return;
    this.timer = setTimeout(fn, ms);
    this.timer.unref();
  }

  private noteReachable(ok: boolean, message?: string) {
    this.reachable = { ok, at: new Date(), message };
  }

  health(): Health {
    const s = this.state;
    const base = {
      workerRestarts: 0,
      queue: this.admission.stats(),
      limits: requestLimits(this.settings),
      backend: {
        kind: 'remote' as const,
        url: this.client.baseUrl,
        reachable: this.reachable?.ok,
        checkedAt: this.reachable?.at.toISOString(),
      },
    };
    if (s.status === 'loading')
      return {
        status: 'loading',
        message: `Connecting to the embedding backend at ${this.client.baseUrl}`,
        ...base,
      };
    if (s.status === 'error') return { status: 'error', message: s.message, ...base };
    if (this.reachable && !this.reachable.ok)
      return { status: 'error', message: this.reachable.message, model: s.info, device: 'remote', ...base };
    return { status: 'ready', model: s.info, device: 'remote', ...base };
  }

  /** Whether responses may say what came from the shared cache (REPORT_CACHE_STATS). */
  get reportsCacheStats(): boolean {
    return this.settings.REPORT_CACHE_STATS;
  }

  requireReady(): ReadyModel & { cache: VectorCache } {
    const s = this.state;
    if (s.status === 'ready') return { info: s.info, device: 'remote', cache: s.cache };
    if (s.status === 'loading')
      throw new AppError(
        'upstream_unavailable',
        `Still connecting to the embedding backend at ${this.client.baseUrl}`,
        {
          retryAfterSeconds: 2,
        },
      );
    throw new AppError('upstream_unavailable', s.message, { retryAfterSeconds: 10 });
  }

  embed(texts: readonly string[], opts: EmbedOptions): Promise<EmbedOutcome> {
    return this.embedItems(textItems(texts, opts), opts);
  }

  embedTokenIds(rows: readonly number[][], opts: EmbedOptions): Promise<EmbedOutcome> {
    return this.embedItems(idItems(rows), opts);
  }

  private embedItems<T extends string | number[]>(items: EmbedItem<T>[], opts: EmbedOptions) {
    const r = this.requireReady();
    return embedThroughCache(items, r.cache, r.info, opts, (inputs, _at, onProgress) =>
      this.runInBatches(r.info.id, inputs, opts, onProgress),
    );
  }

  /** Sends the inputs in batches of EMBEDDINGS_BATCH_SIZE, through the instance's EMBEDDINGS_CONCURRENCY call slots. */
  private async runInBatches<T extends string | number[]>(
    model: string,
    inputs: T[],
    opts: EmbedOptions,
    onProgress?: (done: number) => void,
  ): Promise<RunResult> {
    const size = this.settings.EMBEDDINGS_BATCH_SIZE;
    const starts = Array.from({ length: Math.ceil(inputs.length / size) }, (_, i) => i * size);
    const counted = this.admission.admit(opts.kind, starts.length, inputs.length);
    const vectors: Float32Array[] = new Array(inputs.length);
    const tokens: number[] = new Array(inputs.length).fill(0);
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const queuedAt = performance.now();
    let startedAt: number | undefined;
    let next = 0;
    let done = 0;
    try {
      const lane = async () => {
        while (next < starts.length && !abort.signal.aborted) {
          const from = starts[next++] as number;
          const batch = inputs.slice(from, from + size);
          const release = await this.slots.acquire(opts.kind, abort.signal);
          const callAt = performance.now();
          if (startedAt === undefined) {
            startedAt = callAt;
            this.admission.recordQueueTime(callAt - queuedAt);
          }
          const answer = await this.client
            .embed(batch as string[] | number[][], model, abort.signal, opts.field)
            .finally(() => {
              release();
              counted.callDone();
            });
          this.admission.recordCall(performance.now() - callAt, answer.promptTokens ?? 0);
          answer.vectors.forEach((v, i) => {
            vectors[from + i] = l2NormalizeInPlace(v);
          });
          apportionTokens(batch, answer.promptTokens).forEach((n, i) => {
            tokens[from + i] = n;
          });
          done += batch.length;
          onProgress?.(done);
        }
      };
      const lanes = Array.from(
        { length: Math.min(this.settings.EMBEDDINGS_CONCURRENCY, starts.length) },
        lane,
      );
      // The first failure stops the other lanes; Promise.all reports that first failure.
      await Promise.all(
        lanes.map((p) =>
          p.catch((err) => {
            abort.abort();
            throw err;
          }),
        ),
      );
      if (inputs.length > 0) this.noteReachable(true);
    } catch (err) {
      if (AppError.is(err) && err.code !== 'cancelled' && err.code !== 'invalid_request')
        this.noteReachable(answersAtAll(err), err.message);
      throw err;
    } finally {
      counted.release();
      opts.signal?.removeEventListener('abort', onAbort);
    }
    const doneAt = performance.now();
    const queueMs = (startedAt ?? doneAt) - queuedAt;
    return {
      vectors,
      tokens,
      timing: { tokenizeMs: 0, queueMs, inferenceMs: doneAt - (startedAt ?? doneAt) },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
  }
}

/**
 * upstream_error is only ever an answer (an error status, a malformed body): the server is up.
 * Refused connections, 429/503 and timeouts mean it cannot serve now.
 */
function answersAtAll(err: AppError): boolean {
  return err.code !== 'upstream_unavailable' && err.code !== 'upstream_timeout';
}

/**
 * OpenAI-style servers report one token total per call, not per input. One input per call gets
 * the exact count; a larger batch shares the total in proportion to each input's length (the sum
 * stays exact, which is what `usage` reports).
 */
export function apportionTokens(batch: readonly (string | number[])[], total: number | undefined): number[] {
  if (total === undefined) return batch.map((b) => (typeof b === 'string' ? 0 : b.length + 1));
  const weights = batch.map((b) => Math.max(1, b.length));
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % shares.length, left--) shares[i] = (shares[i] as number) + 1;
  return shares;
}
