// fontkit 2.0.4 — TTFGlyph.prototype._decode remembers each glyph's decoded outline.
//
// What it changes: the `_decode` of the class of the font's glyphs (TTFGlyph), for every font of the
// process, returns the outline it decoded for that Glyph object before (a glyph of a font with
// variations is decoded afresh, as fontkit does).
// Why: fontkit decodes a glyph's outline again each time a document's font subset includes it
// (~12 ms an article); a parsed font's outlines never change, and the parsed fonts are kept for the
// process (font-files.ts). Pinned by the PDF byte comparisons (test/pdf.test.ts, reproducibility).
// Relies on: Glyph objects of TrueType fonts sharing a prototype with `_decode()` (no arguments), and
// `glyph._font._variationProcessor`.
import type * as fontkit from 'fontkit'
import { quireChange, type GlyphInternals } from './internals.js'

const decoded = new WeakMap<GlyphInternals, unknown>()
const patched = new WeakSet<object>()

export function keepDecodedOutlines(font: fontkit.Font): void {
  // A glyph made already (by component-glyphs-first.ts), so no Glyph is created here with other code points.
  const first = font.characterSet[0]
  const glyph = first === undefined ? undefined : (font.glyphForCodePoint(first) as (fontkit.Glyph & GlyphInternals) | null)
  const proto = glyph ? (Object.getPrototypeOf(glyph) as GlyphInternals) : undefined
  if (!proto || patched.has(proto) || typeof proto._decode !== 'function') return
  patched.add(proto)
  const decode = proto._decode
  proto._decode = quireChange('keep-decoded-outlines', function (this: GlyphInternals) {
    if (this._font._variationProcessor) return decode.call(this)
    if (!decoded.has(this)) decoded.set(this, decode.call(this))
    return decoded.get(this)
  })
}
