/**
 * npx tsx scripts/measure-worker-stop.ts [--trials 20] [--how terminate|stop] [--phase run|load] [--tokens 256]
 *
 * How often ending an inference worker at a random moment kills the whole process. Each trial is
 * a fresh child process: it starts the real embed-worker on the generated test model, keeps it
 * running batches of --tokens tokens (or, with --phase load, catches it while it loads the model),
 * and ends it after a random delay, either with `worker.terminate()` or with the pool's
 * `stopWorker` (server/worker-stop.ts). A child that aborts (SIGABRT, "terminate called after
 * throwing an instance of 'Napi::Error'") is the crash. A measurement, not a test.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { readModelConfig, TEST_MODEL_DIR } from '../server/model-files';
import type { FromWorker, ToWorker, WorkerInit } from '../server/worker-protocol';
import { guardWorker, stopWorker } from '../server/worker-stop';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '20' },
    how: { type: 'string', default: 'terminate' },
    phase: { type: 'string', default: 'run' },
    tokens: { type: 'string', default: '256' },
    trial: { type: 'boolean', default: false },
  },
});

/** The pool's way of starting the TypeScript worker from source (server/worker-pool.ts). */
function spawnEmbedWorker(): Worker {
  const entry = new URL('../server/embed-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(boot, { eval: true });
}

/** One trial, in this (child) process; prints one JSON line. */
async function trial() {
  const config = readModelConfig(TEST_MODEL_DIR);
  const padTokenId = config.eosTokenId ?? 0;
  const init: WorkerInit = {
    modelDir: TEST_MODEL_DIR,
    dtype: 'auto',
    device: 'cpu',
    shape: config,
    padTokenId,
    intraOpThreads: 1,
    cpuMemArena: false,
    spinning: false,
  };
  const tokens = Number(args.tokens);
  const worker = spawnEmbedWorker();
  if (args.how === 'stop') guardWorker(worker);
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  let answered = 0;
  const sendBatch = () => {
    const ids = new Int32Array(tokens).fill(padTokenId);
    const batch = { ids, lengths: new Int32Array([tokens]) };
    worker.postMessage({ type: 'embed', id: answered, batch } satisfies ToWorker, [ids.buffer]);
  };
  const ready = new Promise<void>((resolve) =>
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') resolve();
      else if (message.type === 'embedded' || message.type === 'failed') {
        answered++;
        sendBatch();
      }
    }),
  );
  worker.postMessage({ type: 'init', init } satisfies ToWorker);
  if (args.phase === 'run') {
    await ready;
    sendBatch();
  }
  // Long enough to cover several batches (or the whole load), so the stop lands anywhere in them.
  const delayMs = Math.round(Math.random() * (args.phase === 'run' ? 300 : 1500));
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  const started = performance.now();
  if (args.how === 'stop') await stopWorker(worker);
  else await worker.terminate();
  const code = await exited;
  const msToExit = Math.round(performance.now() - started);
  console.log(JSON.stringify({ delayMs, answered, code, msToExit }));
}

function parent() {
  const trials = Number(args.trials);
  const counts = { clean: 0, aborted: 0, otherFailure: 0 };
  const exitTimes: number[] = [];
  for (let i = 0; i < trials; i++) {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--trial',
        `--how=${args.how}`,
        `--phase=${args.phase}`,
        `--tokens=${args.tokens}`,
      ],
      { encoding: 'utf8' },
    );
    const aborted = child.signal === 'SIGABRT' || /terminate called after throwing/.test(child.stderr);
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    if (aborted) counts.aborted++;
    else if (child.status === 0 && line.startsWith('{')) {
      counts.clean++;
      exitTimes.push((JSON.parse(line) as { msToExit: number }).msToExit);
    } else counts.otherFailure++;
    const stderrTail = child.stderr.trim().split('\n').slice(-2).join(' | ');
    console.log(
      `trial ${i + 1}: ${aborted ? 'ABORTED' : `status ${child.status}`} ${line} ${aborted ? stderrTail : ''}`,
    );
  }
  exitTimes.sort((a, b) => a - b);
  const median = exitTimes[Math.floor(exitTimes.length / 2)];
  console.log(
    `${args.how} during ${args.phase}: ${counts.aborted}/${trials} aborted the process, ${counts.clean} clean, ${counts.otherFailure} other failures; median ms from stop to exit ${median ?? '-'}`,
  );
}

if (args.trial) await trial();
else parent();
