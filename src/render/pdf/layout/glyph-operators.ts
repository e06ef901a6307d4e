import { layoutPacked, PLACE } from '../glyph-runs.js'
import type { Doc, DocFont } from './pdfkit-types.js'

/** A number in a content stream, as pdfkit writes it: at most six decimals. */
export function number(value: number): number {
  if (value > -1e21 && value < 1e21) return Math.round(value * 1e6) / 1e6
  throw new Error(`unsupported number: ${value}`)
}

/**
 * What pdfkit's `encode` gives for `text`, glyph ids as 4-digit hex of this document's subset, with
 * the glyphs added to the subset in the same order (so the same bytes), and the glyphs' places
 * (`PackedRun`). A text of one chunk (a word) takes its run straight from the layout cache every
 * document shares; each glyph's hex is kept per document (`hexes`).
 */
function encodeText(face: DocFont, text: string, hexes: Map<number, string>): [string[], number[]] {
  const run = layoutPacked(face, text)
  const encoded: string[] = []
  for (const glyph of run.glyphs) {
    let hex = hexes.get(glyph.id)
    if (hex === undefined) {
      const gid = face.subset.includeGlyph(glyph.id)
      hex = `0000${gid.toString(16)}`.slice(-4)
      hexes.set(glyph.id, hex)
      face.widths[gid] ??= glyph.advanceWidth * face.scale
      face.unicode[gid] ??= glyph.codePoints
    }
    encoded.push(hex)
  }
  return [encoded, run.places]
}

/**
 * One document's operators that show texts in its faces. A text set before in a face is shown the
 * same way again (glyph ids are the document's own), unless a glyph of it needed a matrix of its own
 * (such operators depend on where the text stands).
 */
export class GlyphShower {
  /** Per face: its TJ operator by text, and its glyphs by font glyph id as hex ids of this document's subset. */
  private readonly faces = new Map<DocFont, { shown: Map<string, string>; hexes: Map<number, string> }>()

  /** The operators showing `text` in `face` at `size`, its text matrix at (x, y) already set. */
  show(face: DocFont, text: string, x: number, y: number, size: number): string[] {
    let known = this.faces.get(face)
    if (known === undefined) this.faces.set(face, (known = { shown: new Map(), hexes: new Map() }))
    const shown = known.shown.get(text)
    if (shown !== undefined) return [shown]
    const { operators, placed } = glyphOperators(encodeText(face, text.replace(/\n/g, ''), known.hexes), x, y, size)
    if (!placed && operators.length === 1) known.shown.set(text, operators[0] as string)
    return operators
  }
}

/**
 * The operators that show encoded glyphs whose text matrix puts them at (x, y), glyph by glyph as
 * pdfkit's `_fragment` writes them: kerning as TJ offsets, and a glyph moved off its place (a mark)
 * with a matrix of its own, after which the next glyph gets its place back. `placed` says whether
 * any glyph needed such a matrix (the operators then depend on where the text stands).
 */
function glyphOperators([encoded, places]: [string[], number[]], x: number, y: number, size: number): { operators: string[]; placed: boolean } {
  const operators: string[] = []
  const scale = size / 1000
  const commands: string[] = []
  let last = 0
  let shifted = false
  let placed = false
  const segment = (end: number) => {
    if (last < end) {
      const at = (end - 1) * PLACE
      commands.push(`<${encoded.slice(last, end).join('')}> ${number((places[at + 4] as number) - (places[at] as number))}`)
    }
    last = end
  }
  const show = (end: number) => {
    segment(end)
    if (commands.length > 0) operators.push(`[${commands.join(' ')}] TJ`)
    commands.length = 0
  }
  let pen = x
  const count = encoded.length
  for (let index = 0; index < count; index += 1) {
    const at = index * PLACE
    const xAdvance = places[at] as number
    const xOffset = places[at + 2] as number
    const yOffset = places[at + 3] as number
    if (xOffset || yOffset) {
      show(index)
      operators.push(`1 0 0 1 ${number(pen + xOffset * scale)} ${number(y + yOffset * scale)} Tm`)
      show(index + 1)
      shifted = true
      placed = true
    } else {
      if (shifted) {
        operators.push(`1 0 0 1 ${number(pen)} ${number(y)} Tm`)
        shifted = false
      }
      if (xAdvance !== places[at + 4]) segment(index + 1)
    }
    pen += xAdvance * scale
  }
  show(count)
  return { operators, placed }
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
    const channels = doc._normalizeColor(color)
    if (!Array.isArray(channels) || channels.length !== 3) return undefined
    rgb = channels.map((channel) => Math.round(channel * 1e4) / 1e4).join(' ')
    operands.set(color, rgb)
  }
  return stroke ? `${rgb} RG` : `${rgb} rg`
}
