/** Small statistics for the benchmark report. */
export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

export function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * Wall time and the process's CPU time (all threads: onnxruntime's, the workers', the main one).
 * On a CPU shared with other work the wall time stretches with their load; CPU time much less so.
 */
export async function timeWallCpu(fn: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

export const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);
export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
