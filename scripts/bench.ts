/**
 * npm run bench [-- --texts 96 --reps 3 --kb-lines 200 --searches 200 --sweep | --sweep-only q8]
 * npm run bench -- --profile        where the time goes, per operator, fp32 vs q8
 *
 * Generates (once) the 0.6B-shaped random model in fp32 and q8, measures this machine's MatMul
 * ceiling, then in ONE process, alternating the contenders and repeating each, measures throughput
 * on a seeded mixed corpus (the app's embedder on fp32 and on q8, transformers.js, a naive loop, the
 * raw floor), how close q8's vectors are to fp32's, warm single-query latency, re-search of an
 * unchanged knowledge base, and RSS over many searches. Writes bench/results.json (or
 * bench/profile.json) and its own sections of docs/benchmarks.md. The default run is sized to
 * finish within 15 minutes on 2 otherwise idle cores; `--texts 512` is the long run.
 * Not part of the test suite: numbers, not assertions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Embedder } from '../server/embedder';
import { availableDtypes, readModelConfig } from '../server/model-files';
import type { SessionTuning } from '../server/onnx-session';
import { type Settings, settings } from '../server/settings';
import { maxTokensFor } from '../server/settings-schema';
import { EmbeddingTokenizer } from '../server/tokenizer';
import { attentionFlopsPerToken, measureCeiling } from './bench/ceiling';
import {
  contenders,
  openRawSession,
  openTransformersJs,
  type RawSession,
  runRows,
  sortedBatches,
} from './bench/contenders';
import { makeCorpus } from './bench/corpus';
import { measureLatency, measureReSearch } from './bench/latency';
import { profilePass, writeProfileReport } from './bench/profile';
import { machine, recordedModel, writeMainReport } from './bench/report';
import { round, rssMiB } from './bench/stats';
import { runSweep } from './bench/sweep';
import { cosineAgreement, pairedComparison, rotateContenders, speedupPerRep } from './bench/throughput';
import { ensureTestModel, PRESETS } from './test-model';

const { values: args } = parseArgs({
  options: {
    texts: { type: 'string', default: '96' },
    reps: { type: 'string', default: '3' },
    'kb-lines': { type: 'string', default: '200' },
    searches: { type: 'string', default: '200' },
    'tjs-batch': { type: 'string', default: '8' },
    'model-dir': { type: 'string' },
    sweep: { type: 'boolean', default: false },
    /** Only the sweep variants whose name contains this (plus the default), e.g. --sweep-only q8. */
    'sweep-only': { type: 'string' },
    /** Profile one pass per file with onnxruntime's profiler instead of the throughput run. */
    profile: { type: 'boolean', default: false },
  },
});

const log = (line: string) => console.log(`[bench] ${line}`);

function prepareModel(): string {
  if (args['model-dir']) return path.relative(process.cwd(), args['model-dir']);
  const options = { ...PRESETS['0.6b'], outDir: 'models/qwen3-embedding-test-0.6b' };
  ensureTestModel(options);
  return path.relative(process.cwd(), ensureTestModel({ ...options, quantized: true }));
}

async function main() {
  const modelDir = prepareModel();
  // fp32 named explicitly: MODEL_DTYPE=auto would open q8 on the CPU, and q8 is its own contender.
  // No persistent vector cache: every run measures embedding, not an earlier run's vectors on disk.
  const base: Settings = { ...settings(), CACHE_MAX_BYTES: 0, DISK_CACHE_MAX_BYTES: 0, MODEL_DTYPE: 'fp32' };
  const tuning: SessionTuning = {
    intraOpThreads: base.ortThreads,
    cpuMemArena: base.ORT_CPU_ARENA,
    spinning: base.ORT_SPINNING,
  };
  const dtypes = availableDtypes(modelDir);
  const hasQ8 = dtypes.includes('q8');
  log(
    `model ${modelDir} (${dtypes.join(', ')}), ${os.availableParallelism()} cores, load average ${os.loadavg()[0]?.toFixed(1)}, ${tuning.intraOpThreads} onnxruntime threads, batch budget ${base.maxBatchTokens} tokens`,
  );

  const config = readModelConfig(modelDir);
  const corpus = makeCorpus({ count: Number(args.texts), seed: 1 });
  if (args['sweep-only']) {
    const sweep = await runSweep(base, modelDir, corpus.slice(0, 48), log, args['sweep-only']);
    const name = `bench/sweep-${args['sweep-only'].replace(/\W+/g, '-')}.json`;
    fs.writeFileSync(name, `${JSON.stringify(sweep, null, 2)}\n`);
    return;
  }
  const tokenizer = await EmbeddingTokenizer.load(modelDir, config.eosTokenId);
  const rows = await tokenizer.encodeAll(corpus, maxTokensFor(base, 'cpu'));
  const totalTokens = rows.reduce((s, r) => s + r.length, 0);
  const batches = sortedBatches(rows, base.maxBatchTokens);
  const corpusInfo = { texts: corpus.length, tokens: totalTokens, batches: batches.length };
  log(
    `corpus: ${corpus.length} texts, ${totalTokens} tokens, longest ${Math.max(...rows.map((r) => r.length))}; ${batches.length} floor batches`,
  );
  const ceiling = {
    ...(await measureCeiling(config, tuning)),
    attentionFlopsPerToken: round(attentionFlopsPerToken(batches, config), 0),
  };
  log(`ceiling: ${ceiling.rates.map((r) => `${r.name} ${r.gflops} GFLOP/s`).join(', ')}`);

  if (args.profile) {
    const paired = hasQ8 ? await pairedRaw(modelDir, tuning, tokenizer.eosId, batches) : undefined;
    const passes = [];
    for (const dtype of hasQ8 ? (['fp32', 'q8'] as const) : (['fp32'] as const)) {
      passes.push(await profilePass(modelDir, dtype, tuning, batches, tokenizer.eosId));
      log(`profiled ${dtype}: ${passes.at(-1)?.wallMs} ms`);
    }
    writeProfileReport({
      machine: machine(),
      model: recordedModel(modelDir),
      corpus: corpusInfo,
      tuning,
      ceiling,
      passes,
      paired,
      config,
    });
    return;
  }

  const embedder = new Embedder(base, modelDir, log);
  const q8Embedder = hasQ8 ? new Embedder({ ...base, MODEL_DTYPE: 'q8' }, modelDir, log) : undefined;
  await Promise.all([embedder.start(), q8Embedder?.start()]);
  const raw = await openRawSession(modelDir, tuning, tokenizer.eosId);
  const extractor = await openTransformersJs(modelDir);
  const rssLoaded = rssMiB();

  // The peer must compute the same thing, or its speed means nothing.
  const probe = corpus.slice(0, 4);
  const ours = await contenders.ours(embedder, probe);
  const theirs = (await extractor(probe, { pooling: 'last_token', normalize: true })).tolist() as number[][];
  const agreement = cosineAgreement(
    ours.vectors,
    theirs.map((v) => Float32Array.from(v)),
  ).min;
  log(`ours vs transformers.js cosine on 4 texts: min ${agreement.toFixed(6)}`);

  // The first repetition's vectors from each dtype give the q8-vs-fp32 accuracy at no extra cost.
  const vectors: { fp32?: Float32Array[]; q8?: Float32Array[] } = {};
  const tjsBatch = Number(args['tjs-batch']);
  const runs: Record<string, () => Promise<unknown>> = {
    ours: async () => {
      const out = await contenders.ours(embedder, corpus);
      vectors.fp32 ??= out.vectors;
    },
    ...(q8Embedder && {
      oursQ8: async () => {
        const out = await contenders.ours(q8Embedder, corpus);
        vectors.q8 ??= out.vectors;
      },
    }),
    transformersJs: () => contenders.transformersJs(extractor, corpus, tjsBatch),
    naive: () => contenders.naive(raw, rows),
    floor: () => contenders.floor(raw, batches),
  };
  const throughput = await rotateContenders(runs, totalTokens, Number(args.reps), log);
  const q8 =
    vectors.fp32 && vectors.q8
      ? {
          speedupPerRep: speedupPerRep(throughput, 'oursQ8', 'ours'),
          accuracy: cosineAgreement(vectors.q8, vectors.fp32),
          paired: await pairedRaw(modelDir, tuning, tokenizer.eosId, batches, raw),
        }
      : undefined;
  if (q8)
    log(`q8 vs fp32: speed-up per rep ${q8.speedupPerRep.join(', ')}; cosine ${JSON.stringify(q8.accuracy)}`);

  const latency = await measureLatency(embedder, tokenizer, raw);
  await Promise.all([embedder.close(), q8Embedder?.close(), raw.session.release(), extractor.dispose()]);

  const reSearch = await measureReSearch(
    { ...base, CACHE_MAX_BYTES: 256 * 2 ** 20 },
    modelDir,
    Number(args['kb-lines']),
    Number(args.searches),
    log,
  );
  const sweep = args.sweep ? await runSweep(base, modelDir, corpus.slice(0, 48), log) : undefined;

  writeMainReport({
    machine: machine(),
    model: recordedModel(modelDir),
    settings: {
      ortThreads: tuning.intraOpThreads,
      maxBatchTokens: base.maxBatchTokens,
      cpuMemArena: base.ORT_CPU_ARENA,
      spinning: base.ORT_SPINNING,
      workers: base.EMBED_WORKERS,
      tjsBatch,
    },
    corpus: { ...corpusInfo, reps: Number(args.reps) },
    agreement,
    throughput,
    q8,
    ceiling,
    latency,
    reSearch,
    rss: {
      afterLoadingAllContendersMiB: rssLoaded,
      peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    },
    sweep,
  });
}

/**
 * q8 vs fp32 as raw session.run on the same batches, paired batch by batch: the ratio least
 * disturbed by other processes on a shared machine. Opens the q8 file (and fp32 unless given).
 */
async function pairedRaw(
  modelDir: string,
  tuning: SessionTuning,
  padId: number,
  batches: Int32Array[][],
  openFp32?: RawSession,
) {
  const fp32 = openFp32 ?? (await openRawSession(modelDir, tuning, padId, 'fp32'));
  const q8 = await openRawSession(modelDir, tuning, padId, 'q8');
  const warmUp = batches[0]?.slice(0, 1) ?? [];
  await Promise.all([runRows(fp32, warmUp), runRows(q8, warmUp)]);
  const paired = await pairedComparison(
    (batch) => runRows(q8, batch),
    (batch) => runRows(fp32, batch),
    batches,
    1,
  );
  log(`paired raw q8 vs fp32: ${JSON.stringify(paired)}`);
  await q8.session.release();
  if (!openFp32) await fp32.session.release();
  return paired;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
