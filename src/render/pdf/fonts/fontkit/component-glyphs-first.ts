// fontkit 2.0.4 — a TrueType font's Glyph objects for letters and marks made first, for their characters.
//
// What it changes: asks `glyphForCodePoint` for every character of the font below U+0530 (Latin,
// Greek, Cyrillic) and the combining marks (U+1DC0–1DFF, U+20D0–20FF) as soon as the font is parsed,
// so fontkit's cache of Glyph objects holds those glyphs with their own characters.
// Why: fontkit keeps the first Glyph object made for an id, with the code points it was made for.
// Subsetting an accented glyph makes its base glyph (υ under ύ) with none, and a later document
// sharing the parsed font would then map υ to nothing in its ToUnicode table. Making the glyphs that
// serve as components first avoids that at a fraction of the cost of all of them (CFF outlines have
// no components: not for them). Pinned by the text read back in test/pdf.test.ts and test/pdf-scripts.test.ts.
// Relies on: the Glyph cache (`_glyphs`, by id) keeping the first object and its `codePoints`.
import type * as fontkit from 'fontkit'

export function makeComponentGlyphsFirst(font: fontkit.Font): void {
  for (const codePoint of font.characterSet)
    if (codePoint < 0x530 || (codePoint >= 0x1dc0 && codePoint < 0x1e00) || (codePoint >= 0x20d0 && codePoint < 0x2100))
      font.glyphForCodePoint(codePoint)
}
