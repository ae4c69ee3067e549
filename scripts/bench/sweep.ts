/**
 * The settings sweep behind the defaults in server/settings.ts: batch budget, memory arena and
 * the worker/thread split, each measured on the same texts with a fresh embedder.
 */
import { Embedder } from '../../server/embedder';
import { availableDtypes, type Dtype } from '../../server/model-files';
import type { Settings } from '../../server/settings';
import { median, round, rssMiB, timeMs } from './stats';

interface Variant {
  name: string;
  overrides: Partial<Settings>;
}

const VARIANTS: Variant[] = [
  { name: 'budget 128', overrides: { maxBatchTokens: 128 } },
  { name: 'budget 256', overrides: { maxBatchTokens: 256 } },
  { name: 'budget 512', overrides: { maxBatchTokens: 512 } },
  { name: 'budget 1024', overrides: { maxBatchTokens: 1024 } },
  { name: 'budget 2048', overrides: { maxBatchTokens: 2048 } },
  { name: 'budget 512, arena on', overrides: { maxBatchTokens: 512, ORT_CPU_ARENA: true } },
  { name: 'budget 512, no spinning', overrides: { maxBatchTokens: 512, ORT_SPINNING: false } },
  { name: 'budget 512, 1 thread', overrides: { maxBatchTokens: 512, ortThreads: 1 } },
  {
    name: 'budget 512, 2 workers × 1 thread',
    overrides: { maxBatchTokens: 512, EMBED_WORKERS: 2, ortThreads: 1 },
  },
  // The q8 ones run only when the folder has onnx/model_quantized.onnx (make-test-model --quantized):
  // integer GEMMs quantise and pack their input per call, so they may want other batch shapes.
  { name: 'q8, budget 256', overrides: { maxBatchTokens: 256, MODEL_DTYPE: 'q8' } },
  { name: 'q8, budget 512', overrides: { maxBatchTokens: 512, MODEL_DTYPE: 'q8' } },
  { name: 'q8, budget 1024', overrides: { maxBatchTokens: 1024, MODEL_DTYPE: 'q8' } },
  { name: 'q8, budget 2048', overrides: { maxBatchTokens: 2048, MODEL_DTYPE: 'q8' } },
  {
    name: 'q8, budget 512, no spinning',
    overrides: { maxBatchTokens: 512, MODEL_DTYPE: 'q8', ORT_SPINNING: false },
  },
];

export async function runSweep(
  base: Settings,
  modelDir: string,
  texts: string[],
  log: (l: string) => void,
  only?: string,
) {
  const results: { name: string; ms: number; rssMiB: number }[] = [];
  const dtypes = availableDtypes(modelDir);
  const runnable = VARIANTS.filter(
    (v) =>
      (!v.overrides.MODEL_DTYPE || dtypes.includes(v.overrides.MODEL_DTYPE as Dtype)) &&
      (!only || v.name.includes(only) || v.name === 'budget 512'),
  );
  for (const variant of runnable) {
    const embedder = new Embedder({ ...base, ...variant.overrides, CACHE_MAX_BYTES: 0 }, modelDir, () => {});
    await embedder.start();
    const runs = [];
    for (let i = 0; i < 2; i++)
      runs.push(await timeMs(() => embedder.embed(texts, { kind: 'document', field: 'texts' })));
    const ms = round(median(runs), 0);
    results.push({ name: variant.name, ms, rssMiB: rssMiB() });
    log(`sweep ${variant.name}: ${ms} ms`);
    await embedder.close();
  }
  return { texts: texts.length, results };
}
