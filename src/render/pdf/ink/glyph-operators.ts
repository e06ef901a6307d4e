import { eachRun, PLACE, type PackedRun } from '../fonts/glyph-runs.js'
import type { Doc, DocFont } from './pdfkit-types.js'
import { includeGlyph, normalizeColor } from './pdfkit/internals.js'

/** A number in a content stream, as pdfkit writes it: at most six decimals. */
export function number(value: number): number {
  if (value > -1e21 && value < 1e21) return Math.round(value * 1e6) / 1e6
  throw new Error(`unsupported number: ${value}`)
}

/**
 * One document's operators that show texts in its faces. A text set before in a face is shown the
 * same way again (glyph ids are the document's own), unless a glyph of it needed a matrix of its own
 * (such operators depend on where the text stands).
 */
export class GlyphShower {
  /** Per face: its TJ operator by text, and its glyphs by font glyph id as hex ids of this document's subset. */
  private readonly faces = new Map<DocFont, { shown: Map<string, string>; hexes: Map<number, string>; read: Map<number, string> }>()

  /**
   * The operators showing `text` in `face` at `size`, its text matrix at (x, y) already set, one a
   * line; with `spacing`, `extra` points before the glyphs of each cluster that starts at an offset of `at`.
   */
  show(face: DocFont, text: string, x: number, y: number, size: number, spacing?: Spacing): string {
    let known = this.faces.get(face)
    if (known === undefined) this.faces.set(face, (known = { shown: new Map(), hexes: new Map(), read: new Map() }))
    const shown = spacing ? undefined : known.shown.get(text)
    if (shown !== undefined) return shown
    const plain = text.includes('\n') ? text.replace(/\n/g, '') : text
    const { operators, placed } = glyphOperators(face, plain, known, x, y, size, spacing && plain === text ? spacing : undefined)
    const joined = operators.join('\n')
    if (!placed && !spacing && operators.length === 1) known.shown.set(text, joined)
    return joined
  }
}

/** Room added before the clusters starting at some offsets of a text (a justified line's units). */
export interface Spacing {
  at: readonly number[]
  extra: number
}

/**
 * A glyph as pdfkit's `encode` gives it: its id in this document's subset as 4-digit hex, the glyph
 * added to the subset on first use (in the order pdfkit adds them, so the same bytes). Each glyph's
 * hex is kept per document (`hexes`).
 */
function hexOf(
  face: DocFont,
  glyph: PackedRun['glyphs'][number],
  known: { hexes: Map<number, string>; read: Map<number, string> },
  chars?: readonly number[]
): string {
  let hex = known.hexes.get(glyph.id)
  if (hex === undefined) {
    // A run keeps its own characters where the glyph's are another text's (PackedRun.chars).
    const gid = includeGlyph(face, glyph, chars)
    hex = `0000${gid.toString(16)}`.slice(-4)
    known.hexes.set(glyph.id, hex)
    // What the glyph reads as in this document (its ToUnicode entry).
    known.read.set(glyph.id, (chars ?? glyph.codePoints).join(' '))
  }
  return hex
}

/**
 * The operators that show `text` with its text matrix at (x, y), glyph by glyph as pdfkit's
 * `_fragment` writes them: kerning as TJ offsets, and a glyph moved off its place (a mark) with a
 * matrix of its own, after which the next glyph gets its place back. `placed` says whether any glyph
 * needed such a matrix (the operators then depend on where the text stands). The glyphs come from the
 * runs of the text's chunks (`eachRun`), which every document of the font shares.
 */
function glyphOperators(
  face: DocFont,
  text: string,
  known: { hexes: Map<number, string>; read: Map<number, string> },
  x: number,
  y: number,
  size: number,
  spacing?: Spacing
): { operators: string[]; placed: boolean } {
  const operators: string[] = []
  const scale = size / 1000
  // The open TJ array's elements, and the glyphs since its last offset with that offset (the last
  // glyph's advance width less its advance).
  let commands = ''
  let glyphs = ''
  let offset = 0
  let shifted = false
  let placed = false
  const segment = () => {
    if (glyphs !== '') commands += `${commands === '' ? '' : ' '}<${glyphs}> ${number(offset)}`
    glyphs = ''
  }
  const show = () => {
    segment()
    if (commands !== '') operators.push(`[${commands}] TJ`)
    commands = ''
  }
  let pen = x
  // Room before a glyph: the open TJ array moves on by it, or the next glyph gets its own matrix.
  const widen = (extra: number) => {
    pen += extra
    if (shifted) return
    if (glyphs !== '') {
      offset -= extra / scale
      segment()
    } else if (commands !== '') commands += ` ${number(-extra / scale)}`
    else shifted = true
  }
  const spaced = spacing ? new Set(spacing.at) : undefined
  let cluster = -1
  eachRun(face, text, (run, from) => {
    const hexes = run.glyphs.map((glyph, index) => hexOf(face, glyph, known, run.chars?.[index]))
    // Glyphs that do not read as their text in order (a vowel sign drawn before its consonant), or
    // that read otherwise in this document (a glyph shared by several characters in their contexts:
    // its ToUnicode entry is the first one's) carry the text as ActualText, which extractors read instead.
    let actual = run.actual
    if (actual === undefined && run.text !== undefined && run.chars)
      if (run.glyphs.some((glyph, index) => known.read.get(glyph.id) !== run.chars?.[index]?.join(' '))) actual = run.text
    if (actual !== undefined) {
      show()
      operators.push(`/Span <</ActualText <FEFF${utf16Hex(actual)}>>> BDC`)
    }
    const places = run.places
    for (let index = 0; index < run.glyphs.length; index += 1) {
      const hex = hexes[index] as string
      const at = index * PLACE
      const xAdvance = places[at] as number
      const xOffset = places[at + 2] as number
      const yOffset = places[at + 3] as number
      // A cluster's first glyph, where the line spaces its units (clusters only begin there: never inside one).
      const start = spaced && run.clusters ? from + (run.clusters[index] as number) : -1
      if (start > cluster) {
        if (spaced?.delete(start)) widen((spacing as Spacing).extra)
        cluster = start
      }
      if (xOffset || yOffset) {
        show()
        operators.push(`1 0 0 1 ${number(pen + xOffset * scale)} ${number(y + yOffset * scale)} Tm`)
        glyphs = hex
        offset = (places[at + 4] as number) - xAdvance
        show()
        shifted = true
        placed = true
      } else {
        if (shifted) {
          operators.push(`1 0 0 1 ${number(pen)} ${number(y)} Tm`)
          shifted = false
        }
        glyphs += hex
        offset = (places[at + 4] as number) - xAdvance
        if (xAdvance !== places[at + 4]) segment()
      }
      pen += xAdvance * scale
    }
    if (actual !== undefined) {
      show()
      operators.push('EMC')
    }
  })
  show()
  return { operators, placed }
}

/** A text as the hex digits of its UTF-16 code units, big-endian (a PDF text string after its byte order mark). */
function utf16Hex(text: string): string {
  let hex = ''
  for (let index = 0; index < text.length; index += 1) hex += `000${text.charCodeAt(index).toString(16)}`.slice(-4)
  return hex
}

// The operands of each RGB colour seen (hex and named colours mean the same in every document).
const operands = new Map<string, string>()

/**
 * The operator that sets `color` (a theme colour: #rgb, #rrggbb or a CSS name) as the fill colour
 * (`r g b rg`) or the stroke colour (`RG`), with four decimals: each 8-bit channel comes back
 * exactly. pdfkit writes the colour space and 17 digits per channel, a third of a page's text
 * operators. Undefined for a colour that is not RGB: pdfkit sets that one.
 */
export function colorOperator(doc: Doc, color: string, stroke = false): string | undefined {
  let rgb = operands.get(color)
  if (rgb === undefined) {
    const channels = normalizeColor(doc, color)
    if (!Array.isArray(channels) || channels.length !== 3) return undefined
    rgb = channels.map((channel) => Math.round(channel * 1e4) / 1e4).join(' ')
    operands.set(color, rgb)
  }
  return stroke ? `${rgb} RG` : `${rgb} rg`
}
