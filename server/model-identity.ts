import 'server-only';
/**
 * A fingerprint of everything that decides a text's vector besides the text itself: the ONNX graph
 * and its weights, the dtype, the tokenizer and the truncation length. The persistent vector cache
 * keys on it, so a different model, dtype or tokenizer in the same folder can never be served
 * another's vectors. Hashing whole multi-gigabyte files at every start would cost seconds, so each
 * file contributes its size and its first and last MiB (weights differ from the first bytes on).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SAMPLE_BYTES = 1024 * 1024;

function addFileSample(hash: ReturnType<typeof createHash>, file: string) {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    hash.update(`${path.basename(file)}:${size}:`);
    const head = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    fs.readSync(fd, head, 0, head.length, 0);
    hash.update(head);
    if (size > SAMPLE_BYTES) {
      const tail = Buffer.alloc(Math.min(SAMPLE_BYTES, size - SAMPLE_BYTES));
      fs.readSync(fd, tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
  } finally {
    fs.closeSync(fd);
  }
}

export interface IdentityInput {
  modelDir: string;
  /** The ONNX file the workers loaded. */
  onnxFile: string;
  dtype: string;
  maxTokens: number;
}

/** Hex SHA-256 of the model's files (sampled), dtype, tokenizer files and the token limit. */
export function modelIdentity({ modelDir, onnxFile, dtype, maxTokens }: IdentityInput): string {
  const hash = createHash('sha256');
  hash.update(`dtype:${dtype};maxTokens:${maxTokens};`);
  for (const file of [onnxFile, `${onnxFile}_data`]) if (fs.existsSync(file)) addFileSample(hash, file);
  for (const name of ['tokenizer.json', 'tokenizer_config.json']) {
    const file = path.join(modelDir, name);
    if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}
