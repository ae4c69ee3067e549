/**
 * Generates a random-weight Qwen3-Embedding-shaped model folder (config, tokenizer, onnx/), and
 * skips the work when `<out>/.stamp.json` says the same options already produced it, so tests and
 * scripts can call `ensureTestModel()` every time.
 *
 * A folder can hold both variants, like the real export: generating fp32 and then `quantized: true`
 * with the same shape/seed adds onnx/model_quantized.onnx beside onnx/model.onnx. Changing the
 * shape, seed or tokenizer flavour wipes onnx/ first so no stale variant disagrees with config.json.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GraphBuilder } from './graph-builder';
import { withLock } from './lock';
import {
  defaultOptions,
  modelName,
  QWEN3,
  qwen3Config,
  type TestModelOptions,
  type TestModelShape,
  validateShape,
} from './options';
import { buildQwen3Graph, OPSET } from './qwen3-graph';
import { ExternalStore, InlineStore, type TensorStore } from './tensor-store';
import { writeTokenizerFiles } from './tokenizer-files';
import { Q8_SCHEME, Weights } from './weights';

export {
  defaultOptions,
  PRESETS,
  type TestModelOptions,
  TINY_SHAPE,
  validateShape,
} from './options';

/** Bump when the graph or weights change, so existing folders regenerate. */
const GENERATOR_VERSION = 2;
/** Above this many weight bytes, external data is forced: protobuf cannot encode 2 GB. */
const MAX_INLINE_BYTES = 1.5e9;

export interface GenerateResult {
  dir: string;
  modelPath: string;
  /** .onnx plus its external data file, if any. */
  bytes: number;
  seconds: number;
  /** True when the stamp matched and nothing was written. */
  skipped: boolean;
}

interface Stamp {
  base: Record<string, unknown>;
  files: Record<string, { externalData: boolean; quantization?: string }>;
}

function shapeOf(o: TestModelOptions): TestModelShape {
  const { hiddenSize, numLayers, numHeads, numKvHeads, headDim, intermediateSize } = o;
  return { hiddenSize, numLayers, numHeads, numKvHeads, headDim, intermediateSize };
}

/** Parameter count, for choosing inline vs external data before anything is generated. */
function parameterCount(s: TestModelShape): number {
  const attention = s.hiddenSize * s.headDim * (2 * s.numHeads + 2 * s.numKvHeads);
  const mlp = 3 * s.hiddenSize * s.intermediateSize;
  return QWEN3.vocabSize * s.hiddenSize + s.numLayers * (attention + mlp);
}

function readStamp(path: string): Stamp | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** Writes the model folder described by `options` (or finds it current) and reports what it did. */
export function generateTestModel(overrides: Partial<TestModelOptions> = {}): GenerateResult {
  const o = defaultOptions(overrides);
  validateShape(shapeOf(o));
  const dir = resolve(o.outDir);
  mkdirSync(dir, { recursive: true });
  return withLock(join(dir, '.lock'), () => generateLocked(o, dir));
}

function generateLocked(o: TestModelOptions, dir: string): GenerateResult {
  const started = performance.now();
  const onnxDir = join(dir, 'onnx');
  const fileName = o.quantized ? 'model_quantized.onnx' : 'model.onnx';
  const modelPath = join(onnxDir, fileName);
  const dataPath = `${modelPath}_data`;
  const stampPath = join(dir, '.stamp.json');
  const base = {
    generator: GENERATOR_VERSION,
    ...shapeOf(o),
    seed: o.seed,
    plainTokenizer: o.plainTokenizer,
  };
  const variant = o.quantized
    ? { externalData: o.externalData, quantization: Q8_SCHEME }
    : { externalData: o.externalData };
  const result = (skipped: boolean): GenerateResult => ({
    dir,
    modelPath,
    bytes: sizeOf(modelPath) + sizeOf(dataPath),
    seconds: (performance.now() - started) / 1000,
    skipped,
  });

  let stamp = readStamp(stampPath);
  const baseCurrent = !o.force && stamp !== undefined && sameJson(stamp.base, base);
  if (baseCurrent && stamp && sameJson(stamp.files[fileName], variant) && existsSync(modelPath)) {
    return result(true);
  }

  // From here the folder is in flux: drop the stamp first so an interrupted run is never trusted.
  rmSync(stampPath, { force: true });
  if (!baseCurrent || !stamp) {
    rmSync(onnxDir, { recursive: true, force: true });
    writeFileSync(join(dir, 'config.json'), `${JSON.stringify(qwen3Config(o), null, 2)}\n`);
    writeTokenizerFiles(dir, o.plainTokenizer);
    stamp = { base, files: {} };
  }
  mkdirSync(onnxDir, { recursive: true });
  rmSync(modelPath, { force: true });
  rmSync(dataPath, { force: true });

  const weightBytes = parameterCount(shapeOf(o)) * (o.quantized ? 1 : 4);
  const external = o.externalData || weightBytes > MAX_INLINE_BYTES;
  const store: TensorStore = external ? new ExternalStore(dataPath) : new InlineStore();
  try {
    const builder = new GraphBuilder(store);
    buildQwen3Graph(builder, shapeOf(o), new Weights(builder, o.seed, o.quantized ? 'q8' : 'fp32'));
    const bytes = builder.encodeModel({
      graphName: modelName(o),
      opset: OPSET,
      docString:
        'Random-weight Qwen3 decoder with the onnx-community Qwen3-Embedding signature (test model).',
      metadata: {
        semantic_radar_test_model: 'true',
        seed: String(o.seed),
        weights: o.quantized ? `q8 (${Q8_SCHEME})` : 'fp32',
      },
    });
    writeFileSync(modelPath, bytes);
  } finally {
    store.close();
  }

  stamp.files[fileName] = variant;
  writeFileSync(stampPath, `${JSON.stringify(stamp, null, 2)}\n`);
  return result(false);
}

/**
 * The tiny model (or the one `overrides` describe) in `overrides.outDir` (default
 * models/qwen3-embedding-test), generated only when missing or stale. Returns the folder.
 */
export function ensureTestModel(overrides: Partial<TestModelOptions> = {}): string {
  return generateTestModel(overrides).dir;
}
