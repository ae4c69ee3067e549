/**
 * npm run model:pull [-- --dtype q8|fp32|fp16|q4f16] [--repo owner/name] [--out dir]
 * Downloads a Qwen3-Embedding ONNX export (transformers.js layout) with @huggingface/hub, showing
 * one progress bar for all bytes. Default dtype: q8 (≈0.6 GB, fast on CPU with VNNI), or fp16 when
 * onnxruntime-node's CUDA provider is installed. Files are written to `<name>.part` and renamed
 * when complete, so an interrupted pull never leaves a truncated model behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { downloadFile, type ListFileEntry, listFiles } from '@huggingface/hub';
import { SingleBar } from 'cli-progress';
import { DTYPE_FILES, type Dtype, PULLED_MODEL_DIR } from '../server/model-files';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: 'onnx-community/Qwen3-Embedding-0.6B-ONNX' },
    dtype: { type: 'string' },
    out: { type: 'string', default: PULLED_MODEL_DIR },
  },
});

function cudaInstalled(): boolean {
  const lib = path.join(
    'node_modules',
    'onnxruntime-node',
    'bin',
    'napi-v6',
    'linux',
    'x64',
    'libonnxruntime_providers_cuda.so',
  );
  return fs.existsSync(lib);
}

const dtype = (values.dtype ?? (cudaInstalled() ? 'fp16' : 'q8')) as Dtype;
if (!(dtype in DTYPE_FILES)) throw new Error(`--dtype must be one of ${Object.keys(DTYPE_FILES).join(', ')}`);
const repo = { type: 'model' as const, name: values.repo };
const onnxFile = `onnx/${DTYPE_FILES[dtype]}`;

function wanted(entry: ListFileEntry): boolean {
  return (
    ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFile].includes(entry.path) ||
    (entry.path.startsWith(`${onnxFile}_data`) && entry.type === 'file')
  );
}

async function main() {
  const files: ListFileEntry[] = [];
  for await (const entry of listFiles({ repo, recursive: true })) if (wanted(entry)) files.push(entry);
  if (!files.some((f) => f.path === onnxFile)) throw new Error(`${values.repo} has no ${onnxFile}`);

  const total = files.reduce((sum, f) => sum + (f.lfs?.size ?? f.size), 0);
  console.log(`Pulling ${values.repo} (${dtype}, ${(total / 1e9).toFixed(2)} GB) into ${values.out}`);
  const bar = new SingleBar({ format: '{bar} {percentage}% | {value}/{total} MB | {file}' });
  bar.start(Math.ceil(total / 1e6), 0, { file: '' });
  let done = 0;
  for (const file of files) {
    const target = path.join(values.out, file.path);
    const size = file.lfs?.size ?? file.size;
    if (fs.existsSync(target) && fs.statSync(target).size === size) {
      done += size;
      bar.update(Math.round(done / 1e6), { file: `${file.path} (already here)` });
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const blob = await downloadFile({ repo, path: file.path });
    if (!blob) throw new Error(`${file.path} not found in ${values.repo}`);
    const counted = Readable.fromWeb(blob.stream() as import('node:stream/web').ReadableStream).on(
      'data',
      (chunk: Buffer) => {
        done += chunk.length;
        bar.update(Math.round(done / 1e6), { file: file.path });
      },
    );
    await pipeline(counted, fs.createWriteStream(`${target}.part`));
    fs.renameSync(`${target}.part`, target);
  }
  bar.stop();
  console.log(`Done. Start the app with: npm start   (or MODEL_DIR=${values.out} npm start)`);
}

main().catch((err: Error) => {
  const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(
    `${err.message} ${String(err.cause ?? '')}`,
  );
  console.error(
    `model:pull failed: ${err.message}${offline ? ' (the Hugging Face Hub cannot be reached from this machine)' : ''}`,
  );
  process.exit(1);
});
