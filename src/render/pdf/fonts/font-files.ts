import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import * as fontkit from 'fontkit'
import { applyFontkitChanges } from './fontkit/index.js'
import { shapeWithHarfBuzz } from './shaping/harfbuzz.js'

// The font files of the process: where a theme's font name points, each file read once and each face
// parsed once (with Quire's changes to fontkit), kept for every document. FontSet (font-set.ts)
// chooses among them.

/** DejaVu TTFs from the npm package, found the same way from src/ and dist/. */
const require = createRequire(import.meta.url)
const DEJAVU = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf')

// Parsing a TTF costs ~60 ms per face per document; the parsed font is read-only, so keep it per process
// (pdfkit makes its own subset for each document).
const parsed = new Map<string, fontkit.Font>()

/** A font file; in a collection (.ttc, .otc) the face named `postscriptName`, else the first. */
export function load(file: string, face?: string): fontkit.Font {
  // fontkit picks a face by name only in collections, and throws when given one for a single font.
  const postscriptName = face && /\.(ttc|otc)$/i.test(file) ? face : undefined
  const id = postscriptName ? `${file}#${postscriptName}` : file
  let font = parsed.get(id)
  if (!font) {
    font = fontkit.create(readFile(file), postscriptName)
    // Compressed web fonts: fontkit reads them, but its subsets of their glyphs draw nothing, and Quire's
    // own subsets read tables from the file's bytes.
    const type = (font as { type?: string }).type
    if (type === 'WOFF' || type === 'WOFF2')
      throw new Error(
        `${path.basename(file)} is a ${type} font, which the PDF cannot embed: use the font as TrueType or OpenType (.ttf, .otf, .ttc)`
      )
    // Quire's changes to fontkit (fontkit/index.ts): component glyphs made first, outlines decoded
    // once, subsets written by Quire, plain words shaped from fontkit's answers…
    applyFontkitChanges(font)
    shapeWithHarfBuzz(font, () => ({ data: readFile(file), index: faceIndex(file, postscriptName) }))
    parsed.set(id, font)
    sources.set(font, { file, postscriptName: font.postscriptName })
  }
  return font
}

// The file each parsed font came from, and its face's name in a collection.
const sources = new WeakMap<fontkit.Font, { file: string; postscriptName: string }>()

/** The file a font of the set was read from, and its face's PostScript name (for a collection). */
export function sourceOf(font: fontkit.Font): { file: string; postscriptName: string } | undefined {
  return sources.get(font)
}

/** The index of the face named `postscriptName` in a collection (0 for a single font). */
function faceIndex(file: string, postscriptName: string | undefined): number {
  if (postscriptName === undefined) return 0
  const collection = fontkit.create(readFile(file)) as unknown as { fonts?: fontkit.Font[] }
  return Math.max(0, collection.fonts?.findIndex((face) => face.postscriptName === postscriptName) ?? 0)
}

// A font collection (.ttc) holds several faces: its bytes are read once for all of them.
const files = new Map<string, Buffer>()

function readFile(file: string): Buffer {
  let data = files.get(file)
  if (!data) files.set(file, (data = readFileSync(file)))
  return data
}

/**
 * A bare file name is a DejaVu face; anything else is a path relative to the theme's folder, or
 * else a file of an npm package (`@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf`).
 */
export function resolveFontFile(name: string, folder: string): string {
  if (!name.includes('/') && !name.includes('\\')) return path.join(DEJAVU, name)
  const local = path.resolve(folder, name)
  if (existsSync(local) || name.startsWith('.') || path.isAbsolute(name)) return local
  try {
    return require.resolve(name)
  } catch {
    return local
  }
}
