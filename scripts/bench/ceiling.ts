/**
 * The compute ceiling on this machine: how fast onnxruntime multiplies the model's own MLP shape
 * ([rows × hidden] · [hidden × intermediate]) in fp32 and in int8, and what that allows in tokens/s
 * given the model's FLOPs per token (from config.json).
 *
 * The int8 graph is the generated q8 model's own linear layer (scripts/test-model Weights: uint8
 * activations through DynamicQuantizeLinear, signed int8 weights), which onnxruntime fuses into
 * DynamicQuantizeMatMul. A u8 × u8 product (unsigned weights, what the q8 test variant used
 * before) is measured beside it, because that is the reason the weights are signed.
 */
import * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../../server/model-files';
import { type SessionTuning, sessionOptions } from '../../server/onnx-session';
import { DataType, GraphBuilder } from '../test-model/graph-builder';
import { InlineStore } from '../test-model/tensor-store';
import { Weights } from '../test-model/weights';
import { median, round, timeWallCpu } from './stats';

export interface MatMulRate {
  name: string;
  medianMs: number;
  /** 2·M·K·N per second (multiply-adds counted twice, integer or float alike). */
  gflops: number;
  /** The same per CPU-second of all threads: what the cores do when they get to run. */
  gflopsPerCpuSecond: number;
}

export interface Ceiling {
  shape: { rows: number; hidden: number; intermediate: number };
  runs: number;
  rates: MatMulRate[];
  /** Linear-layer FLOPs per token (2 × weights of q/k/v/o and the MLP, all layers). */
  linearFlopsPerToken: number;
}

type Kind = 'fp32' | 'u8s8' | 'u8u8';

/** One MatMul of [rows, k] by a constant [k, n] weight, in the form `kind` names. */
function matmulModel(kind: Kind, k: number, n: number): Uint8Array {
  const store = new InlineStore();
  const b = new GraphBuilder(store);
  const x = b.input('x', DataType.FLOAT, ['rows', k]);
  let y: string;
  if (kind === 'u8u8') {
    // Values do not change the speed of an integer GEMM; any bytes with a mid zero point will do.
    const weight = Uint8Array.from({ length: k * n }, (_, i) => (i * 37) & 0xff);
    const [xq, xScale, xZero] = b.nodeN('DynamicQuantizeLinear', [x], 3) as [string, string, string];
    const product = b.node('MatMulInteger', [
      xq,
      b.initializer('w_quantized', weight, [k, n]),
      xZero,
      b.initializer('w_zero_point', Uint8Array.of(128), []),
    ]);
    const rescale = b.node('Mul', [xScale, b.initializer('w_scale', Float32Array.of(0.01), [])]);
    y = b.node('Mul', [b.node('Cast', [product], { to: DataType.FLOAT }), rescale]);
  } else {
    y = new Weights(b, 1, kind === 'fp32' ? 'fp32' : 'q8').linear('w', x, k, n);
  }
  b.output('y', y, DataType.FLOAT, ['rows', n]);
  const bytes = b.encodeModel({ graphName: `matmul-${kind}`, opset: 17, docString: '', metadata: {} });
  store.close();
  return bytes;
}

export function linearFlopsPerToken(config: ModelConfig): number {
  const raw = config.raw;
  const heads = Number(raw.num_attention_heads);
  const intermediate = Number(raw.intermediate_size);
  const { hiddenSize: h, headDim, numKvHeads, numLayers } = config;
  const attention = h * headDim * (2 * heads + 2 * numKvHeads);
  const mlp = 3 * h * intermediate;
  return 2 * numLayers * (attention + mlp);
}

/**
 * Times the three forms on the same random input, alternating them each round so that load from
 * other processes falls on all of them alike; reports the median of `runs` rounds.
 */
export async function measureCeiling(
  config: ModelConfig,
  tuning: SessionTuning,
  rows = 512,
  runs = 20,
): Promise<Ceiling> {
  const hidden = config.hiddenSize;
  const intermediate = Number(config.raw.intermediate_size);
  const kinds: Kind[] = ['fp32', 'u8s8', 'u8u8'];
  const sessions = await Promise.all(
    kinds.map((kind) =>
      ort.InferenceSession.create(matmulModel(kind, hidden, intermediate), sessionOptions(tuning, 'cpu')),
    ),
  );
  const input = new Float32Array(rows * hidden).map((_, i) => Math.sin(i) * 2);
  const feeds = { x: new ort.Tensor('float32', input, [rows, hidden]) };
  const run = async (s: ort.InferenceSession) => (await s.run(feeds)).y?.dispose();
  for (const s of sessions) for (let i = 0; i < 3; i++) await run(s);

  const times: number[][] = kinds.map(() => []);
  const cpuTimes: number[][] = kinds.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < sessions.length; i++) {
      const t = await timeWallCpu(() => run(sessions[i] as ort.InferenceSession));
      times[i]?.push(t.wallMs);
      cpuTimes[i]?.push(t.cpuMs);
    }
  }
  await Promise.all(sessions.map((s) => s.release()));
  const flops = 2 * rows * hidden * intermediate;
  return {
    shape: { rows, hidden, intermediate },
    runs,
    rates: kinds.map((name, i) => {
      const ms = median(times[i] as number[]);
      const cpuMs = median(cpuTimes[i] as number[]);
      return {
        name,
        medianMs: round(ms, 2),
        gflops: round(flops / (ms / 1000) / 1e9, 1),
        gflopsPerCpuSecond: round(flops / (cpuMs / 1000) / 1e9, 1),
      };
    }),
    linearFlopsPerToken: linearFlopsPerToken(config),
  };
}

/**
 * The attention products (Q·Kᵀ and P·V, float in both files) per real token over `batches` as the
 * embedder runs them: each row attends over the whole padded width, so padding counts as cost.
 */
export function attentionFlopsPerToken(batches: Int32Array[][], config: ModelConfig): number {
  const heads = Number(config.raw.num_attention_heads);
  let flops = 0;
  let tokens = 0;
  for (const batch of batches) {
    const width = Math.max(...batch.map((r) => r.length));
    flops += config.numLayers * batch.length * 2 * 2 * width * width * heads * config.headDim;
    tokens += batch.reduce((s, r) => s + r.length, 0);
  }
  return tokens ? flops / tokens : 0;
}
