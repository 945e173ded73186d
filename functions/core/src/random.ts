/**
 * A small seeded PRNG (mulberry32) and sampling helpers, for the demo generator and the evaluation corpora. In-house
 * so generated data is byte-identical across runtimes and never touches `Math.random`.
 * @module
 */

/** A deterministic random stream: the same seed always yields the same sequence. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks from `[value, weight]` pairs in proportion to their weights. */
  weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): T;
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
}

/** A random stream seeded with `seed` (any number; only its low 32 bits matter). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    // Indexed loops, not destructuring: this runs a few hundred thousand times per demo.
    weighted: (pairs) => {
      let total = 0;
      for (let i = 0; i < pairs.length; i++) total += (pairs[i] as readonly [unknown, number])[1];
      let roll = next() * total;
      for (let i = 0; i < pairs.length; i++) {
        const pair = pairs[i] as (typeof pairs)[number];
        roll -= pair[1];
        if (roll < 0) return pair[0];
      }
      const last = pairs[pairs.length - 1];
      if (!last) throw new Error("weighted pick from an empty list");
      return last[0];
    },
    chars: (alphabet, length) => {
      let out = "";
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
  };
}

/**
 * A reusable weighted picker for large, fixed lists (touchpoints, customers): O(log n) per pick instead of a scan.
 */
export function weightedPicker<T>(
  items: readonly T[],
  weightOf: (item: T, index: number) => number,
): (random: Random) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const [index, item] of items.entries()) {
    total += Math.max(0, weightOf(item, index));
    cumulative.push(total);
  }
  if (items.length === 0 || total <= 0) throw new Error("weighted picker needs at least one positive weight");
  return (random) => {
    const roll = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > roll) high = mid;
      else low = mid + 1;
    }
    return items[low] as T;
  };
}
