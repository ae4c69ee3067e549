/**
 * Stopping an inference worker without taking the whole process down.
 *
 * `worker.terminate()` while the worker is inside onnxruntime's native code (session creation or
 * `session.run`) aborts the process: the native call cannot be interrupted, runs to its end, then
 * builds its JS result through N-API in an environment that is being torn down; node-addon-api
 * turns the failed call into a C++ `Napi::Error` that nothing catches, and C++ calls
 * std::terminate ("terminate called after throwing an instance of 'Napi::Error'", SIGABRT).
 * scripts/measure-worker-stop.ts measures it. Terminating mid-run buys nothing either: the run's
 * CPU time is spent all the same, because `terminate()` resolves only after the call has returned.
 *
 * So the pool never terminates a worker that may be in native code. Each worker shares one Int32
 * cell with the main thread. The worker marks itself BUSY around every native call (and is BUSY
 * from birth until it holds the cell, which covers loading the onnxruntime binding); the main
 * thread sets STOP. Whoever moves second acts: a stop that finds the worker FREE terminates it at
 * once (it cannot enter native code any more), and a worker leaving native code that finds STOP
 * exits by itself without answering, exactly as if it had crashed mid-batch.
 */
import type { Worker } from 'node:worker_threads';
import type { ToWorker } from './worker-protocol';

/** Bits of the shared cell; 0 is FREE: out of native code, no stop asked for. */
const BUSY = 1;
const STOP = 2;
/** The code a worker that stopped itself exits with: the one `terminate()` gives. */
const STOPPED_EXIT_CODE = 1;

interface Guard {
  cell: Int32Array;
  exited: Promise<void>;
}

const guards = new WeakMap<Worker, Guard>();

/** Main thread: call right after creating the worker, before posting anything else to it. */
export function guardWorker(worker: Worker): Worker {
  const cell = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  Atomics.store(cell, 0, BUSY);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  guards.set(worker, { cell, exited });
  worker.postMessage({ type: 'stop-cell', cell } satisfies ToWorker);
  return worker;
}

/**
 * Main thread: ends the worker as soon as that is safe (at once unless it is in native code, else
 * when that call returns) and resolves once it has exited. Its exit looks like any other: the
 * caller decides whether it was a crash. A worker without a guard is terminated as before.
 */
export async function stopWorker(worker: Worker): Promise<void> {
  const guard = guards.get(worker);
  if (!guard) {
    await worker.terminate();
    return;
  }
  const before = Atomics.or(guard.cell, 0, STOP);
  // No grace period then terminate(): a worker that is BUSY is in a call that terminate() cannot
  // interrupt either, and terminating it then is exactly the abort this module exists to prevent.
  if ((before & BUSY) === 0) await worker.terminate();
  await guard.exited;
}

/* ---- Inside the worker thread ---- */

let ownCell: Int32Array | undefined;
/** Native calls in flight (awaited concurrently); the cell is BUSY while any is. */
let depth = 0;

function exitIfStopped(flags: number) {
  // Exiting from the worker's own JavaScript is safe: no native frame is on its stack here.
  if ((flags & STOP) !== 0) process.exit(STOPPED_EXIT_CODE);
}

/** Worker: takes the cell from its `stop-cell` message; the worker was BUSY until now. */
export function adoptStopCell(cell: Int32Array) {
  ownCell = cell;
  if (depth === 0) exitIfStopped(Atomics.and(cell, 0, ~BUSY));
}

/**
 * Worker: runs one call into onnxruntime's native code. If a stop was asked for before it starts,
 * the worker exits instead; if one arrives during it, the worker exits when it returns, and the
 * result is never sent.
 */
export async function inNativeCall<T>(call: () => Promise<T>): Promise<T> {
  const cell = ownCell;
  if (cell) exitIfStopped(Atomics.or(cell, 0, BUSY));
  depth++;
  try {
    return await call();
  } finally {
    depth--;
    if (cell) exitIfStopped(depth === 0 ? Atomics.and(cell, 0, ~BUSY) : Atomics.load(cell, 0));
  }
}
