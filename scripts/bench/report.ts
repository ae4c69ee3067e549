/** Writes the benchmark figures to bench/results.json and a readable table to docs/benchmarks.md. */
import fs from 'node:fs';

export interface BenchReport {
  machine: { cores: number; cpu: string; memGiB: number; node: string };
  model: string;
  settings: Record<string, number | boolean>;
  corpus: { texts: number; tokens: number; reps: number };
  agreement: number;
  timesMs: Record<string, number[]>;
  tokensPerSecond: Record<string, number>;
  ratios: Record<string, number>;
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
  ours: 'Semantic Radar embedder (server code path)',
  transformersJs: 'transformers.js pipeline (last_token, normalize)',
  naive: 'naive: one text per session.run',
  floor: 'floor: raw session.run, length-sorted batches',
};

function markdown(r: BenchReport): string {
  const rss = r.reSearch.rssMiBAfterSearches;
  const rssKeys = Object.keys(rss)
    .map(Number)
    .sort((a, b) => a - b);
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memGiB} GiB, Node ${r.machine.node}.`,
    `Model: \`${r.model}\` (random weights, Qwen3-Embedding-0.6B's shape and compute), fp32 on CPU.`,
    `Settings: ${Object.entries(r.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}.`,
    `Corpus: ${r.corpus.texts} seeded texts (English, Chinese, mixed; 4–300 tokens), ${r.corpus.tokens} tokens; median of ${r.corpus.reps} alternating runs.`,
    `Sanity: our vectors vs transformers.js' on the same texts, minimum cosine ${r.agreement.toFixed(6)}.`,
    '',
    '## Throughput',
    '',
    '| contender | tokens/s | runs (s) |',
    '|---|---:|---|',
    ...Object.entries(r.tokensPerSecond).map(
      ([k, v]) =>
        `| ${LABELS[k] ?? k} | ${v} | ${(r.timesMs[k] ?? []).map((ms) => (ms / 1000).toFixed(1)).join(', ')} |`,
    ),
    '',
    `Ratios: ours / transformers.js = **${r.ratios.oursVsTransformersJs}×**, ours / floor = **${r.ratios.oursVsFloor}×**, ours / naive = ${r.ratios.oursVsNaive}×.`,
    '',
    '## Warm single-query latency',
    '',
    `${r.latency.queries} queries (with instruction): ours p50 ${r.latency.ours.p50} ms / p95 ${r.latency.ours.p95} ms; raw session.run of the same ids p50 ${r.latency.raw.p50} ms / p95 ${r.latency.raw.p95} ms; ratio at p50 **${r.latency.ratioP50}×**.`,
    '',
    '## Re-search and memory',
    '',
    `A ${r.reSearch.kbLines}-line knowledge base: first search ${r.reSearch.firstMs} ms; searching it again with a new query ${r.reSearch.againNewQueryMs} ms (**${r.reSearch.speedup}×** faster; only the query is embedded); the same query again ${r.reSearch.againSameQueryMs} ms.`,
    '',
    '| searches done | RSS (MiB) |',
    '|---:|---:|',
    ...rssKeys.map((k) => `| ${k} | ${rss[k]} |`),
    '',
    `Process RSS with all four contenders loaded: ${r.rss.afterLoadingAllContendersMiB} MiB; peak ${r.rss.peakMiB} MiB.`,
  ];
  if (r.sweep) {
    lines.push(
      '',
      `## Settings sweep (${r.sweep.texts} texts, fresh embedder each)`,
      '',
      '| variant | ms | RSS (MiB) |',
      '|---|---:|---:|',
    );
    lines.push(...r.sweep.results.map((s) => `| ${s.name} | ${s.ms} | ${s.rssMiB} |`));
  }
  return `${lines.join('\n')}\n`;
}

export function writeReport(report: BenchReport) {
  fs.mkdirSync('bench', { recursive: true });
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync('bench/results.json', `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync('docs/benchmarks.md', markdown(report));
  console.log(markdown(report));
}
