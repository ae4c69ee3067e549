/**
 * Reads the server's `node --trace-gc` output, to split its RSS into what it is made of:
 * - live JS heap: what the main thread's heap holds right after a full (mark-compact) collection;
 *   if this climbs, JavaScript objects are leaking;
 * - committed JS heap: what V8 has reserved. V8 lets garbage pile up between full collections and
 *   raises that ceiling as it watches the allocation rate, so RSS keeps rising for a while with
 *   nothing leaking (measured: ~93 MiB live, ceiling ~325 MiB after ~10,000 soak requests);
 * - the rest of RSS (ONNX Runtime, tensors and buffers, the workers' own heaps, code): if this
 *   climbs, native memory is leaking.
 * Lines look like: "[1234:0x5581ab00]  5678 ms: Mark-Compact 84.6 (112.8) -> 62.8 (100.7) MB, …".
 * The main thread's isolate is the first to log (it collects before the inference workers exist).
 */
const GC_LINE =
  /^\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: ([A-Za-z -]+?)(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/;

interface GcEvent {
  line: number;
  fullGc: boolean;
  liveMiB: number;
  committedMiB: number;
}

/** The main isolate's collections in `lines[from…]`, in order. */
export function mainThreadGcs(lines: readonly string[], from = 0): GcEvent[] {
  let mainIsolate: string | undefined;
  const events: GcEvent[] = [];
  lines.forEach((text, line) => {
    const m = GC_LINE.exec(text);
    if (!m) return;
    mainIsolate ??= m[1];
    if (m[1] !== mainIsolate || line < from) return;
    events.push({ line, fullGc: m[2] === 'Mark-Compact', liveMiB: Number(m[3]), committedMiB: Number(m[4]) });
  });
  return events;
}

/** The heap V8 has committed as of the latest collection, in MiB (undefined before the first one). */
export function committedHeapMiB(lines: readonly string[]): number | undefined {
  return mainThreadGcs(lines).at(-1)?.committedMiB;
}

/**
 * Live heap after the first full collection from line `from` on (the first one after a checkpoint
 * shows what had survived by then), and after the last full collection of the run.
 */
export function liveHeapMiB(lines: readonly string[], from: number): { atBaseline?: number; atEnd?: number } {
  const full = mainThreadGcs(lines).filter((e) => e.fullGc);
  return { atBaseline: full.find((e) => e.line >= from)?.liveMiB, atEnd: full.at(-1)?.liveMiB };
}
