import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { keepDecodedOutlines } from './glyph-outlines.js'
import type { FontFaces, Theme } from './theme.js'

/** DejaVu TTFs from the npm package, found the same way from src/ and dist/. */
const require = createRequire(import.meta.url)
const DEJAVU = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

// Parsing a TTF costs ~60 ms per face per document; the parsed font is read-only, so keep it per process
// (pdfkit makes its own subset for each document).
const parsed = new Map<string, fontkit.Font>()

function load(file: string): fontkit.Font {
  let font = parsed.get(file)
  if (!font) {
    font = fontkit.create(readFileSync(file))
    // fontkit keeps the first Glyph object made for an id, with the code points it was made for. Subsetting
    // an accented glyph makes its base glyph (υ under ύ) with none, and a later document sharing this font
    // would then map υ to nothing in its ToUnicode table. Making the glyphs that serve as components first
    // (letters up to Cyrillic, combining marks) avoids that at a fraction of the cost of all of them.
    for (const codePoint of font.characterSet) if (codePoint < 0x530 || (codePoint >= 0x1dc0 && codePoint < 0x1e00) || (codePoint >= 0x20d0 && codePoint < 0x2100)) font.glyphForCodePoint(codePoint)
    keepDecodedOutlines(font)
    parsed.set(file, font)
  }
  return font
}

// Advance widths per text chunk, in thousandths of an em, kept per parsed font across documents
// (pdfkit's own cache lives and dies with each document). Cleared when it grows large.
const advances = new WeakMap<fontkit.Font, Map<string, number>>()

function advance(font: fontkit.Font, chunk: string): number {
  let cache = advances.get(font)
  if (!cache || cache.size > 100_000) {
    cache = new Map()
    advances.set(font, cache)
  }
  let width = cache.get(chunk)
  if (width === undefined) {
    const run = font.layout(chunk)
    width = (run.advanceWidth * 1000) / font.unitsPerEm
    cache.set(chunk, width)
    // pdfkit lays out the same chunks (it splits at spaces too) when it draws them: hand it this run
    // rather than shaping the text a second time.
    const table = layoutCache(font).table
    if (!(chunk in table)) table[chunk] = scaleLikePdfkit(run, font)
  }
  return width
}

/** What pdfkit's `EmbeddedFont.layoutRun` makes of a run: positions in thousandths of an em. */
function scaleLikePdfkit(run: fontkit.GlyphRun, font: fontkit.Font): fontkit.GlyphRun {
  const scale = 1000 / font.unitsPerEm
  run.positions.forEach((position, index) => {
    for (const key in position) position[key] = (position[key] as number) * scale
    position.advanceWidth = (run.glyphs[index] as fontkit.Glyph).advanceWidth * scale
  })
  return run
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u
const ASCII = /^[\x20-\x7e]*$/

// pdfkit's glyph runs by text, one table per parsed font shared by every document (see layout/ink.ts).
// Counting its keys is not free, so its size is checked on every 64th document only.
const layoutCaches = new WeakMap<object, { table: Record<string, unknown>; uses: number }>()

function layoutCache(font: object): { table: Record<string, unknown>; uses: number } {
  let cache = layoutCaches.get(font)
  if (!cache) {
    cache = { table: Object.create(null) as Record<string, unknown>, uses: 0 }
    layoutCaches.set(font, cache)
  }
  return cache
}

/** The shared table for one more document. */
export function layoutCacheOf(font: object): Record<string, unknown> {
  let cache = layoutCache(font)
  if (cache.uses % 64 === 63 && Object.keys(cache.table).length > 50_000) {
    layoutCaches.delete(font)
    cache = layoutCache(font)
  }
  cache.uses += 1
  return cache.table
}

export type Face = keyof FontFaces

export function faceOf(bold: boolean, italic: boolean): Face {
  return bold ? (italic ? 'bold_italic' : 'bold') : italic ? 'italic' : 'normal'
}

/** One registered font: `key` is the name the document knows it by, e.g. `serif-bold`. */
export interface LoadedFont {
  key: string
  font: fontkit.Font
}

/**
 * The theme's fonts, each parsed on first use and registered with a document under `<family>-<face>`
 * names. A character missing from a family falls back to the next family that has it (serif lacks ☐,
 * for one). Parsing a face costs ~60 ms and most documents use three or four of the twelve.
 */
export class FontSet {
  /** Font file of every face in the catalog, by key. */
  private readonly files = new Map<string, string>()
  private readonly loaded = new Map<string, LoadedFont>()
  private readonly families: string[]
  private readonly coverage = new Map<string, Map<number, boolean>>()
  private readonly vertical = new Map<string, { ascender: number; descender: number }>()

  constructor(readonly theme: Theme) {
    this.families = Object.keys(theme.fonts)
    for (const family of this.families) {
      const faces = theme.fonts[family] as FontFaces
      for (const face of Object.keys(faces) as Face[]) this.files.set(`${family}-${face}`, resolveFontFile(faces[face], theme.folder))
    }
  }

  /** The first face of the catalog: the document's initial font. */
  get first(): LoadedFont {
    return this.font(this.files.keys().next().value as string)
  }

  /** The parsed face for a key of this set, loaded on first use. */
  font(key: string): LoadedFont {
    let found = this.loaded.get(key)
    if (!found) {
      const file = this.files.get(key)
      if (file === undefined) throw new Error(`PDF theme: no font "${key}" in font_catalog`)
      found = { key, font: load(file) }
      this.loaded.set(key, found)
    }
    return found
  }

  key(family: string, bold: boolean, italic: boolean): string {
    const key = `${family}-${faceOf(bold, italic)}`
    if (!this.files.has(key)) throw new Error(`PDF theme: no font family "${family}" in font_catalog`)
    return key
  }

  private has(key: string, codePoint: number): boolean {
    let known = this.coverage.get(key)
    if (!known) {
      known = new Map()
      this.coverage.set(key, known)
    }
    let found = known.get(codePoint)
    if (found === undefined) {
      found = this.files.has(key) && this.font(key).font.hasGlyphForCodePoint(codePoint)
      known.set(codePoint, found)
    }
    return found
  }

  /**
   * Split text into pieces each set in a font that has its glyphs: the asked font where it can.
   * Invisible format characters (variation selectors, joiners, soft hyphens) are not drawn; a
   * character no font has becomes U+FFFD (not a .notdef box of unknown width) and is added to `missing`.
   */
  split(text: string, family: string, bold: boolean, italic: boolean, missing?: Set<string>): { key: string; text: string }[] {
    const face = faceOf(bold, italic)
    const primary = this.key(family, bold, italic)
    // Printable ASCII is in every font of the catalog: the common case needs no look-ups.
    if (ASCII.test(text)) return [{ key: primary, text }]
    const pieces: { key: string; text: string }[] = []
    for (let char of text) {
      const code = char.codePointAt(0) ?? 32
      let key = primary
      if (code > 0x7e && !this.has(primary, code)) {
        if (IGNORABLE.test(char)) continue
        // Spaces and combining marks stay with their neighbours' font.
        if (!/\s|\p{M}/u.test(char)) {
          const other = this.families.find((name) => this.has(`${name}-${face}`, code))
          if (other) key = `${other}-${face}`
          else {
            missing?.add(char)
            char = '\uFFFD'
            key = this.has(primary, 0xfffd) ? primary : `${this.families.find((name) => this.has(`${name}-${face}`, 0xfffd)) ?? family}-${face}`
          }
        }
      } else if (code > 0x7e && IGNORABLE.test(char)) continue
      const last = pieces[pieces.length - 1]
      if (last && last.key === key) last.text += char
      else pieces.push({ key, text: char })
    }
    return pieces
  }

  /** Width of `text` at `size`, split at spaces as pdfkit does so the sums agree with what it draws. */
  width(key: string, size: number, text: string): number {
    const font = this.font(key).font
    let total = 0
    let last = 0
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index]
      if (char === ' ' || char === '\t') {
        total += advance(font, text.slice(last, index + 1))
        last = index + 1
      }
    }
    if (last < text.length) total += advance(font, text.slice(last))
    return (total * size) / 1000
  }

  /** Ascender and descender (negative) per point of size, for line boxes. */
  metrics(key: string): { ascender: number; descender: number } {
    let found = this.vertical.get(key)
    if (!found) {
      const font = this.font(key).font
      found = { ascender: font.ascent / font.unitsPerEm, descender: font.descent / font.unitsPerEm }
      this.vertical.set(key, found)
    }
    return found
  }
}

/** A bare file name is a DejaVu face; anything else is a path relative to the theme's folder. */
export function resolveFontFile(name: string, folder: string): string {
  if (!name.includes('/') && !name.includes('\\')) return path.join(DEJAVU, name)
  return path.resolve(folder, name)
}
