/**
 * A cross-process lock file, so that parallel test workers calling ensureTestModel() on the same
 * folder do not write it at the same time (one generates; the others wait, then find the stamp).
 * Generation is synchronous, so waiting is too.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

const POLL_MS = 50;
const GIVE_UP_MS = 15 * 60 * 1000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether the process that wrote the lock is gone (then the lock is stale and may be taken). */
function holderIsGone(lockPath: string): boolean {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
  } catch {
    return false; // vanished or half-written: just retry
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function withLock<T>(lockPath: string, work: () => T): T {
  const deadline = Date.now() + GIVE_UP_MS;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderIsGone(lockPath)) rmSync(lockPath, { force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockPath}`);
      else sleepSync(POLL_MS);
    }
  }
  try {
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
