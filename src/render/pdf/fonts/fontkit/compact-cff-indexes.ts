// fontkit 2.0.4 — a CFF font's charstring and subroutine indexes kept as numbers, not as objects.
//
// What it changes: in the decoded `CFF ` table, `topDict.CharStrings`, `globalSubrIndex` and each
// private dict's `Subrs` (fontkit's arrays of `{ offset, length }`, an object an entry) are replaced
// by read-only lists holding the offsets and lengths in two typed arrays; reading an entry makes its
// `{ offset, length }`, and `length` is the entry count, as before.
// Why: a Noto CJK face has 65,535 charstrings and ~50,000 subroutines, ~80 bytes an entry as
// objects in V8's heap (the object, two boxed numbers, the array's slot): ~9 MB a face, kept for
// the whole build by each thread that met Chinese, Japanese or Korean text (six faces: ~50 MB,
// the largest part of a thread's live heap); 8 bytes an entry here. Entries are read once per
// glyph of a subset (fonts/subset/cff-subset.ts) or outline. Pinned by test/font-tables.test.ts
// (fontkit's ranges, outlines and subsets, entry for entry).
// Relies on: the `CFF ` table getter, the decoded table's `topDict.CharStrings`, `topDict.Private`,
// `topDict.FDArray[i].Private`, `Subrs`, `globalSubrIndex` (internals.ts: CffTable), each an array
// of `{ offset, length }` that fontkit only reads (by index and `length`) once decoded.
import type * as fontkit from 'fontkit'
import { changeOf, internalsOf, quireChange, type Range } from './internals.js'

const CHANGE = 'compact-cff-indexes'

export function compactCffIndexes(font: fontkit.Font): void {
  const internals = internalsOf(font)
  const cff = internals['CFF ']
  if (!cff) return
  cff.topDict.CharStrings = compact(cff.topDict.CharStrings)
  if (cff.globalSubrIndex) cff.globalSubrIndex = compact(cff.globalSubrIndex)
  const dicts = [cff.topDict.Private, ...(cff.topDict.FDArray ?? []).map((fd) => fd?.Private)]
  for (const dict of dicts) if (dict?.Subrs) dict.Subrs = compact(dict.Subrs)
}

/** The entry number a property key names (`'12'`), or -1. */
function entryNumber(key: string | symbol): number {
  if (typeof key !== 'string') return -1
  const first = key.charCodeAt(0)
  if (first < 48 || first > 57) return -1
  const number = Number(key)
  return Number.isInteger(number) && String(number) === key ? number : -1
}

/** `ranges` as a read-only list of the same entries, its numbers in typed arrays. */
function compact(ranges: Range[]): Range[] {
  if (!Array.isArray(ranges) || changeOf(ranges) === CHANGE) return ranges
  const count = ranges.length
  const offsets = new Uint32Array(count)
  const lengths = new Uint32Array(count)
  for (let index = 0; index < count; index += 1) {
    const range = ranges[index] as Range
    // An offset or length a Uint32Array would change (never in a valid font): keep fontkit's array.
    if (range.offset !== range.offset >>> 0 || range.length !== range.length >>> 0) return ranges
    offsets[index] = range.offset
    lengths[index] = range.length
  }
  // An Array as the target: Array.isArray still holds, and the array methods read through `get`.
  const list = new Proxy([] as Range[], {
    get(target, key, receiver) {
      if (key === 'length') return count
      const index = entryNumber(key)
      if (index >= 0) return index < count ? { offset: offsets[index], length: lengths[index] } : undefined
      return Reflect.get(target, key, receiver) as unknown
    },
    has(target, key) {
      const index = entryNumber(key)
      return index >= 0 ? index < count : Reflect.has(target, key)
    },
    set: () => false,
    deleteProperty: () => false,
    defineProperty: () => false
  })
  return quireChange(CHANGE, list)
}
