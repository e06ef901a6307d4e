// A small seeded PRNG (mulberry32): the corpus must be the same on every machine and every run,
// so nothing here may read the clock or Math.random().

/** Returns a function giving floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed) {
  let a = seed >>> 0
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Helpers bound to one generator, so call sites read as intent rather than arithmetic. */
export function randomTools(seed) {
  const next = mulberry32(seed)
  const int = (min, max) => min + Math.floor(next() * (max - min + 1))
  const pick = (list) => list[Math.floor(next() * list.length)]
  /** Picks a key of `weights` ({ name: weight }) in proportion to its weight. */
  const weighted = (weights) => {
    const entries = Object.entries(weights).filter(([, weight]) => weight > 0)
    let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0)
    for (const [key, weight] of entries) {
      roll -= weight
      if (roll < 0) return key
    }
    return entries[entries.length - 1][0]
  }
  return { next, int, pick, weighted }
}
