// fontkit 2.0.4 — a CFF font's subsets carry flattened charstrings and no subroutines.
//
// What it changes: wraps the font's `createSubset` so that each subset's `subsetCharstrings()` fills
// `charstrings` with each glyph's charstring flattened by subset/cff-subset.ts (every subroutine call
// replaced by the subroutine's body), `gsubrs` with none, and `subsetSubrs` (asked for each font
// dict's local subroutines) answers none. Anything unexpected falls back to fontkit's own way.
// Why: fontkit keeps every subroutine slot, the used ones whole, the others as a one-byte `return`:
// Noto Sans CJK has 3,000 global and 54,000 local subroutines, ~95 KB of index in each subset for a
// dozen glyphs; flattened, a few KB. Pinned by test/pdf-scripts.test.ts (the same pixels as
// fontkit's subsets, a smaller file).
// Relies on: `createSubset()` returning a CFFSubset whose encode() calls `subsetCharstrings()` and
// `subsetSubrs(subrs, used)` and writes `charstrings` and `gsubrs`; the `CFF ` table's `stream`,
// `topDict.CharStrings`, `globalSubrIndex`, `privateDictForGlyph(gid).Subrs`; the `CFF2` table getter
// (internals.ts: cffOutlines).
import type * as fontkit from 'fontkit'
import { flatten } from '../subset/cff-subset.js'
import { cffOutlines, internalsOf, quireChange, type CffSubsetInternals } from './internals.js'

export function flattenCffSubsets(font: fontkit.Font): void {
  const outlines = cffOutlines(font)
  if (!outlines) return
  const internals = internalsOf(font)
  const create = internals.createSubset.bind(font)
  internals.createSubset = quireChange('flatten-cff-subsets', () => {
    const subset = create() as CffSubsetInternals & fontkit.Subset
    const fontkitWay = subset.subsetCharstrings.bind(subset)
    subset.subsetCharstrings = quireChange('flatten-cff-subsets', () => {
      try {
        subset.charstrings = subset.glyphs.map((gid) => flatten(outlines, gid))
        subset.gsubrs = []
        subset.subsetSubrs = () => []
      } catch {
        fontkitWay()
      }
    })
    return subset
  })
}
