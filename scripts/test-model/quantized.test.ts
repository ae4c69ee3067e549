/**
 * The q8 variant has the structure transformers.js' quantize.py (q8 mode, onnxruntime's dynamic
 * IntegerOps quantiser) writes for a graph without Conv or fused attention ops: signed int8
 * weights, symmetric per-tensor scales, one DynamicQuantizeLinear per activation, the embedding
 * table read through Gather + DequantizeLinear. See weights.ts for the sources.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestModel, TINY_SHAPE } from './index';
import { readFloatInitializers } from './reference-forward';

const { DataType } = onnxProto.onnx.TensorProto;
const dir = mkdtempSync(join(tmpdir(), 'test-model-q8-'));
let graph: onnxProto.onnx.IGraphProto;
let fp32: ReturnType<typeof readFloatInitializers>;

beforeAll(() => {
  generateTestModel({ outDir: dir });
  const q8 = generateTestModel({ outDir: dir, quantized: true });
  graph = onnxProto.onnx.ModelProto.decode(readFileSync(q8.modelPath)).graph as onnxProto.onnx.IGraphProto;
  fp32 = readFloatInitializers(join(dir, 'onnx', 'model.onnx'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const initializer = (name: string) => graph.initializer?.find((t) => t.name === name);
const nodesOf = (op: string) => (graph.node ?? []).filter((n) => n.opType === op);
const bytesOf = (t: onnxProto.onnx.ITensorProto | undefined) => t?.rawData ?? new Uint8Array();

describe('q8 structure', () => {
  it('stores every quantised weight as int8 with a zero point of 0', () => {
    const quantized = (graph.initializer ?? []).filter((t) => t.name?.endsWith('_quantized'));
    expect(quantized).toHaveLength(1 + 7 * TINY_SHAPE.numLayers);
    for (const t of quantized) {
      expect(t.dataType).toBe(DataType.INT8);
      const zero = initializer(t.name?.replace(/_quantized$/, '_zero_point') as string);
      expect(zero?.dataType).toBe(DataType.INT8);
      expect(Array.from(bytesOf(zero))).toEqual([0]);
    }
  });

  it('scales each weight symmetrically: max |w| / 127, so the largest weight maps to ±127', () => {
    const name = 'model.layers.0.mlp.gate_proj.weight';
    const weights = fp32.get(name) as Float32Array;
    const absMax = weights.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    const scale = new Float32Array(new Uint8Array(bytesOf(initializer(`${name}_scale`))).buffer)[0];
    expect(scale).toBeCloseTo(absMax / 127, 9);
    const values = new Int8Array(new Uint8Array(bytesOf(initializer(`${name}_quantized`))).buffer);
    expect(Math.max(...values.map(Math.abs))).toBe(127);
  });

  it('quantises each activation once: q/k/v share one DynamicQuantizeLinear, gate/up another', () => {
    // Per layer: attention input, o_proj input, MLP input, down_proj input.
    expect(nodesOf('DynamicQuantizeLinear')).toHaveLength(4 * TINY_SHAPE.numLayers);
    expect(nodesOf('MatMulInteger')).toHaveLength(7 * TINY_SHAPE.numLayers);
  });

  it('leaves the attention products as float MatMuls (their second operand is not a weight)', () => {
    expect(nodesOf('MatMul')).toHaveLength(2 * TINY_SHAPE.numLayers);
  });

  it('reads the embedding table through Gather on int8 rows and DequantizeLinear', () => {
    const gather = nodesOf('Gather')[0];
    expect(gather?.input?.[0]).toBe('model.embed_tokens.weight_quantized');
    const dequantize = nodesOf('DequantizeLinear')[0];
    expect(dequantize?.input?.[0]).toBe(gather?.output?.[0]);
  });
});
