import { statSync } from 'node:fs'
import type { Source } from './discover.js'

export interface Shard {
  /** 1-based. */
  index: number
  count: number
}

/** `i/n` as typed on the command line; undefined when malformed. */
export function parseShard(value: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim())
  if (!match) return undefined
  const index = Number(match[1])
  const count = Number(match[2])
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined
}

/**
 * The sources of one shard. Work is balanced by estimated cost (file size, a fair proxy for parse and
 * layout time), largest first onto the least-loaded shard; ties go by path, so every machine of a CI
 * matrix computes the same split and the shards together cover each source exactly once.
 */
export function selectShard(sources: Source[], shard: Shard): Source[] {
  const costed = sources.map((source) => ({ source, cost: statSync(source.path).size + 2048 }))
  costed.sort((a, b) => b.cost - a.cost || (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0))
  const loads = Array.from({ length: shard.count }, () => 0)
  const mine = new Set<Source>()
  for (const { source, cost } of costed) {
    const target = loads.indexOf(Math.min(...loads))
    loads[target]! += cost
    if (target === shard.index - 1) mine.add(source)
  }
  return sources.filter((source) => mine.has(source))
}
