/**
 * Writes the benchmark figures to bench/*.json and to docs/benchmarks.md. Each run replaces only
 * its own marked section of the document, so hand-written sections (and other runs' sections)
 * around it survive.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ceiling } from './ceiling';
import { round } from './stats';
import type { Agreement, PairedComparison, Throughput } from './throughput';

const DOC = 'docs/benchmarks.md';

export interface Machine {
  cores: number;
  cpu: string;
  memGiB: number;
  node: string;
  /** One-minute load average when the run started: other processes sharing the cores. */
  loadAverage: number;
}

export function machine(): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverage: round(os.loadavg()[0] ?? 0, 1),
  };
}

/** The model folder as the results name it: inside the repo by its path, elsewhere by its name only (no machine paths). */
export function recordedModel(modelDir: string): string {
  const relative = path.relative(process.cwd(), modelDir);
  return relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(modelDir) : relative;
}

export function machineLine(m: Machine): string {
  return `${m.cores} cores (${m.cpu}), ${m.memGiB} GiB, Node ${m.node}; load average ${m.loadAverage} when it started (the cores are shared: wall times stretch with other work, CPU times much less).`;
}

export type CeilingWithAttention = Ceiling & { attentionFlopsPerToken: number };

export interface MainReport {
  machine: Machine;
  model: string;
  settings: Record<string, number | boolean>;
  corpus: { texts: number; tokens: number; batches: number; reps: number };
  agreement: number;
  throughput: Throughput;
  q8?: { speedupPerRep: number[]; accuracy: Agreement; paired: PairedComparison };
  ceiling: CeilingWithAttention;
  latency: {
    queries: number;
    ours: { p50: number; p95: number };
    raw: { p50: number; p95: number };
    ratioP50: number;
  };
  reSearch: {
    kbLines: number;
    firstMs: number;
    againNewQueryMs: number;
    againSameQueryMs: number;
    speedup: number;
    rssMiBAfterSearches: Record<string, number>;
  };
  rss: { afterLoadingAllContendersMiB: number; peakMiB: number };
  sweep?: { texts: number; results: { name: string; ms: number; rssMiB: number }[] };
}

const LABELS: Record<string, string> = {
  ours: 'Semantic Radar embedder, fp32 (server code path)',
  oursQ8: 'Semantic Radar embedder, q8 (model_quantized.onnx)',
  transformersJs: 'transformers.js pipeline, fp32 (last_token, normalize)',
  naive: 'naive: one text per session.run, fp32',
  floor: 'floor: raw session.run, length-sorted batches, fp32',
};

const seconds = (xs: number[]) => xs.map((ms) => (ms / 1000).toFixed(1)).join(', ');

/** The ceiling table: measured MatMul rates and what they allow in tokens/s. */
export function ceilingMarkdown(
  c: CeilingWithAttention,
  achieved: { fp32?: number; q8?: number },
  perCpuSecond: { fp32?: number; q8?: number } = {},
): string[] {
  const rate = (name: string) => c.rates.find((r) => r.name === name)?.gflops ?? Number.NaN;
  const cpuRate = (name: string) => c.rates.find((r) => r.name === name)?.gflopsPerCpuSecond ?? Number.NaN;
  const perToken = c.linearFlopsPerToken + c.attentionFlopsPerToken;
  const ceilingTps = (name: string) => round((rate(name) * 1e9) / perToken, 0);
  const cpuCeiling = (name: string) => round((cpuRate(name) * 1e9) / perToken, 0);
  const fraction = (tps: number | undefined, name: string) =>
    tps === undefined ? '–' : `${round(tps / ceilingTps(name), 2)}`;
  const cpuFraction = (tps: number | undefined, name: string) =>
    tps === undefined ? '–' : `${round(tps / cpuCeiling(name), 2)}`;
  const { rows, hidden, intermediate } = c.shape;
  return [
    `One MatMul of the MLP's shape (${rows}×${hidden} by ${hidden}×${intermediate}), median of ${c.runs} alternating runs, same session options as the server:`,
    '',
    '| product | median ms | GFLOP/s (int8: GOP/s), wall | vs fp32 | per CPU-second | vs fp32 |',
    '|---|---:|---:|---:|---:|---:|',
    ...c.rates.map(
      (r) =>
        `| ${RATE_LABELS[r.name] ?? r.name} | ${r.medianMs} | ${r.gflops} | ${round(r.gflops / rate('fp32'), 2)}× | ${r.gflopsPerCpuSecond} | ${round(r.gflopsPerCpuSecond / cpuRate('fp32'), 2)}× |`,
    ),
    '',
    `FLOPs per token, from config.json: ${round(c.linearFlopsPerToken / 1e9, 3)} GFLOP in the linear layers (2 × the q/k/v/o and MLP weights of every layer) + ${round(c.attentionFlopsPerToken / 1e6, 1)} MFLOP of attention products on this corpus's batches (padding included) = ${round(perToken / 1e9, 3)} GFLOP.`,
    '',
    '| path | ceiling, wall (tokens/s) | measured, wall | fraction | ceiling per CPU-second (tokens) | measured per CPU-second | fraction |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| fp32 (MatMul) | ${ceilingTps('fp32')} | ${achieved.fp32 ?? '–'} | ${fraction(achieved.fp32, 'fp32')} | ${cpuCeiling('fp32')} | ${perCpuSecond.fp32 ?? '–'} | ${cpuFraction(perCpuSecond.fp32, 'fp32')} |`,
    `| q8 (u8 × s8 integer MatMul) | ${ceilingTps('u8s8')} | ${achieved.q8 ?? '–'} | ${fraction(achieved.q8, 'u8s8')} | ${cpuCeiling('u8s8')} | ${perCpuSecond.q8 ?? '–'} | ${cpuFraction(perCpuSecond.q8, 'u8s8')} |`,
    '',
    "The ceiling counts every FLOP at the rate of one large MatMul; attention and the element-wise ops run slower than that, so 1.0 is out of reach. On a shared machine neither ceiling is a clean bound: the wall-time one and the throughput are measured minutes apart under different load, and CPU time also counts onnxruntime's threads spinning while they wait for each other, which one large MatMul under contention does more of than the model's many small ops. A fraction above 1 means the ceiling was measured low; the ratios between rows are the figures to trust.",
  ];
}

/** The batch-by-batch comparison of raw q8 and fp32 runs, in one sentence. */
export function pairedSentence(p: PairedComparison): string {
  return `Raw session.run on the same ${p.batches} batches, q8 and fp32 back to back per batch (order alternating): **${p.wallSpeedup}×** by wall time (${round(p.wallMs.b / 1000, 1)} s vs ${round(p.wallMs.a / 1000, 1)} s), ${p.cpuSpeedup}× per CPU-second.`;
}

const RATE_LABELS: Record<string, string> = {
  fp32: 'fp32 MatMul',
  u8s8: 'DynamicQuantizeLinear + MatMulInteger, int8 weights (fused: DynamicQuantizeMatMul)',
  u8u8: 'the same with uint8 weights (u8 × u8)',
};

function mainMarkdown(r: MainReport): string {
  const t = r.throughput;
  const tps = t.tokensPerSecond;
  const rss = r.reSearch.rssMiBAfterSearches;
  const rssKeys = Object.keys(rss)
    .map(Number)
    .sort((a, b) => a - b);
  const ratio = (a: string, b: string) => round((tps[a] as number) / (tps[b] as number));
  const lines = [
    '## Throughput, latency and memory (`npm run bench`)',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine(r.machine)}`,
    `Model: \`${r.model}\` (by default the random-weight model with Qwen3-Embedding-0.6B's shape and compute), fp32${r.q8 ? ' and q8 files' : ' file'}, CPU.`,
    `Settings: ${Object.entries(r.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    `Corpus: ${r.corpus.texts} seeded texts (English, Chinese, mixed; 4–300 tokens), ${r.corpus.tokens} tokens, ${r.corpus.batches} batches; median of ${r.corpus.reps} runs per contender, order rotated each repetition.`,
    `Sanity: our vectors vs transformers.js' on the same texts, minimum cosine ${r.agreement.toFixed(6)}.`,
    '',
    '### Throughput',
    '',
    '| contender | tokens/s (wall) | tokens per CPU-second | runs, wall (s) | runs, CPU (s) |',
    '|---|---:|---:|---|---|',
    ...Object.keys(t.timings).map(
      (k) =>
        `| ${LABELS[k] ?? k} | ${tps[k]} | ${t.tokensPerCpuSecond[k]} | ${seconds(t.timings[k]?.wallMs ?? [])} | ${seconds(t.timings[k]?.cpuMs ?? [])} |`,
    ),
    '',
    `Ratios (wall): ours / transformers.js = **${ratio('ours', 'transformersJs')}×**, ours / floor = **${ratio('ours', 'floor')}×**, ours / naive = ${ratio('ours', 'naive')}×.`,
  ];
  if (r.q8) {
    const cpu = t.tokensPerCpuSecond;
    lines.push(
      '',
      `**q8 vs fp32** (the app's embedder on model_quantized.onnx vs model.onnx, same texts, same process): **${ratio('oursQ8', 'ours')}×** tokens/s by median wall time (per repetition: ${r.q8.speedupPerRep.join(', ')}×), ${round((cpu.oursQ8 as number) / (cpu.ours as number))}× per CPU-second. ${pairedSentence(r.q8.paired)} Cosine of each text's q8 vector to its fp32 vector over all ${r.q8.accuracy.texts} texts: **min ${r.q8.accuracy.min}, mean ${r.q8.accuracy.mean}**.`,
    );
  }
  lines.push(
    '',
    '### Ceiling',
    '',
    ...ceilingMarkdown(
      r.ceiling,
      { fp32: tps.ours, q8: tps.oursQ8 },
      { fp32: t.tokensPerCpuSecond.ours, q8: t.tokensPerCpuSecond.oursQ8 },
    ),
    '',
    '### Warm single-query latency',
    '',
    `${r.latency.queries} queries (with instruction), fp32: ours p50 ${r.latency.ours.p50} ms / p95 ${r.latency.ours.p95} ms; raw session.run of the same ids p50 ${r.latency.raw.p50} ms / p95 ${r.latency.raw.p95} ms; ratio at p50 **${r.latency.ratioP50}×**.`,
    '',
    '### Re-search and memory',
    '',
    `A ${r.reSearch.kbLines}-line knowledge base: first search ${r.reSearch.firstMs} ms; searching it again with a new query ${r.reSearch.againNewQueryMs} ms (**${r.reSearch.speedup}×** faster; only the query is embedded); the same query again ${r.reSearch.againSameQueryMs} ms.`,
    '',
    '| searches done | RSS (MiB) |',
    '|---:|---:|',
    ...rssKeys.map((k) => `| ${k} | ${rss[k]} |`),
    '',
    `Process RSS with all contenders loaded: ${r.rss.afterLoadingAllContendersMiB} MiB; peak ${r.rss.peakMiB} MiB.`,
  );
  if (r.sweep) {
    lines.push(
      '',
      `### Settings sweep (${r.sweep.texts} texts, fresh embedder each)`,
      '',
      '| variant | ms | RSS (MiB) |',
      '|---|---:|---:|',
      ...r.sweep.results.map((s) => `| ${s.name} | ${s.ms} | ${s.rssMiB} |`),
    );
  }
  return lines.join('\n');
}

/** Replaces the text between this section's markers in docs/benchmarks.md (appends it if absent). */
export function writeSection(key: string, markdown: string): void {
  const start = `<!-- bench:${key}:start (written by npm run bench; edits inside are overwritten) -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${markdown}\n${end}`;
  const doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const from = doc.indexOf(`<!-- bench:${key}:start`);
  const to = doc.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${doc.slice(0, from)}${block}${doc.slice(to + end.length)}`
      : `${doc.trimEnd()}\n\n${block}\n`;
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync(DOC, next);
}

export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function writeMainReport(report: MainReport): void {
  writeJson('bench/results.json', report);
  const markdown = mainMarkdown(report);
  writeSection('main', markdown);
  console.log(markdown);
}
