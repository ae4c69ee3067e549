import 'server-only';
/**
 * The persistent vector cache behind the in-memory LRU, so vectors survive a restart. It is an
 * LMDB store (npm `lmdb`: a maintained binding whose prebuilt binaries ship in its @lmdb/* npm
 * packages, so an offline `npm ci` installs it): memory-mapped reads take microseconds on the
 * event loop, and writes are committed by lmdb's own write thread, so a response never waits.
 * - key: SHA-256 of the model identity (model-identity.ts) and the exact text the model saw;
 *   value: tokens, a checksum, the full float32 vector;
 * - bounded in bytes (keys + values as counted here; the file adds LMDB's page overhead): past the
 *   bound the oldest-written entries go first;
 * - LMDB trusts its pages and crashes the process on a corrupt file, so the store is first read
 *   through, every checksum checked, in a separate process; a store that fails that check is moved
 *   aside (logged) and a new one started. A failing entry is dropped, never served.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Database, open, type RootDatabase } from 'lmdb';
import type { CachedEmbedding } from './vector-cache';

/** Changes when the value layout changes; a store in another format is replaced. */
const FORMAT = 1;
const HEADER_BYTES = 8;
/** Per entry on top of its value: the 32-byte key twice (vectors and the write-order index) and numbers. */
const ENTRY_OVERHEAD_BYTES = 72;
/** Eviction frees down to this share of the bound, so it does not run on every write. */
const EVICT_TO = 0.9;
const CHECK_TIMEOUT_MS = 120_000;

/** FNV-1a over 32-bit words; kept free of outside references: the checker process gets its source. */
function checksum(bytes: Uint8Array): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ (words[i] as number), 0x01000193);
  return h >>> 0;
}

/** The read-through check, run as `node -e CHECKER -- <dir>`; prints one JSON line. */
const CHECKER = `
const { open } = require('lmdb');
const checksum = ${checksum.toString()};
const env = open({ path: process.argv[1], maxDbs: 3, readOnly: true });
const meta = env.openDB('meta');
const vectors = env.openDB('vectors', { encoding: 'binary', keyEncoding: 'binary' });
let entries = 0, bytes = 0, bad = 0;
if (meta.get('format') !== ${FORMAT}) bad = -1;
else for (const { key, value } of vectors.getRange()) {
  if (value.byteLength < ${HEADER_BYTES}) { bad++; continue; }
  const floats = new Uint8Array(value.byteLength - ${HEADER_BYTES});
  floats.set(value.subarray(${HEADER_BYTES}));
  if (floats.byteLength % 4 || checksum(floats) !== value.readUInt32LE(4)) bad++;
  entries++;
  bytes += key.length + value.length + ${ENTRY_OVERHEAD_BYTES};
}
console.log(JSON.stringify({ entries, bytes, bad }));
`;

interface CheckResult {
  entries: number;
  bytes: number;
  bad: number;
}

function checkInChildProcess(dir: string): Promise<CheckResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', CHECKER, '--', dir],
      { cwd: process.cwd(), timeout: CHECK_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err)
          return reject(new Error(`${err.message.split('\n')[0]} ${stderr.split('\n')[0] ?? ''}`.trim()));
        try {
          const result = JSON.parse(stdout) as CheckResult;
          if (result.bad === -1) reject(new Error(`not format ${FORMAT}`));
          else if (result.bad > 0)
            reject(new Error(`${result.bad} of ${result.entries} entries fail their checksum`));
          else resolve(result);
        } catch {
          reject(new Error(`unreadable check output: ${stdout.slice(0, 200)}`));
        }
      },
    );
  });
}

export interface DiskCacheOptions {
  dir: string;
  maxBytes: number;
  log: (line: string) => void;
}

/** The store seen by one model: keys include its identity, so another model's entries never match. */
export interface ModelVectorStore {
  get(text: string): CachedEmbedding | undefined;
  setMany(entries: Iterable<[string, CachedEmbedding]>): void;
}

export class DiskVectorCache {
  private constructor(
    private readonly env: RootDatabase,
    private readonly vectors: Database<Buffer, Buffer>,
    private readonly order: Database<Buffer, number>,
    private readonly meta: Database,
    private readonly options: DiskCacheOptions,
  ) {}

  /**
   * The store as configured, or undefined when it is off (a 0 bound, or no in-memory cache for it
   * to sit behind) or cannot be opened (logged: the server runs without it).
   */
  static async openIfEnabled(options: DiskCacheOptions & { memoryBytes: number }) {
    if (options.maxBytes === 0 || options.memoryBytes === 0) return undefined;
    try {
      return await DiskVectorCache.open(options);
    } catch (err) {
      options.log(`[disk-cache] cannot open ${options.dir}; running without it: ${(err as Error).message}`);
      return undefined;
    }
  }

  /** Checks (or creates) the store; a store that fails the check is moved aside and replaced. */
  static async open(options: DiskCacheOptions): Promise<DiskVectorCache> {
    const { dir, log } = options;
    let bytes = 0;
    // lmdb keeps a folder of data.mdb + lock.mdb; a folder without data.mdb is new, not damaged.
    if (fs.existsSync(path.join(dir, 'data.mdb'))) {
      try {
        const checked = await checkInChildProcess(dir);
        bytes = checked.bytes;
        log(`[disk-cache] ${dir}: ${checked.entries} vectors (${Math.round(bytes / 1024)} KiB) checked`);
      } catch (err) {
        const aside = `${dir}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(dir, aside);
        log(`[disk-cache] ${dir} is damaged (${(err as Error).message}); moved to ${aside}, starting empty`);
      }
    }
    const env = open({ path: dir, maxDbs: 3, compression: false });
    const meta = env.openDB({ name: 'meta' });
    const vectors = env.openDB<Buffer, Buffer>({
      name: 'vectors',
      encoding: 'binary',
      keyEncoding: 'binary',
    });
    const order = env.openDB<Buffer, number>({ name: 'order', encoding: 'binary', keyEncoding: 'uint32' });
    await meta.put('format', FORMAT);
    await meta.put('bytes', bytes);
    return new DiskVectorCache(env, vectors, order, meta, options);
  }

  /** `modelId` from model-identity.ts. */
  forModel(modelId: string): ModelVectorStore {
    const keyOf = (text: string) =>
      createHash('sha256').update(modelId).update('\u0000').update(text).digest();
    return {
      get: (text) => this.get(keyOf(text)),
      setMany: (entries) => this.setMany([...entries].map(([text, e]) => [keyOf(text), e])),
    };
  }

  private get(key: Buffer): CachedEmbedding | undefined {
    const raw = this.vectors.getBinary(key);
    if (!raw || raw.byteLength < HEADER_BYTES || (raw.byteLength - HEADER_BYTES) % 4 !== 0) return undefined;
    const vector = new Float32Array((raw.byteLength - HEADER_BYTES) / 4);
    const bytes = new Uint8Array(vector.buffer);
    bytes.set(raw.subarray(HEADER_BYTES));
    if (checksum(bytes) !== raw.readUInt32LE(4)) {
      this.options.log('[disk-cache] an entry failed its checksum; dropped');
      void this.vectors.remove(key);
      return undefined;
    }
    return { vector, tokens: raw.readUInt32LE(0) };
  }

  /** Queues the entries for lmdb's write thread; never awaited by a request. */
  private setMany(entries: [Buffer, CachedEmbedding][]): void {
    const rows = entries.map(([key, e]) => {
      const value = Buffer.allocUnsafe(HEADER_BYTES + e.vector.byteLength);
      const floats = new Uint8Array(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength);
      value.writeUInt32LE(e.tokens, 0);
      value.writeUInt32LE(checksum(floats), 4);
      value.set(floats, HEADER_BYTES);
      return { key, value };
    });
    if (rows.length === 0) return;
    this.env
      .transaction(() => this.write(rows))
      .catch((err: Error) => this.options.log(`[disk-cache] write failed: ${err.message}`));
  }

  /** Inside one write transaction: add the new entries, then evict the oldest past the bound. */
  private write(rows: { key: Buffer; value: Buffer }[]) {
    let bytes = (this.meta.get('bytes') as number | undefined) ?? 0;
    let seq = (this.meta.get('seq') as number | undefined) ?? 0;
    for (const { key, value } of rows) {
      if (this.vectors.doesExist(key)) continue;
      this.vectors.put(key, value);
      this.order.put(++seq, key);
      bytes += key.length + value.length + ENTRY_OVERHEAD_BYTES;
    }
    if (bytes > this.options.maxBytes) {
      for (const { key: n, value: key } of this.order.getRange()) {
        if (bytes <= this.options.maxBytes * EVICT_TO) break;
        const value = this.vectors.getBinary(key);
        if (value) bytes -= key.length + value.length + ENTRY_OVERHEAD_BYTES;
        this.vectors.remove(key);
        this.order.remove(n);
      }
    }
    this.meta.put('bytes', Math.max(0, bytes));
    this.meta.put('seq', seq);
  }

  /** Bytes held, as counted for the bound (after the writes queued so far are committed). */
  async storedBytes(): Promise<number> {
    await this.env.flushed;
    return (this.meta.get('bytes') as number | undefined) ?? 0;
  }

  async close(): Promise<void> {
    await this.env.close();
  }
}
