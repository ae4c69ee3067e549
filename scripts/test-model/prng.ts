/**
 * Seeded randomness for the test-model weights.
 *
 * Every tensor gets its own stream, seeded from (global seed, tensor name). That makes a tensor's
 * values independent of the order tensors are generated in, lets the q8 writer regenerate a tensor
 * for a second pass instead of holding it, and keeps fp32 and q8 files built from identical weights.
 *
 * V8's Math.log/sqrt/cos/sin are a fixed fdlibm port, so the bytes are the same on every run.
 */

/** FNV-1a over the UTF-16 code units of `text`, mixed with `seed`: a 32-bit stream seed. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One extra avalanche round so that seeds 1 and 2 do not give correlated first draws.
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * mulberry32 (a 32-bit state counter passed through an integer hash) with Marsaglia's polar method
 * on top. The polar method avoids Box–Muller's cos/sin and is ~1.7x faster here, which matters: the
 * 0.6B preset draws ~600 M normals.
 */
export class NormalStream {
  private state: number;
  /** The polar method yields pairs; the second half waits here (NaN = none). */
  private spare = Number.NaN;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A uniform draw in [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A standard normal draw. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    for (;;) {
      // A point uniform in the square [-1, 1)²; keep it only if it falls inside the unit disc.
      const x = 2 * this.uniform() - 1;
      const y = 2 * this.uniform() - 1;
      const q = x * x + y * y;
      if (q >= 1 || q === 0) continue;
      const f = Math.sqrt((-2 * Math.log(q)) / q);
      this.spare = y * f;
      return x * f;
    }
  }

  /**
   * Fills `out` with mean + std · N(0, 1), continuing the stream (so chunked fills = one big fill).
   * Same draws as calling normal() repeatedly, but with the hash inlined on locals: the method-call
   * version is ~1.5x slower, and this loop is where generating the 0.6B preset spends its time.
   */
  fillNormal(out: Float32Array, std: number, mean = 0): Float32Array {
    const n = out.length;
    let i = 0;
    if (n > 0 && !Number.isNaN(this.spare)) {
      out[i++] = mean + std * this.spare;
      this.spare = Number.NaN;
    }
    let s = this.state;
    while (i < n) {
      s = (s + 0x6d2b79f5) | 0;
      let t = Math.imul(s ^ (s >>> 15), s | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const x = 2 * (((t ^ (t >>> 14)) >>> 0) / 4294967296) - 1;
      s = (s + 0x6d2b79f5) | 0;
      t = Math.imul(s ^ (s >>> 15), s | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      const y = 2 * (((t ^ (t >>> 14)) >>> 0) / 4294967296) - 1;
      const q = x * x + y * y;
      if (q >= 1 || q === 0) continue;
      const f = Math.sqrt((-2 * Math.log(q)) / q);
      out[i++] = mean + std * x * f;
      if (i < n) out[i++] = mean + std * y * f;
      else this.spare = y * f;
    }
    this.state = s;
    return out;
  }
}
