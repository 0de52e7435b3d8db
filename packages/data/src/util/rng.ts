/**
 * Seeded pseudo-random numbers (SplitMix32-style mixing of a 32-bit state): every random choice of the
 * data pipeline (splits, prompts, synthetic data) goes through one, so a seed reproduces a dataset.
 */

/** A seeded random source. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new independent generator derived from this one's seed and a label. */
  fork(label: string): Rng;
}

/** 32-bit FNV-1a hash of a string, used to derive seeds from labels and ids. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Creates a seeded generator.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.int(10); // the same number for seed 42, every run
 * const prompts = rng.fork('prompts');
 * ```
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const seed0 = state;
  const nextU32 = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  const next = (): number => nextU32() / 4294967296;
  let spare: number | undefined;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = next();
      while (u <= Number.EPSILON) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    fork: (label) => createRng((hashString(label) ^ Math.imul(seed0, 0x85ebca6b)) >>> 0),
  };
}
