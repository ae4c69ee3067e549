import 'server-only';
/**
 * A byte-bounded LRU of embeddings, keyed by the exact text the model saw (a query's key includes
 * its instruction). Each loaded model has its own cache, so the key needs no model name. Full-length vectors are stored; `dimensions` is applied after, so one
 * entry serves every Matryoshka size. Searching again, or after editing one line of a large
 * knowledge base, embeds only what is new.
 */
import { LRUCache } from 'lru-cache';

export interface CachedEmbedding {
  vector: Float32Array;
  tokens: number;
}

const ENTRY_OVERHEAD_BYTES = 96;

export class VectorCache {
  private readonly lru?: LRUCache<string, CachedEmbedding>;

  constructor(maxBytes: number) {
    if (maxBytes > 0) {
      this.lru = new LRUCache({
        maxSize: maxBytes,
        sizeCalculation: (value, key) => value.vector.byteLength + key.length * 2 + ENTRY_OVERHEAD_BYTES,
      });
    }
  }

  get(text: string): CachedEmbedding | undefined {
    return this.lru?.get(text);
  }

  set(text: string, value: CachedEmbedding) {
    this.lru?.set(text, value);
  }
}
