/**
 * Writes a random-weight Qwen3-Embedding-shaped model (same ONNX signature and folder layout as the
 * onnx-community export, real Qwen3 tokenizer) for tests, e2e runs and benchmarks without a download.
 *
 *   npx tsx scripts/make-test-model.ts [--out DIR] [--preset tiny|0.6b] [--hidden N] [--layers N]
 *     [--heads N] [--kv-heads N] [--head-dim N] [--intermediate N] [--seed N]
 *     [--plain-tokenizer] [--external-data] [--quantized] [--force]
 *
 * Same options → same bytes. Re-running with the same options is a no-op (see <out>/.stamp.json).
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { TEST_MODEL_DIR } from '../server/model-files';
import {
  defaultOptions,
  generateTestModel,
  PRESETS,
  type TestModelOptions,
  validateShape,
} from './test-model';

const USAGE = `usage: npx tsx scripts/make-test-model.ts [options]
  --out DIR            output folder (default ${TEST_MODEL_DIR})
  --preset NAME        tiny (default) or 0.6b (Qwen3-Embedding-0.6B's shape, ~2.4 GB fp32;
                       default folder ${TEST_MODEL_DIR}-0.6b)
  --hidden N --layers N --heads N --kv-heads N --head-dim N --intermediate N
                       override single dimensions (applied after --preset)
  --seed N             weight seed (default 42)
  --plain-tokenizer    copy the chat tokenizer unmodified (no <|endoftext|> appended, right padding)
  --external-data      put weights in onnx/<model>.onnx_data even when they fit in one file
  --quantized          write onnx/model_quantized.onnx (dynamic q8 MatMuls) instead of model.onnx
  --force              regenerate even if <out>/.stamp.json matches`;

function integerFlag(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${flag} needs a non-negative integer, got "${text}"`);
  return value;
}

function parseOptions(argv: string[]): Partial<TestModelOptions> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      out: { type: 'string' },
      preset: { type: 'string' },
      hidden: { type: 'string' },
      layers: { type: 'string' },
      heads: { type: 'string' },
      'kv-heads': { type: 'string' },
      'head-dim': { type: 'string' },
      intermediate: { type: 'string' },
      seed: { type: 'string' },
      'plain-tokenizer': { type: 'boolean' },
      'external-data': { type: 'boolean' },
      quantized: { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const preset = PRESETS[values.preset ?? 'tiny'];
  if (!preset)
    throw new Error(`unknown --preset "${values.preset}" (known: ${Object.keys(PRESETS).join(', ')})`);

  const flags: Partial<TestModelOptions> = {
    outDir: values.out,
    seed: integerFlag('seed', values.seed),
    hiddenSize: integerFlag('hidden', values.hidden),
    numLayers: integerFlag('layers', values.layers),
    numHeads: integerFlag('heads', values.heads),
    numKvHeads: integerFlag('kv-heads', values['kv-heads']),
    headDim: integerFlag('head-dim', values['head-dim']),
    intermediateSize: integerFlag('intermediate', values.intermediate),
    plainTokenizer: values['plain-tokenizer'],
    externalData: values['external-data'],
    quantized: values.quantized,
    force: values.force,
  };
  // Unset flags must not override the preset or the defaults with `undefined`.
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined));
  // A big preset gets its own folder by default, so it never replaces the tiny model tests rely on.
  const presetDir =
    values.preset && values.preset !== 'tiny' ? { outDir: `${TEST_MODEL_DIR}-${values.preset}` } : {};
  return { ...preset, ...presetDir, ...given };
}

function main(): void {
  let options: Partial<TestModelOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
    validateShape(defaultOptions(options));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const r = generateTestModel(options);
  const mb = (r.bytes / 1e6).toFixed(1);
  const what = r.skipped
    ? 'up to date (stamp matches; --force to rebuild)'
    : `written in ${r.seconds.toFixed(1)} s`;
  const shown = relative(process.cwd(), r.modelPath);
  console.log(`test model ${shown.startsWith('..') ? r.modelPath : shown}: ${mb} MB, ${what}`);
}

main();
