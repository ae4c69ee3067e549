import 'server-only';
/**
 * A byte-bounded LRU of embeddings, keyed by the exact text the model saw (a query's key includes
 * its instruction). Each loaded model has its own cache, so the key needs no model name.
 * Full-length vectors are stored; `dimensions` is applied after, so one
 * entry serves every Matryoshka size. Searching again, or after editing one line of a large
 * knowledge base, embeds only what is new. Behind it, when configured, the persistent store on
 * disk (disk-cache.ts): a memory miss is looked up there, and new vectors are written there too.
 */
import { LRUCache } from 'lru-cache';
import type { ModelVectorStore } from './disk-cache';

export interface CachedEmbedding {
  vector: Float32Array;
  tokens: number;
}

const ENTRY_OVERHEAD_BYTES = 96;

export class VectorCache {
  private readonly lru?: LRUCache<string, CachedEmbedding>;

  constructor(
    maxBytes: number,
    private readonly disk?: ModelVectorStore,
  ) {
    if (maxBytes > 0) {
      this.lru = new LRUCache({
        maxSize: maxBytes,
        sizeCalculation: (value, key) => value.vector.byteLength + key.length * 2 + ENTRY_OVERHEAD_BYTES,
      });
    }
  }

  get(text: string): CachedEmbedding | undefined {
    const inMemory = this.lru?.get(text);
    if (inMemory || !this.disk) return inMemory;
    const onDisk = this.disk.get(text);
    if (onDisk) this.lru?.set(text, onDisk);
    return onDisk;
  }

  /** Remembers new vectors; the disk write is queued, never awaited. */
  setMany(entries: Map<string, CachedEmbedding>) {
    for (const [text, value] of entries) this.lru?.set(text, value);
    this.disk?.setMany(entries);
  }
}
