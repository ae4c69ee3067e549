/**
 * The inference worker thread. It owns one ONNX session: `session.run` blocks its thread for the
 * whole inference, which is why it lives here and not on the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { embedBatch, type GraphSignature, readSignature } from './batch-inference';
import { openSession } from './onnx-session';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';
import { adoptStopCell, inNativeCall } from './worker-stop';

if (!parentPort) throw new Error('embed-worker must run as a worker thread');
const port = parentPort;

let state: { session: ort.InferenceSession; sig: GraphSignature; init: WorkerInit } | undefined;

function send(message: FromWorker, transfer: ArrayBuffer[] = []) {
  port.postMessage(message, transfer);
}

async function initialise(init: WorkerInit) {
  const started = performance.now();
  // Every call into onnxruntime's native code is marked, so the pool never terminates the thread
  // in the middle of one (that aborts the whole process: see worker-stop.ts).
  const opened = await inNativeCall(() => openSession(init));
  const sig = readSignature(opened.session, init.shape);
  // One short inference before reporting ready, so the first user request does not pay for it.
  const warmUp = { ids: new Int32Array([init.padTokenId]), lengths: new Int32Array([1]) };
  const warm = await inNativeCall(() => embedBatch(opened.session, sig, warmUp, init.padTokenId));
  state = { session: opened.session, sig, init };
  send({
    type: 'ready',
    model: {
      device: opened.device,
      deviceReason: opened.deviceReason,
      dtype: opened.dtype,
      hiddenSize: warm.hiddenSize,
      loadMs: Math.round(performance.now() - started),
    },
  });
}

function looksLikeOutOfMemory(message: string): boolean {
  return /out of memory|bad_alloc|failed to allocate|CUDNN_STATUS_ALLOC|cudaErrorMemoryAllocation/i.test(
    message,
  );
}

port.on('message', async (message: ToWorker) => {
  if (message.type === 'stop-cell') {
    adoptStopCell(message.cell);
    return;
  }
  if (message.type === 'init') {
    initialise(message.init).catch((err: Error) => send({ type: 'init-failed', message: err.message }));
    return;
  }
  if (!state) {
    send({ type: 'failed', id: message.id, message: 'The model is not loaded', outOfMemory: false });
    return;
  }
  try {
    const { session, sig, init } = state;
    const { vectors } = await inNativeCall(() => embedBatch(session, sig, message.batch, init.padTokenId));
    send({ type: 'embedded', id: message.id, vectors }, [vectors.buffer as ArrayBuffer]);
  } catch (err) {
    const text = (err as Error).message;
    send({ type: 'failed', id: message.id, message: text, outOfMemory: looksLikeOutOfMemory(text) });
  }
});
