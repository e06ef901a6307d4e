// fontkit 2.0.4 — Font#layout wrapped: a right-to-left ligature's characters listed backwards.
//
// What it changes: after fontkit lays out a right-to-left run, each glyph of it standing for several
// characters (the Arabic lam-alef لا) gets its `codePoints` reversed, once per Glyph object.
// Why: text extractors (poppler's pdftotext, pdf.js) put a right-to-left line back in logical order
// by reversing the characters of its glyphs, drawn in visual order; they reverse the characters one
// ligature stands for too, so لا read back as ال. pdfkit writes each glyph's `codePoints` into the
// font's ToUnicode table. Pinned by test/pdf-scripts.test.ts (Arabic and Hebrew read back in order).
// Relies on: layout's run `direction`; fontkit keeping one Glyph object per id (`_glyphs`), whose
// `codePoints` are those of the first character it was made for.
import type * as fontkit from 'fontkit'
import { internalsOf, quireChange, type FullLayout } from './internals.js'

export function mapRtlLigaturesBackwards(font: fontkit.Font): void {
  const internals = internalsOf(font)
  const layout = internals.layout.bind(font)
  const turned = new WeakSet<object>()
  internals.layout = quireChange('map-rtl-ligatures-backwards', (...args: Parameters<FullLayout>) => {
    const run = layout(...args)
    if (run.direction === 'rtl') {
      for (const glyph of run.glyphs) {
        if (glyph.codePoints.length < 2 || turned.has(glyph)) continue
        glyph.codePoints = [...glyph.codePoints].reverse()
        turned.add(glyph)
      }
    }
    return run
  })
}
