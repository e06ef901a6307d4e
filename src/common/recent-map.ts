/**
 * A map that keeps what was used lately, for caches a long build fills with entries it mostly meets
 * once (a corpus's identifiers, URLs and hashes): the entries set since it last turned over and those
 * of the turn before, an older entry that is used again being set again. It holds at most twice
 * `turnover` entries, and the ones a build keeps meeting stay; no clock and no per-entry bookkeeping,
 * so a hit costs one `Map#get` (decision 20).
 */
export class RecentMap<K, V> {
  private recent = new Map<K, V>()
  private older = new Map<K, V>()

  constructor(private readonly turnover: number) {}

  get(key: K): V | undefined {
    const value = this.recent.get(key)
    if (value !== undefined) return value
    const old = this.older.get(key)
    if (old !== undefined) this.set(key, old)
    return old
  }

  set(key: K, value: V): void {
    this.recent.set(key, value)
    if (this.recent.size >= this.turnover) {
      this.older = this.recent
      this.recent = new Map()
    }
  }

  /** Entries held now (at most twice the turnover). */
  get size(): number {
    return this.recent.size + this.older.size
  }
}
