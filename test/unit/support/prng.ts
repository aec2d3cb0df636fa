// A small seeded PRNG (mulberry32) so that property and fuzz runs can be replayed from their seed.

export interface Prng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, max). */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  return {
    seed: seed >>> 0,
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    chance: (probability) => next() < probability,
  };
}

/** A seed from `name` in the environment (decimal or 0x-hex), else (unset or `random`) a fresh random one. */
export function seedFromEnv(name: string): number {
  const value = process.env[name];
  if (value !== undefined && value.trim() !== '') {
    const parsed = Number(value.trim());
    if (Number.isSafeInteger(parsed)) return parsed >>> 0;
  }
  return Math.floor(Math.random() * 2 ** 32) >>> 0;
}
