/**
 * npm run model:pull [-- --dtype q8|fp32|fp16|q4f16] [--repo owner/name] [--revision main] [--out dir]
 * Downloads a Qwen3-Embedding ONNX export (transformers.js layout) with @huggingface/hub, showing
 * one progress bar for all bytes. Default dtype: q8 (≈0.6 GB, fast on CPU with VNNI), or fp16 when
 * onnxruntime-node's CUDA provider is installed.
 *
 * Like the Hugging Face tools it honours HF_ENDPOINT (a mirror) and HF_TOKEN (gated or private
 * repos). Every file is checked against the checksum the hub lists (SHA-256 for the large ones)
 * before it gets its final name; an interrupted pull resumes where it stopped on the next run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ListFileEntry } from '@huggingface/hub';
import { SingleBar } from 'cli-progress';
import { DTYPE_FILES, type Dtype, PULLED_MODEL_DIR } from '../server/model-files';
import { hubSettings } from '../server/settings';
import { alreadyVerified, downloadVerified, listHubFiles, PullError } from './pull/hub-download';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: 'onnx-community/Qwen3-Embedding-0.6B-ONNX' },
    revision: { type: 'string', default: 'main' },
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
const onnxFile = `onnx/${DTYPE_FILES[dtype]}`;

function wanted(entry: ListFileEntry): boolean {
  return (
    ['config.json', 'tokenizer.json', 'tokenizer_config.json', onnxFile].includes(entry.path) ||
    entry.path.startsWith(`${onnxFile}_data`)
  );
}

async function main() {
  const hub = hubSettings();
  const access = { endpoint: hub.endpoint, token: hub.token, repo: values.repo, revision: values.revision };
  const files = await listHubFiles(access, wanted);
  if (!files.some((f) => f.path === onnxFile))
    throw new PullError(`${values.repo} has no ${onnxFile} on ${hub.endpoint}`);

  const total = files.reduce((sum, f) => sum + f.size, 0);
  console.log(
    `Pulling ${values.repo} (${dtype}, ${(total / 1e9).toFixed(2)} GB) from ${hub.endpoint} into ${values.out}`,
  );
  const bar = new SingleBar({ format: '{bar} {percentage}% | {value}/{total} MB | {file}' });
  bar.start(Math.ceil(total / 1e6), 0, { file: '' });
  let done = 0;
  try {
    for (const file of files) {
      const target = path.join(values.out, file.path);
      if (await alreadyVerified(file, target)) {
        done += file.size;
        bar.update(Math.round(done / 1e6), { file: `${file.path} (already here, verified)` });
        continue;
      }
      // A file that fails its checksum must not stay under the name the server loads.
      fs.rmSync(target, { force: true });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const { resumedFrom } = await downloadVerified(access, file, target, (n) => {
        done += n;
        bar.update(Math.round(done / 1e6), { file: file.path });
      });
      if (resumedFrom > 0) console.log(`\n${file.path}: resumed at byte ${resumedFrom}`);
    }
  } finally {
    bar.stop();
  }
  console.log(
    `Done: ${files.length} files verified. Start the app with: npm start   (or MODEL_DIR=${values.out} npm start)`,
  );
}

main().catch((err: Error) => {
  const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(
    `${err.message} ${String(err.cause ?? '')}`,
  );
  const hint = offline
    ? ' (the hub cannot be reached from this machine; HF_ENDPOINT can point the pull at a mirror)'
    : '';
  console.error(`model:pull failed: ${err.message}${hint}`);
  process.exit(1);
});
