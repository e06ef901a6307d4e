// The public part of fontkit 2 that Quire uses (fontkit ships no types): what its README documents,
// and the fields its GlyphRun and GlyphPosition classes document. Everything else Quire reaches in
// fontkit is private: named only in this folder (internals.ts and the changes listed in index.ts).

declare module 'fontkit' {
  export interface Glyph {
    id: number
    /** The characters the glyph stands for (several for a ligature). */
    codePoints: number[]
    advanceWidth: number
    name: string
    /** The outline's bounds, in font units. */
    bbox: { minX: number; minY: number; maxX: number; maxY: number }
  }
  /** Where a glyph goes, in font units. */
  export interface GlyphPosition {
    xAdvance: number
    yAdvance: number
    xOffset: number
    yOffset: number
  }
  export interface GlyphRun {
    glyphs: Glyph[]
    positions: GlyphPosition[]
    /** The script shaped for (an OpenType script tag), given or detected. */
    script: string
    language: string | null
    /** `ltr` or `rtl`: a right-to-left run's glyphs are in visual order. */
    direction: string
    /** The features applied: the user's and the shaper's. */
    features: Record<string, boolean>
    readonly advanceWidth: number
  }
  export interface Subset {
    /** A glyph (or glyph id) into the subset: its id in the subset. */
    includeGlyph(glyph: number | Glyph): number
    encode(): Uint8Array
  }
  export interface Font {
    postscriptName: string
    unitsPerEm: number
    ascent: number
    descent: number
    /** The height of a lower-case x (OS/2 sxHeight), in font units. */
    xHeight: number
    italicAngle: number
    underlinePosition: number
    numGlyphs: number
    hasGlyphForCodePoint(codePoint: number): boolean
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun
    characterSet: number[]
    /** The glyph of a character (null in a font with neither TrueType nor CFF outlines). */
    glyphForCodePoint(codePoint: number): Glyph
    getGlyph(id: number, codePoints?: number[]): Glyph
    createSubset(): Subset
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font
}
