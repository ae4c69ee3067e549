/**
 * Opening the ONNX session: choosing the device (CUDA when usable, else CPU, with the reason) and
 * the model file for the dtype. Runs inside the inference worker; the benchmark uses it too.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { availableDtypes, type Dtype, onnxFileFor } from './model-files';
import type { Device, DevicePreference } from './worker-protocol';

/** The knobs a session is opened with; the server, the benchmark and the profiler share them. */
export interface SessionTuning {
  intraOpThreads: number;
  cpuMemArena: boolean;
  spinning: boolean;
}

export interface SessionRequest extends SessionTuning {
  modelDir: string;
  dtype: Dtype | 'auto';
  device: DevicePreference;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  device: Device;
  deviceReason: string;
  dtype: Dtype;
  file: string;
}

/**
 * What MODEL_DTYPE=auto opens, first present file wins. fp16 kernels are slow or missing on CPU.
 * On CPU q8 comes first: measured by `npm run bench` (docs/benchmarks.md) at over 2× fp32's
 * tokens/s on the 0.6B shape, every vector within cosine 0.99 of fp32's; onnxruntime runs its
 * int8-weight MatMuls on the u8 × s8 integer kernels (DynamicQuantizeMatMul / MatMulIntegerToFloat).
 */
const DTYPE_PREFERENCE: Record<Device, Dtype[]> = {
  cuda: ['fp16', 'fp32', 'q8', 'q4f16'],
  cpu: ['q8', 'fp32', 'q4f16'],
};

/** onnxruntime-node ships the CUDA provider only when its install script could download it. */
function cudaProviderMissingReason(): string | undefined {
  if (process.platform !== 'linux' && process.platform !== 'win32')
    return `no CUDA build for ${process.platform}`;
  const requireFromApp = createRequire(path.join(process.cwd(), 'package.json'));
  const binDir = path.join(path.dirname(requireFromApp.resolve('onnxruntime-node')), '..', 'bin', 'napi-v6');
  const lib =
    process.platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
  const found = fs.existsSync(path.join(binDir, process.platform, process.arch, lib));
  return found
    ? undefined
    : 'the CUDA provider libraries for onnxruntime-node are not installed (see README, "GPU")';
}

export function pickDtype(modelDir: string, requested: Dtype | 'auto', device: Device): Dtype {
  const present = availableDtypes(modelDir);
  if (requested !== 'auto' && present.includes(requested) && (device === 'cuda' || requested !== 'fp16')) {
    return requested;
  }
  const fallback = DTYPE_PREFERENCE[device].find((d) => present.includes(d));
  if (!fallback) {
    // Name every file that would have done, so the message names the one the user meant to provide.
    const wanted = [
      ...(requested === 'auto' ? [] : [requested]),
      ...DTYPE_PREFERENCE[device].filter((d) => d !== requested),
    ];
    const files = wanted.map((d) => onnxFileFor(modelDir, d)).join(', ');
    throw new Error(`No usable ONNX file for ${device}: none of ${files} exists`);
  }
  return fallback;
}

export function sessionOptions(req: SessionTuning, device: Device): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: device === 'cuda' ? [{ name: 'cuda', deviceId: 0 }] : ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: req.intraOpThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    // Every batch has a new shape; the arena would keep buffers for each one (RSS grows for ever).
    enableCpuMemArena: req.cpuMemArena,
    enableMemPattern: false,
    extra: { session: { intra_op: { allow_spinning: req.spinning ? '1' : '0' } } },
  };
}

async function create(req: SessionRequest, device: Device, requested: Dtype | 'auto') {
  const dtype = pickDtype(req.modelDir, requested, device);
  const file = onnxFileFor(req.modelDir, dtype);
  try {
    const session = await ort.InferenceSession.create(file, sessionOptions(req, device));
    return { session, dtype, file };
  } catch (err) {
    throw new Error(`Cannot load ${file}: ${(err as Error).message.split('\n')[0]}`);
  }
}

export async function openSession(req: SessionRequest): Promise<OpenedSession> {
  if (req.device === 'cpu') {
    return { ...(await create(req, 'cpu', req.dtype)), device: 'cpu', deviceReason: 'EMBEDDER_DEVICE=cpu' };
  }
  const missing = cudaProviderMissingReason();
  if (!missing) {
    try {
      return { ...(await create(req, 'cuda', req.dtype)), device: 'cuda', deviceReason: 'CUDA is available' };
    } catch (err) {
      return fallBackToCpu(req, `CUDA failed to start: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return fallBackToCpu(req, missing);
}

async function fallBackToCpu(req: SessionRequest, why: string): Promise<OpenedSession> {
  const requested = req.dtype === 'fp16' ? 'auto' : req.dtype;
  const note = req.dtype === 'fp16' ? '; fp16 runs only on CUDA, so another dtype was chosen' : '';
  const opened = await create(req, 'cpu', requested);
  return { ...opened, device: 'cpu', deviceReason: `running on CPU: ${why}${note}` };
}
