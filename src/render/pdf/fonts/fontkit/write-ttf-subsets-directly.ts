// fontkit 2.0.4 — a TrueType font's subsets encoded by Quire (subset/ttf-subset.ts), hinting left out unless asked.
//
// What it changes: wraps the font's `createSubset` so that each subset's `encode()` writes the font
// file with `encode` of subset/ttf-subset.ts: the glyphs collected by fontkit (TTFSubset's
// `_addGlyph`), the tables written directly, the TrueType instructions left out unless the subset
// was given to `keepHinting` (the theme's `font_hinting`). Fonts with variations stay fontkit's.
// Why: fontkit re-encodes every table field by field (restructure), the font programs byte by byte,
// for each document: ~10% of a warm article's PDF; and the instructions are most of the bytes of a
// hinted font such as DejaVu (decision 6). Pinned by test/ttf-subset.test.ts (with hinting, fontkit's
// bytes; without, the same outlines and widths) and test/pdf.test.ts (PDF font hinting).
// Relies on: `createSubset()` returning a TTFSubset for fonts with `glyf`; its `glyphs`, `glyf`,
// `offset`, `loca`, `hmtx`, `_addGlyph(gid)` and `font.loca.version` (internals.ts: collectTtfGlyphs);
// `directory.tables`, `stream.buffer`, `_variationProcessor`, the `CFF ` table getter.
import type * as fontkit from 'fontkit'
import { encode } from '../subset/ttf-subset.js'
import { internalsOf, quireChange, type TtfSubsetInternals } from './internals.js'

export function writeTtfSubsetsDirectly(font: fontkit.Font): void {
  const internals = internalsOf(font)
  if (internals['CFF '] || !internals.directory.tables['glyf'] || !internals.directory.tables['head']) return
  const create = internals.createSubset.bind(font)
  internals.createSubset = quireChange('write-ttf-subsets-directly', () => {
    const subset = create() as TtfSubsetInternals & fontkit.Subset
    const fontkitWay = subset.encode.bind(subset)
    subset.encode = quireChange('write-ttf-subsets-directly', () =>
      internals._variationProcessor ? fontkitWay() : encode(subset, { hinting: subset.hinting === true })
    )
    return subset
  })
}

/** Have a subset made as above keep the font's hinting (the theme's `font_hinting`): a flag on fontkit's subset object. */
export function keepHinting(subset: fontkit.Subset): void {
  ;(subset as TtfSubsetInternals & fontkit.Subset).hinting = true
}
