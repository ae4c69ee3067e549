/**
 * Throughput of several contenders on one corpus in one process: each repetition runs every
 * contender once, in an order rotated per repetition, so drift and other processes' load fall on
 * all of them alike. Wall and CPU time are both kept: on a shared machine the wall time says what
 * a user waited, the CPU time what the work cost.
 */
import { median, round, timeWallCpu } from './stats';

export interface Timings {
  wallMs: number[];
  cpuMs: number[];
}

export interface Throughput {
  tokens: number;
  reps: number;
  timings: Record<string, Timings>;
  /** tokens ÷ median wall seconds. */
  tokensPerSecond: Record<string, number>;
  /** tokens ÷ median CPU seconds (all threads): less sensitive to other processes' load. */
  tokensPerCpuSecond: Record<string, number>;
}

export async function rotateContenders(
  runs: Record<string, () => Promise<unknown>>,
  tokens: number,
  reps: number,
  log: (line: string) => void,
): Promise<Throughput> {
  const names = Object.keys(runs);
  const timings: Record<string, Timings> = Object.fromEntries(
    names.map((n) => [n, { wallMs: [], cpuMs: [] }]),
  );
  for (let rep = 0; rep < reps; rep++) {
    const shift = rep % names.length;
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const t = await timeWallCpu(runs[name] as () => Promise<unknown>);
      timings[name]?.wallMs.push(t.wallMs);
      timings[name]?.cpuMs.push(t.cpuMs);
      log(
        `rep ${rep + 1} ${name}: ${(t.wallMs / 1000).toFixed(1)} s wall, ${(t.cpuMs / 1000).toFixed(1)} s CPU (${Math.round(tokens / (t.wallMs / 1000))} tokens/s)`,
      );
    }
  }
  const per = (pick: (t: Timings) => number[]) =>
    Object.fromEntries(
      names.map((n) => [n, round(tokens / (median(pick(timings[n] as Timings)) / 1000), 1)]),
    );
  return {
    tokens,
    reps,
    timings,
    tokensPerSecond: per((t) => t.wallMs),
    tokensPerCpuSecond: per((t) => t.cpuMs),
  };
}

/** Per-repetition wall-time ratios a ÷ b (b's time over a's: > 1 means a is faster). */
export function speedupPerRep(t: Throughput, a: string, b: string): number[] {
  const fast = t.timings[a]?.wallMs ?? [];
  const slow = t.timings[b]?.wallMs ?? [];
  return fast.map((ms, i) => round((slow[i] ?? Number.NaN) / ms, 2));
}

export interface Agreement {
  texts: number;
  min: number;
  mean: number;
}

/** Cosine of each vector in `a` to its partner in `b` (both L2-normalised: a dot product). */
export function cosineAgreement(a: Float32Array[], b: Float32Array[]): Agreement {
  const cosines = a.map((v, i) => {
    const w = b[i] as Float32Array;
    let dot = 0;
    for (let j = 0; j < v.length; j++) dot += (v[j] as number) * (w[j] as number);
    return dot;
  });
  return {
    texts: cosines.length,
    min: round(Math.min(...cosines), 5),
    mean: round(cosines.reduce((s, c) => s + c, 0) / cosines.length, 5),
  };
}

export interface PairedComparison {
  batches: number;
  rounds: number;
  /** Summed over every batch and round. */
  wallMs: { a: number; b: number };
  cpuMs: { a: number; b: number };
  /** b's time over a's: > 1 means a is faster. */
  wallSpeedup: number;
  cpuSpeedup: number;
}

/**
 * Two ways of running the same batches, compared batch by batch: each batch runs on `a` and on `b`
 * back to back (which goes first alternates), so a burst of load from other processes lands on
 * both within seconds instead of on whichever contender happened to run during it.
 */
export async function pairedComparison(
  a: (batch: Int32Array[]) => Promise<unknown>,
  b: (batch: Int32Array[]) => Promise<unknown>,
  batches: Int32Array[][],
  rounds: number,
): Promise<PairedComparison> {
  const wall = { a: 0, b: 0 };
  const cpu = { a: 0, b: 0 };
  let turn = 0;
  for (let round = 0; round < rounds; round++) {
    for (const batch of batches) {
      const order: ('a' | 'b')[] = turn++ % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
      for (const side of order) {
        const t = await timeWallCpu(() => (side === 'a' ? a(batch) : b(batch)));
        wall[side] += t.wallMs;
        cpu[side] += t.cpuMs;
      }
    }
  }
  const r = (x: number) => round(x, 0);
  return {
    batches: batches.length,
    rounds,
    wallMs: { a: r(wall.a), b: r(wall.b) },
    cpuMs: { a: r(cpu.a), b: r(cpu.b) },
    wallSpeedup: round(wall.b / wall.a, 2),
    cpuSpeedup: round(cpu.b / cpu.a, 2),
  };
}
