/**
 * The profiler pass on a real generated model pair: onnxruntime must run every weight MatMul of the
 * q8 file on an integer kernel (the structure the generator writes is what its fusions expect),
 * while the fp32 file has none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readModelConfig } from '../../server/model-files';
import { EmbeddingTokenizer } from '../../server/tokenizer';
import { generateTestModel } from '../test-model';
import { sortedBatches } from './contenders';
import { makeCorpus } from './corpus';
import { INTEGER_MATMUL_OPS, type ProfileSummary, profilePass } from './profile';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'semantic-radar-profile-'));
const tuning = { intraOpThreads: 1, cpuMemArena: false, spinning: false };
const passes: Record<string, ProfileSummary> = {};
const WEIGHT_MATMULS_PER_LAYER = 7;

beforeAll(async () => {
  generateTestModel({ outDir: dir });
  generateTestModel({ outDir: dir, quantized: true });
  const tokenizer = await EmbeddingTokenizer.load(dir);
  const rows = await tokenizer.encodeAll(makeCorpus({ count: 6, seed: 3 }), 64);
  const batches = sortedBatches(rows, 128);
  for (const dtype of ['fp32', 'q8'] as const) {
    passes[dtype] = await profilePass(dir, dtype, tuning, batches, tokenizer.eosId);
  }
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const integerNodes = (p: ProfileSummary | undefined) =>
  (p?.ops ?? []).filter((o) => INTEGER_MATMUL_OPS.includes(o.opType)).reduce((s, o) => s + o.nodes, 0);

describe('profile pass', () => {
  test('every weight MatMul of the q8 model runs as a fused integer kernel', () => {
    const layers = readModelConfig(dir).numLayers;
    expect(integerNodes(passes.q8)).toBe(WEIGHT_MATMULS_PER_LAYER * layers);
    expect(passes.q8?.ops.some((o) => o.opType === 'MatMulInteger')).toBe(false);
  });

  test('the fp32 model runs no integer kernels', () => {
    expect(integerNodes(passes.fp32)).toBe(0);
  });

  test('operator shares add up to the whole kernel time', () => {
    const shares = passes.q8?.ops.reduce((s, o) => s + o.share, 0) ?? 0;
    expect(shares).toBeCloseTo(1, 2);
  });
});
