/** A real Embedder on the generated random-weight Qwen3 model, with settings overridden per test. */
import { Embedder } from '../../server/embedder';
import { TEST_MODEL_DIR } from '../../server/model-files';
import { type Settings, settings } from '../../server/settings';

export async function startEmbedder(
  overrides: Partial<Settings> = {},
  modelDir = TEST_MODEL_DIR,
): Promise<Embedder> {
  const embedder = new Embedder({ ...settings(), ...overrides }, modelDir, () => {});
  await embedder.start();
  return embedder;
}

/** Kills a busy inference worker the way a crash would (for the fault-recovery tests). */
export function killBusyWorker(embedder: Embedder): Promise<void> {
  return embedder.requireReady().pool.killBusyWorker();
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] as number) ** 2;
  return Math.sqrt(s);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}
