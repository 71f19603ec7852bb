// Deterministic hashing and pseudo-random numbers: the same seed always gives the same price
// paths, bar volumes and fault decisions, so a failing test can be replayed exactly.

/** FNV-1a, 32 bit. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Integer avalanche mix of several 32-bit keys (lowbias32 finaliser per step). */
export function mixKeys(...keys: number[]): number {
  let h = 0x9e3779b9;
  for (const key of keys) {
    h ^= key | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x7feb352d);
    h ^= h >>> 15;
    h = Math.imul(h, 0x846ca68b);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by its keys. */
export function unitFloat(...keys: number[]): number {
  return mixKeys(...keys) / 0x1_0000_0000;
}

/** mulberry32: a small seeded generator for sequences (fault injection). */
export function createSeededRandom(seed: string): () => number {
  let state = hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
