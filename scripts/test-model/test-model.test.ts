/**
 * The generated test model behaves like a real Qwen3-Embedding export: same signature, same
 * tokenizer behaviour, and the properties the app's embedder relies on (left padding is invisible,
 * masks matter, the cache offset is right), checked against an independent forward pass.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestModel, TINY_SHAPE } from './index';
import { QWEN3 } from './options';
import { readFloatInitializers, referenceForward } from './reference-forward';

const PAD = QWEN3.endOfTextId;
const { hiddenSize: HIDDEN, numLayers: LAYERS, numKvHeads: KV, headDim: HEAD_DIM } = TINY_SHAPE;
const GENERATE_TIMEOUT = 60_000;

const root = mkdtempSync(join(tmpdir(), 'test-model-'));
const dirs = { main: join(root, 'main'), plain: join(root, 'plain'), again: join(root, 'again') };
let session: ort.InferenceSession;

beforeAll(async () => {
  generateTestModel({ outDir: dirs.main });
  session = await ort.InferenceSession.create(join(dirs.main, 'onnx', 'model.onnx'));
}, GENERATE_TIMEOUT);

afterAll(async () => {
  await session?.release();
  rmSync(root, { recursive: true, force: true });
});

type Past = Record<string, ort.Tensor>;

function emptyPast(batch: number): Past {
  const past: Past = {};
  for (let i = 0; i < LAYERS; i++) {
    for (const kind of ['key', 'value']) {
      past[`past_key_values.${i}.${kind}`] = new ort.Tensor('float32', new Float32Array(0), [
        batch,
        KV,
        0,
        HEAD_DIM,
      ]);
    }
  }
  return past;
}

const int64 = (rows: number[][]) =>
  new ort.Tensor('int64', BigInt64Array.from(rows.flat(), BigInt), [rows.length, rows[0]?.length ?? 0]);

/** Pads rows to one length (pad id, mask 0) and derives position_ids = cumsum(mask) - 1 (pads: 1). */
function batchOf(rows: number[][], side: 'left' | 'right') {
  const width = Math.max(...rows.map((r) => r.length));
  const ids = rows.map((r) => {
    const pad = Array<number>(width - r.length).fill(PAD);
    return side === 'left' ? [...pad, ...r] : [...r, ...pad];
  });
  const mask = rows.map((r) => {
    const ones = Array<number>(r.length).fill(1);
    const zeros = Array<number>(width - r.length).fill(0);
    return side === 'left' ? [...zeros, ...ones] : [...ones, ...zeros];
  });
  const positions = mask.map((m) => {
    let seen = 0;
    return m.map((bit) => (bit ? seen++ : 1));
  });
  return { ids, mask, positions, width };
}

async function run(rows: number[][], side: 'left' | 'right' = 'left', model = session) {
  const b = batchOf(rows, side);
  const out = await model.run({
    input_ids: int64(b.ids),
    attention_mask: int64(b.mask),
    position_ids: int64(b.positions),
    ...emptyPast(rows.length),
  });
  const hidden = out.last_hidden_state as ort.Tensor;
  /** The hidden state of row r at column c. */
  const at = (r: number, c: number) =>
    Array.from(
      (hidden.data as Float32Array).subarray((r * b.width + c) * HIDDEN, (r * b.width + c + 1) * HIDDEN),
    );
  return { out, hidden, at, width: b.width, batch: b };
}

const maxAbsDiff = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - (b[i] as number))));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

// Arbitrary ids, including high ones (Chinese tokens, specials) to prove the full table is there.
const SHORT = [3838, 374, 279, 6722, PAD];
const LONG = [104100, 99405, 27442, 100413, 151_600, 42, 7, PAD];

describe('signature', () => {
  it('has the onnx-community export input and output names, in order', () => {
    const past = Array.from({ length: LAYERS }, (_, i) => [
      `past_key_values.${i}.key`,
      `past_key_values.${i}.value`,
    ]);
    const present = Array.from({ length: LAYERS }, (_, i) => [`present.${i}.key`, `present.${i}.value`]);
    expect(session.inputNames).toEqual(['input_ids', 'attention_mask', 'position_ids', ...past.flat()]);
    expect(session.outputNames).toEqual(['last_hidden_state', ...present.flat()]);
  });

  it('names the symbolic dimensions like the export', () => {
    const shapes = Object.fromEntries(
      [...session.inputMetadata, ...session.outputMetadata].map((m) => [m.name, 'shape' in m ? m.shape : []]),
    );
    expect(shapes.input_ids).toEqual(['batch_size', 'sequence_length']);
    expect(shapes['past_key_values.0.key']).toEqual(['batch_size', KV, 'past_sequence_length', HEAD_DIM]);
    expect(shapes.last_hidden_state).toEqual(['batch_size', 'sequence_length', HIDDEN]);
    expect(shapes['present.0.value']).toEqual(['batch_size', KV, 'total_sequence_length', HEAD_DIM]);
  });

  it('writes a Qwen3 config flagged as a test model', () => {
    const config = JSON.parse(readFileSync(join(dirs.main, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      model_type: 'qwen3',
      architectures: ['Qwen3Model'],
      hidden_size: HIDDEN,
      num_hidden_layers: LAYERS,
      num_key_value_heads: KV,
      head_dim: HEAD_DIM,
      vocab_size: 151_669,
      eos_token_id: PAD,
      _semantic_radar_test_model: true,
    });
  });
});

describe('inference', () => {
  it('runs a left-padded batch of two with an empty past: right shapes, no NaN', async () => {
    const { out, hidden, width } = await run([SHORT, LONG]);
    expect(hidden.dims).toEqual([2, width, HIDDEN]);
    expect((hidden.data as Float32Array).every(Number.isFinite)).toBe(true);
    expect((out['present.1.key'] as ort.Tensor).dims).toEqual([2, KV, width, HEAD_DIM]);
  });

  it('gives a row the same last hidden state padded in a batch as alone', async () => {
    const batched = await run([SHORT, LONG]);
    const alone = await run([SHORT]);
    expect(maxAbsDiff(batched.at(0, batched.width - 1), alone.at(0, SHORT.length - 1))).toBeLessThan(1e-4);
  });

  it('changes the last hidden state when an earlier token changes', async () => {
    const original = await run([LONG]);
    const changed = await run([[1000, ...LONG.slice(1)]]);
    expect(maxAbsDiff(original.at(0, LONG.length - 1), changed.at(0, LONG.length - 1))).toBeGreaterThan(1e-2);
  });

  it('with right padding, the last column is a pad state, not the real last token state', async () => {
    const right = await run([SHORT, LONG], 'right');
    const alone = await run([SHORT]);
    const realLast = right.at(0, SHORT.length - 1);
    expect(maxAbsDiff(realLast, alone.at(0, SHORT.length - 1))).toBeLessThan(1e-4);
    expect(maxAbsDiff(right.at(0, right.width - 1), realLast)).toBeGreaterThan(1e-2);
  });

  it('continues from a cache exactly as a full run does (causal offset with a past)', async () => {
    const head = LONG.slice(0, 5);
    const tail = LONG.slice(5);
    const full = await run([LONG]);
    const first = await run([head]);
    const past: Past = {};
    for (let i = 0; i < LAYERS; i++) {
      past[`past_key_values.${i}.key`] = first.out[`present.${i}.key`] as ort.Tensor;
      past[`past_key_values.${i}.value`] = first.out[`present.${i}.value`] as ort.Tensor;
    }
    const second = await session.run({
      input_ids: int64([tail]),
      attention_mask: int64([Array(LONG.length).fill(1)]),
      position_ids: int64([tail.map((_, i) => head.length + i)]),
      ...past,
    });
    const hidden = (second.last_hidden_state as ort.Tensor).data as Float32Array;
    for (let c = 0; c < tail.length; c++) {
      const cached = Array.from(hidden.subarray(c * HIDDEN, (c + 1) * HIDDEN));
      expect(maxAbsDiff(cached, full.at(0, head.length + c))).toBeLessThan(1e-4);
    }
  });

  it('matches an independent float64 Qwen3 forward pass at every real position', async () => {
    const weights = readFloatInitializers(join(dirs.main, 'onnx', 'model.onnx'));
    const { at, batch } = await run([SHORT, LONG]);
    batch.ids.forEach((ids, r) => {
      const expected = referenceForward(
        weights,
        TINY_SHAPE,
        ids,
        batch.positions[r] ?? [],
        batch.mask[r] ?? [],
      );
      batch.mask[r]?.forEach((bit, c) => {
        if (bit) expect(maxAbsDiff(at(r, c), Array.from(expected[c] ?? []))).toBeLessThan(1e-4);
      });
    });
  });
});

describe('generation', () => {
  it('writes byte-identical model files for the same options', { timeout: GENERATE_TIMEOUT }, () => {
    const again = generateTestModel({ outDir: dirs.again, force: true });
    expect(sha256(again.modelPath)).toBe(sha256(join(dirs.main, 'onnx', 'model.onnx')));
  });

  it('skips regeneration when the stamp matches', () => {
    const modelPath = join(dirs.main, 'onnx', 'model.onnx');
    const before = statSync(modelPath).mtimeMs;
    expect(generateTestModel({ outDir: dirs.main }).skipped).toBe(true);
    expect(statSync(modelPath).mtimeMs).toBe(before);
  });

  it('writes the same weights to external data when asked', { timeout: GENERATE_TIMEOUT }, async () => {
    const external = generateTestModel({ outDir: join(root, 'external'), externalData: true });
    expect(statSync(`${external.modelPath}_data`).size).toBeGreaterThan(30e6);
    expect(statSync(external.modelPath).size).toBeLessThan(1e6);
    const s = await ort.InferenceSession.create(external.modelPath);
    const b = batchOf([LONG], 'left');
    const feeds = {
      input_ids: int64(b.ids),
      attention_mask: int64(b.mask),
      position_ids: int64(b.positions),
    };
    const out = await s.run({ ...feeds, ...emptyPast(1) });
    const inline = await run([LONG]);
    expect(Array.from((out.last_hidden_state as ort.Tensor).data as Float32Array)).toEqual(
      Array.from(inline.hidden.data as Float32Array),
    );
    await s.release();
  });
});

describe('quantized variant', () => {
  const cosine = (a: number[], b: number[]) => {
    const dot = (x: number[], y: number[]) => x.reduce((sum, v, i) => sum + v * (y[i] as number), 0);
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  };

  it('adds model_quantized.onnx beside model.onnx: same signature, outputs within cosine 0.99', async () => {
    const fp32Hash = sha256(join(dirs.main, 'onnx', 'model.onnx'));
    const q8 = generateTestModel({ outDir: dirs.main, quantized: true });
    expect(basename(q8.modelPath)).toBe('model_quantized.onnx');
    expect(sha256(join(dirs.main, 'onnx', 'model.onnx'))).toBe(fp32Hash);

    const q8Session = await ort.InferenceSession.create(q8.modelPath);
    expect(q8Session.inputNames).toEqual(session.inputNames);
    expect(q8Session.outputNames).toEqual(session.outputNames);
    const fp32 = await run([SHORT, LONG]);
    const quantized = await run([SHORT, LONG], 'left', q8Session);
    for (const row of [0, 1]) {
      expect(cosine(quantized.at(row, fp32.width - 1), fp32.at(row, fp32.width - 1))).toBeGreaterThan(0.99);
    }
    await q8Session.release();
  });
});

describe('tokenizer', () => {
  beforeAll(() => {
    generateTestModel({ outDir: dirs.plain, plainTokenizer: true });
    env.allowRemoteModels = false;
    env.localModelPath = root;
  }, GENERATE_TIMEOUT);

  const load = (dir: string) => AutoTokenizer.from_pretrained(basename(dir));

  it('appends <|endoftext|> and pads left by default, like the updated embedding tokenizer', async () => {
    expect(dirname(dirs.main)).toBe(root);
    const tokenizer = await load(dirs.main);
    expect(tokenizer.encode('我想吃点东西')).toEqual([104100, 99405, 27442, 100413, PAD]);
    const batch = tokenizer(['hi', 'What is the capital of China?'], { padding: true });
    expect((batch.attention_mask.tolist() as bigint[][])[0]?.[0]).toBe(0n);
  });

  it('with --plain-tokenizer, appends nothing (the chat tokenizer)', async () => {
    const tokenizer = await load(dirs.plain);
    expect(tokenizer.encode('我想吃点东西')).toEqual([104100, 99405, 27442, 100413]);
    expect(tokenizer.encode('What is the capital of China?')).toEqual([3838, 374, 279, 6722, 315, 5616, 30]);
  });
});
