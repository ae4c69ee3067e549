import 'server-only';
/**
 * The embedder: the app's one costly resource, created once per process (kept on globalThis so
 * dev reloads reuse it), loading in the background and warmed up before it reports ready. It
 * turns texts into normalised Qwen3 embeddings: cache look-up → tokenise → the shared batch queue
 * → inference workers → cache. A failed load is retried on a timer (see `fail`).
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AppError, invalid } from '../lib/errors';
import type { Health, ModelInfo } from '../lib/schemas';
import { BatchScheduler } from './batch-scheduler';
import { DiskVectorCache } from './disk-cache';
import { embedThroughCache, idItems, textItems } from './embed-pipeline';
import { recordModelLoad } from './metrics';
import { defaultModelDir, onnxFileFor, readModelConfig } from './model-files';
import { modelIdentity } from './model-identity';
import { publicLoadError } from './public-errors';
import { priorityFor } from './query-priority';
import { requestLimits, type Settings } from './settings';
import { maxTokensFor } from './settings-schema';
import {
  type AnsweredBy,
  contextLengthMessage,
  type EmbedOptions,
  type EmbedOutcome,
  type EmbedTiming,
  type TextEmbedder,
} from './text-embedder';
import { EmbeddingTokenizer } from './tokenizer';
import { VectorCache } from './vector-cache';
import { costModelFor } from './work-cost';
import { WorkerPool } from './worker-pool';
import type { LoadedModel } from './worker-protocol';

export type { EmbedOptions, EmbedOutcome } from './text-embedder';

/** Longer than nearly every token of the Qwen3 vocabulary: chars / this bounds a text's tokens from below. */
const MAX_CHARS_PER_TOKEN = 16;
const RETRY_LOAD_AFTER_MS = 10_000;
/** A client told "model unavailable" should come back when the next reload may have succeeded. */
const UNAVAILABLE_RETRY_AFTER_S = RETRY_LOAD_AFTER_MS / 1000;

interface Ready {
  device: AnsweredBy;
  /** Token ids must lie in 0..vocabSize − 1 (from config.json; unbounded when it does not say). */
  vocabSize: number;
  tokenizer: EmbeddingTokenizer;
  pool: WorkerPool;
  scheduler: BatchScheduler;
  cache: VectorCache;
  diskStore?: DiskVectorCache;
  model: LoadedModel;
  info: ModelInfo;
}

type State = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & Ready);

/** The in-process backend: the ONNX model in worker threads. */
export class Embedder implements TextEmbedder {
  readonly backend = 'onnx' as const;
  private state: State = { status: 'loading' };
  private loading?: Promise<void>;
  private reloadTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly settings: Settings,
    readonly modelDir = defaultModelDir(settings.MODEL_DIR),
    private readonly log: (line: string) => void = console.log,
    /** Creates the inference worker threads (tests keep the handles to kill one as a crash would). */
    private readonly spawnWorker?: () => Worker,
  ) {}

  /** Starts loading the model (once: a failed load is retried by `fail`'s timer, not by callers). */
  start(): Promise<void> {
    this.loading ??= this.load().catch((err: Error) => {
      this.log(`[embedder] loading ${this.modelDir} failed: ${err.message}`);
      this.fail(publicLoadError(err.message, this.modelDir));
    });
    return this.loading;
  }

  /**
   * Puts the embedder in error and schedules the one retry path: a full reload RETRY_LOAD_AFTER_MS
   * later (and again after each failure). A timer rather than "retry on the next request" keeps
   * every read (health, a request's 503) free of side effects, and a server whose model folder is
   * fixed recovers even when nobody is calling it.
   */
  private fail(message: string) {
    this.state = { status: 'error', message };
    clearTimeout(this.reloadTimer);
    if (this.closed) return;
    this.reloadTimer = setTimeout(() => {
      this.state = { status: 'loading' };
      this.loading = undefined;
      void this.start();
    }, RETRY_LOAD_AFTER_MS);
    this.reloadTimer.unref();
  }

  private async load() {
    const started = performance.now();
    const config = readModelConfig(this.modelDir);
    const tokenizer = await EmbeddingTokenizer.load(this.modelDir, config.eosTokenId);
    const scheduler = new BatchScheduler({
      maxBatchTokens: this.settings.maxBatchTokens,
      gatherWindowMs: this.settings.BATCH_WINDOW_MS,
      maxWaitMs: this.settings.MAX_QUEUE_WAIT_MS,
      cost: costModelFor(config),
    });
    const pool = new WorkerPool(
      {
        modelDir: this.modelDir,
        dtype: this.settings.MODEL_DTYPE,
        device: this.settings.EMBEDDER_DEVICE,
        shape: config,
        padTokenId: tokenizer.eosId,
        intraOpThreads: this.settings.ortThreads,
        cpuMemArena: this.settings.ORT_CPU_ARENA,
        spinning: this.settings.ORT_SPINNING,
      },
      this.settings.EMBED_WORKERS,
      scheduler,
      {
        log: this.log,
        onBroken: (err) => this.onPoolBroken(pool, scheduler, err),
        spawn: this.spawnWorker,
      },
    );
    // The disk store is checked in another process while the workers load the model.
    const disk = DiskVectorCache.openIfEnabled({
      dir: this.settings.DISK_CACHE_DIR,
      maxBytes: this.settings.DISK_CACHE_MAX_BYTES,
      memoryBytes: this.settings.CACHE_MAX_BYTES,
      log: this.log,
    });
    const model = await pool.start().catch(async (err) => {
      await pool.close();
      await (await disk)?.close();
      throw err;
    });
    const info: ModelInfo = {
      id: config.name,
      dims: model.hiddenSize,
      dtype: model.dtype,
      maxTokens: Math.min(maxTokensFor(this.settings, model.device), config.maxPositions),
      isTestModel: config.isTestModel,
    };
    const diskStore = await disk;
    // Hashing the model's files only when there is a disk store to key (`?.` skips the argument too).
    const onDisk = diskStore?.forModel(
      modelIdentity({
        modelDir: this.modelDir,
        onnxFile: onnxFileFor(this.modelDir, model.dtype),
        dtype: model.dtype,
        maxTokens: info.maxTokens,
      }),
    );
    const cache = new VectorCache(this.settings.CACHE_MAX_BYTES, onDisk);
    this.state = {
      status: 'ready',
      device: model.device,
      vocabSize: config.vocabSize,
      tokenizer,
      pool,
      scheduler,
      cache,
      diskStore,
      model,
      info,
    };
    recordModelLoad(model.device, (performance.now() - started) / 1000);
    this.log(
      `[embedder] ${info.id} (${info.dtype}, ${info.dims} dims) ready on ${model.device} in ${model.loadMs} ms: ${model.deviceReason}`,
    );
  }

  /** No worker can be restarted: fail what waits, report the error; `fail` retries a full load later. */
  private onPoolBroken(pool: WorkerPool, scheduler: BatchScheduler, err: Error) {
    this.log(`[embedder] the inference worker could not be restarted: ${err.message}`);
    const message = `The inference worker could not be restarted: ${publicLoadError(err.message, this.modelDir)}`;
    this.fail(message);
    scheduler.failAll(
      new AppError('model_unavailable', message, { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_S }),
    );
    void pool.close();
  }

  /** Whether responses may say what came from the shared cache (REPORT_CACHE_STATS). */
  get reportsCacheStats(): boolean {
    return this.settings.REPORT_CACHE_STATS;
  }

  /** The state for GET /api/health; a pure read. */
  health(): Health {
    const s = this.state;
    const limits = requestLimits(this.settings);
    if (s.status === 'ready') limits.maxTokens = s.info.maxTokens;
    const base = {
      workerRestarts: s.status === 'ready' ? s.pool.restarts : 0,
      queue: s.status === 'ready' ? s.scheduler.stats() : undefined,
      limits,
      backend: { kind: 'onnx' as const },
    };
    if (s.status === 'loading')
      return { status: 'loading', message: `Loading the model ${path.basename(this.modelDir)}`, ...base };
    if (s.status === 'error') return { status: 'error', message: s.message, ...base };
    return {
      status: 'ready',
      model: s.info,
      device: s.model.device,
      deviceReason: s.model.deviceReason,
      ...base,
    };
  }

  /** The loaded model, or the 503 a request should get while there is none; a pure read. */
  requireReady(): Ready {
    const s = this.state;
    if (s.status === 'ready') return s;
    if (s.status === 'loading')
      throw new AppError('model_loading', 'The model is still loading; retry in a few seconds', {
        retryAfterSeconds: 2,
      });
    throw new AppError('model_unavailable', `The model could not be loaded: ${s.message}`, {
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_S,
    });
  }

  async embed(texts: readonly string[], opts: EmbedOptions): Promise<EmbedOutcome> {
    const r = this.requireReady();
    return embedThroughCache(
      textItems(texts, opts),
      r.cache,
      r.info,
      opts,
      async (inputs, at, onProgress) => {
        // An early refusal, before tokenising, on a lower bound of the cost (a token rarely spans
        // more than MAX_CHARS_PER_TOKEN characters), so most 429s stay cheap however large the
        // request. The decision itself is made on the real cost when the rows are queued.
        if (inputs.length > 0)
          r.scheduler.admit(
            opts.kind,
            r.scheduler.costOf(
              inputs.map((t) => Math.min(r.info.maxTokens, Math.ceil(t.length / MAX_CHARS_PER_TOKEN) + 1)),
            ),
          );
        const started = performance.now();
        const tooLong =
          opts.overLimit === 'reject'
            ? (i: number, requested: number) => {
                throw invalid(`${opts.field}[${at[i]}]`, contextLengthMessage(r.info.maxTokens, requested));
              }
            : undefined;
        const rows = await r.tokenizer.encodeAll(inputs, r.info.maxTokens, opts.signal, tooLong);
        return this.runRows(r, rows, opts, onProgress, performance.now() - started);
      },
    );
  }

  async embedTokenIds(rows: readonly number[][], opts: EmbedOptions): Promise<EmbedOutcome> {
    const r = this.requireReady();
    rows.forEach((ids, i) => {
      const bad = ids.findIndex((id) => id >= r.vocabSize);
      if (bad >= 0)
        throw invalid(
          `${opts.field}[${i}][${bad}]`,
          `token id ${ids[bad]} is outside the vocabulary (0..${r.vocabSize - 1})`,
        );
    });
    // Token ids: the scheduler admits them on their exact cost when they are queued.
    return embedThroughCache(idItems(rows), r.cache, r.info, opts, (inputs, at, onProgress) => {
      const tokenRows = inputs.map((ids, i) => {
        const requested = r.tokenizer.lengthWithEos(ids);
        if (opts.overLimit === 'reject' && requested > r.info.maxTokens)
          throw invalid(`${opts.field}[${at[i]}]`, contextLengthMessage(r.info.maxTokens, requested));
        return r.tokenizer.withEos(ids, r.info.maxTokens);
      });
      return this.runRows(r, tokenRows, opts, onProgress, 0);
    });
  }

  /** Token rows → the batch queue → vectors, with where the time went. */
  private async runRows(
    r: Ready,
    rows: Int32Array[],
    opts: EmbedOptions,
    onProgress: ((done: number) => void) | undefined,
    tokenizeMs: number,
  ) {
    this.checkTokenBudget(rows, opts.field);
    const queuedAt = performance.now();
    let startedAt: number | undefined;
    const vectors = await r.scheduler.submit(rows, {
      priority: priorityFor(opts.kind, rows, opts.searchQuery ?? false),
      signal: opts.signal,
      onProgress: onProgress && ((done) => onProgress(done)),
      onStart: () => {
        startedAt = performance.now();
      },
    });
    const doneAt = performance.now();
    const timing: EmbedTiming = {
      tokenizeMs,
      queueMs: (startedAt ?? doneAt) - queuedAt,
      inferenceMs: doneAt - (startedAt ?? doneAt),
    };
    return { vectors, tokens: rows.map((ids) => ids.length), timing };
  }

  private checkTokenBudget(rows: Int32Array[], field: string) {
    const total = rows.reduce((sum, ids) => sum + ids.length, 0);
    if (total > this.settings.MAX_REQUEST_TOKENS) {
      throw invalid(
        field,
        `has ${total} tokens to embed; the limit per request is ${this.settings.MAX_REQUEST_TOKENS}`,
      );
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reloadTimer);
    const s = this.state;
    if (s.status !== 'ready') return;
    await s.pool.close();
    await s.diskStore?.close();
  }
}
