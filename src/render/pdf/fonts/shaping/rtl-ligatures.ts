import type * as fontkit from 'fontkit'

// Text extractors (poppler's pdftotext, pdf.js) put a right-to-left line back in logical order by
// reversing the characters of its glyphs, drawn in visual order; they reverse the characters one
// ligature stands for too, so the Arabic lam-alef (لا) read back as ال. A right-to-left ligature is
// therefore mapped to its characters backwards in the font's ToUnicode table (pdfkit writes the code
// points of the first Glyph object fontkit makes for an id, and fontkit keeps that object).

interface Run {
  direction: 'ltr' | 'rtl'
  glyphs: { codePoints: number[] }[]
}

export function mapRtlLigaturesBackwards(font: fontkit.Font): void {
  const internals = font as unknown as { layout(...args: unknown[]): Run }
  const layout = internals.layout.bind(font)
  const turned = new WeakSet<object>()
  internals.layout = (...args: unknown[]) => {
    const run = layout(...args)
    if (run.direction === 'rtl') {
      for (const glyph of run.glyphs) {
        if (glyph.codePoints.length < 2 || turned.has(glyph)) continue
        glyph.codePoints = [...glyph.codePoints].reverse()
        turned.add(glyph)
      }
    }
    return run
  }
}
