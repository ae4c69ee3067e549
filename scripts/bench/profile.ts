/**
 * Where the time goes inside onnxruntime: one pass over the corpus with the session's own profiler
 * (enableProfiling), summarised per operator type. For a quantised graph it also says which
 * weight MatMuls ran as integer kernels (the fused DynamicQuantizeMatMul / MatMulIntegerToFloat,
 * or an unfused MatMulInteger) and which stayed float MatMuls.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { readSignature } from '../../server/batch-inference';
import { type Dtype, type ModelConfig, onnxFileFor, readModelConfig } from '../../server/model-files';
import { type SessionTuning, sessionOptions } from '../../server/onnx-session';
import { type RawSession, runRows } from './contenders';
import {
  type CeilingWithAttention,
  ceilingMarkdown,
  type Machine,
  machineLine,
  pairedSentence,
  writeJson,
  writeSection,
} from './report';
import { round } from './stats';
import type { PairedComparison } from './throughput';

export interface OpStat {
  opType: string;
  ms: number;
  /** Share of all kernel time in the pass, 0..1. */
  share: number;
  /** Kernel executions in the pass (nodes × runs). */
  calls: number;
  /** Distinct graph nodes of this type that ran. */
  nodes: number;
}

export interface ProfileSummary {
  dtype: Dtype;
  wallMs: number;
  /** CPU time of the whole process (all threads) during the pass. */
  cpuMs: number;
  kernelMs: number;
  ops: OpStat[];
}

/** The weight MatMuls that run on integer kernels; MatMul itself is a float kernel. */
export const INTEGER_MATMUL_OPS = ['DynamicQuantizeMatMul', 'MatMulIntegerToFloat', 'MatMulInteger'];

interface ProfileEvent {
  cat?: string;
  name?: string;
  dur?: number;
  args?: { op_name?: string };
}

/** Sums the profiler's per-node kernel events by operator type, largest first. */
export function summariseProfile(events: ProfileEvent[]): { kernelMs: number; ops: OpStat[] } {
  const byOp = new Map<string, { us: number; calls: number; nodes: Set<string> }>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name?.endsWith('_kernel_time') || !e.args?.op_name) continue;
    const stat = byOp.get(e.args.op_name) ?? { us: 0, calls: 0, nodes: new Set<string>() };
    stat.us += e.dur ?? 0;
    stat.calls += 1;
    stat.nodes.add(e.name);
    byOp.set(e.args.op_name, stat);
  }
  const totalUs = [...byOp.values()].reduce((s, o) => s + o.us, 0);
  const ops = [...byOp.entries()]
    .map(([opType, o]) => ({
      opType,
      ms: round(o.us / 1000, 1),
      share: round(o.us / totalUs, 4),
      calls: o.calls,
      nodes: o.nodes.size,
    }))
    .sort((a, b) => b.ms - a.ms);
  return { kernelMs: round(totalUs / 1000, 0), ops };
}

/**
 * Opens `dtype`'s file with the server's session options plus profiling, runs every batch once
 * (after one unprofiled-shape warm-up batch, which the summary includes: it is one of many), and
 * returns the per-operator summary. The profile file goes to a temporary folder and is removed.
 */
export async function profilePass(
  modelDir: string,
  dtype: Dtype,
  tuning: SessionTuning,
  batches: Int32Array[][],
  padId: number,
): Promise<ProfileSummary> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ort-profile-'));
  try {
    const options = sessionOptions(tuning, 'cpu');
    const session = await ort.InferenceSession.create(onnxFileFor(modelDir, dtype), {
      ...options,
      enableProfiling: true,
      profileFilePrefix: path.join(dir, dtype),
    });
    const raw: RawSession = { session, sig: readSignature(session, readModelConfig(modelDir)), padId };
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const batch of batches) await runRows(raw, batch);
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    const cpuMs = (used.user + used.system) / 1000;
    session.endProfiling();
    await session.release();
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.json'));
    if (!file) throw new Error(`onnxruntime wrote no profile into ${dir}`);
    const events = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ProfileEvent[];
    return { dtype, wallMs: round(wallMs, 0), cpuMs: round(cpuMs, 0), ...summariseProfile(events) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface ProfileReport {
  machine: Machine;
  model: string;
  corpus: { texts: number; tokens: number; batches: number };
  tuning: SessionTuning;
  ceiling: CeilingWithAttention;
  passes: ProfileSummary[];
  /** fp32 vs q8 without the profiler, batch by batch. */
  paired?: PairedComparison;
  config: ModelConfig;
}

/** Weight MatMuls per layer in a Qwen3 decoder: q, k, v, o, gate, up, down. */
const WEIGHT_MATMULS_PER_LAYER = 7;

function profileMarkdown(r: ProfileReport): string {
  const ops = [...new Set(r.passes.flatMap((p) => p.ops.map((o) => o.opType)))];
  const cell = (p: ProfileSummary, op: string) => {
    const o = p.ops.find((x) => x.opType === op);
    return o ? `${o.ms} | ${round(o.share * 100, 1)} % | ${o.calls} (${o.nodes})` : '– | – | –';
  };
  const msOf = (op: string) => Math.max(...r.passes.map((p) => p.ops.find((o) => o.opType === op)?.ms ?? 0));
  ops.sort((a, b) => msOf(b) - msOf(a));
  const tokensPerSecond = (p: ProfileSummary) => round(r.corpus.tokens / (p.wallMs / 1000), 1);
  const tokensPerCpuSecond = (p: ProfileSummary) => round(r.corpus.tokens / (p.cpuMs / 1000), 1);
  const lines = [
    '## Where the time goes (`npm run bench -- --profile`)',
    '',
    `Written by \`npm run bench -- --profile\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine(r.machine)}`,
    `One pass over the ${r.corpus.texts}-text corpus (${r.corpus.tokens} tokens in ${r.corpus.batches} length-sorted batches) per file of \`${r.model}\`, raw session.run with the server's session options (${r.tuning.intraOpThreads} threads, spinning ${r.tuning.spinning ? 'on' : 'off'}) and onnxruntime's profiler (\`enableProfiling\`). Kernel time per operator type after onnxruntime's graph optimisations; calls = kernel runs (distinct nodes).`,
    '',
    `| operator | ${r.passes.map((p) => `${p.dtype} ms | ${p.dtype} share | ${p.dtype} calls (nodes)`).join(' | ')} |`,
    `|---|${r.passes.map(() => '---:|---:|---:').join('|')}|`,
    ...ops.map((op) => `| ${op} | ${r.passes.map((p) => cell(p, op)).join(' | ')} |`),
    `| **total kernel time** | ${r.passes.map((p) => `${p.kernelMs} | 100 % | `).join(' | ')} |`,
    '',
    `Pass wall time: ${r.passes.map((p) => `${p.dtype} ${round(p.wallMs / 1000, 1)} s (${tokensPerSecond(p)} tokens/s)`).join(', ')} (profiling adds a little overhead to both; the passes run one after the other).`,
  ];
  if (r.paired) lines.push('', `Without the profiler: ${pairedSentence(r.paired)}`);
  const fp32 = r.passes.find((p) => p.dtype === 'fp32');
  const q8 = r.passes.find((p) => p.dtype === 'q8');
  if (q8) {
    const nodes = (op: string) => q8.ops.find((o) => o.opType === op)?.nodes ?? 0;
    const integer = INTEGER_MATMUL_OPS.reduce((s, op) => s + nodes(op), 0);
    const expected = WEIGHT_MATMULS_PER_LAYER * r.config.numLayers;
    const share = INTEGER_MATMUL_OPS.reduce(
      (s, op) => s + (q8.ops.find((o) => o.opType === op)?.share ?? 0),
      0,
    );
    lines.push(
      '',
      `Weight MatMuls in the q8 graph: **${integer} of ${expected}** (${WEIGHT_MATMULS_PER_LAYER} per layer × ${r.config.numLayers}) run as integer kernels — DynamicQuantizeMatMul ${nodes('DynamicQuantizeMatMul')} nodes (an activation read by one projection: o_proj, down_proj), MatMulIntegerToFloat ${nodes('MatMulIntegerToFloat')} nodes (after a shared DynamicQuantizeLinear: q/k/v, gate/up), unfused MatMulInteger ${nodes('MatMulInteger')}; together ${round(share * 100, 1)} % of q8 kernel time. The float MatMul (${nodes('MatMul')} nodes) and FusedMatMul (${nodes('FusedMatMul')}) left are the attention products Q·Kᵀ and P·V, whose second operand is not a constant, so the quantiser leaves them float (MatMulConstBOnly).`,
      '',
      '### Ceiling at the time of the profile',
      '',
      ...ceilingMarkdown(
        r.ceiling,
        { fp32: fp32 && tokensPerSecond(fp32), q8: tokensPerSecond(q8) },
        { fp32: fp32 && tokensPerCpuSecond(fp32), q8: tokensPerCpuSecond(q8) },
      ),
    );
  }
  return lines.join('\n');
}

export function writeProfileReport(report: ProfileReport): void {
  const { config, ...json } = report;
  writeJson('bench/profile.json', json);
  const markdown = profileMarkdown(report);
  writeSection('profile', markdown);
  console.log(markdown);
}
