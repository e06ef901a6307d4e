import { describe, expect, it } from 'vitest'
import { RecentMap } from '../src/common/recent-map.js'

// The caches a long build fills (glyph runs, hyphenated words) hold what was used lately, never the
// whole corpus's vocabulary.
describe('RecentMap', () => {
  it('holds at most twice its turnover, and keeps the entries it keeps meeting', () => {
    const map = new RecentMap<string, number>(100)
    for (let index = 0; index < 10_000; index += 1) {
      map.set(`once-${index}`, index)
      // A word met all along, like "the".
      if (map.get('often') === undefined) map.set('often', -1)
      expect(map.size).toBeLessThanOrEqual(200)
    }
    expect(map.get('often')).toBe(-1)
    expect(map.get('once-9999')).toBe(9999)
    expect(map.get('once-0')).toBeUndefined()
  })
})
