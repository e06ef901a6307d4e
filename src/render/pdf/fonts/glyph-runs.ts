import type * as fontkit from 'fontkit'
import type { DocFont, GlyphPosition, GlyphRun } from '../ink/pdfkit-types.js'
import { layoutGlyphs } from './fontkit/internals.js'
import { harfBuzzLayout } from './shaping/harfbuzz.js'
import { plainLayout } from './shaping/plain-shaping.js'
import { RecentMap } from '../../../common/recent-map.js'

// Glyph runs and advance widths, worked out once per parsed font and text for every document of the
// process: the measuring of layout (advance widths) and the drawing share them.

/**
 * A chunk's glyphs and where they go, as pdfkit keeps them (thousandths of an em), with the numbers
 * of each glyph's position packed in one array: xAdvance, yAdvance, xOffset, yOffset and pdfkit's
 * advanceWidth, five a glyph. fontkit and pdfkit give each glyph a position object whose numbers V8
 * boxes one by one (~1 KB a word), and runs are kept for every word of every document.
 */
export interface PackedRun {
  glyphs: fontkit.Glyph[]
  /**
   * The characters each glyph stands for in this run's text, where they are not the glyph's own
   * (`codePoints`): fontkit keeps one Glyph object an id for the whole process, with the characters
   * of its first use, so an emoji shaped bare (🏗) would tell every later text the same glyph came
   * from with its selector (🏗️) that it has none. Only for texts with invisible format characters.
   */
  chars?: (readonly number[])[]
  places: number[]
  /**
   * The text to read the run as, where its glyphs do not tell it in order (a vowel sign drawn before
   * its consonant, a vowel drawn as two glyphs, a mark moved over another): drawn as marked
   * content with this ActualText.
   */
  actual?: string
  /** The text a run shaped by HarfBuzz was shaped from: its ActualText where a glyph reads otherwise in a document. */
  text?: string
  /**
   * Each glyph's cluster, as HarfBuzz gives it (the offset in the text of its first character), for
   * runs of Thai, Lao, Khmer and Myanmar: justification spaces them between clusters (ink/glyph-operators.ts).
   */
  clusters?: number[]
  direction: string
  /** The advance width in font units, summed as fontkit sums a run's. */
  units: number
  /** The advance width in thousandths of an em. */
  width: number
}

/** The numbers of each glyph's position, per glyph. */
export const PLACE = 5

/**
 * Runs by chunk of text (a word, a word and the space after it), one table per parsed font shared by
 * every document of the process. A build of thousands of real articles meets hundreds of thousands of
 * different chunks (identifiers, URLs, hashes), most of them once: the table keeps those it met lately
 * (at most twice `TURNOVER`, ~300 bytes a run), so its memory does not grow with the corpus.
 */
type RunTable = RecentMap<string, PackedRun>
const TURNOVER = 8_000

const tables = new WeakMap<fontkit.Font, RunTable>()

function tableOf(font: fontkit.Font): RunTable {
  let table = tables.get(font)
  if (!table) tables.set(font, (table = new RecentMap(TURNOVER)))
  return table
}

/** The advance width of a chunk of text (a word and the space after it), in thousandths of an em. */
export function advance(font: fontkit.Font, chunk: string): number {
  // Kept for drawing too: the same chunks are drawn (split at spaces as pdfkit splits them).
  return stored(font, tableOf(font), chunk).width
}

/** How many glyphs a chunk of text is drawn with. */
export function glyphsOf(font: fontkit.Font, chunk: string): number {
  return stored(font, tableOf(font), chunk).glyphs.length
}

/** Where the clusters of a chunk of Thai, Lao, Khmer or Myanmar start, as shaping made them (offsets in the chunk); undefined for other runs. */
export function clustersOf(font: fontkit.Font, chunk: string): number[] | undefined {
  return stored(font, tableOf(font), chunk).clusters
}

/** The run of `chunk` from `table`, else shaped and kept there. */
function stored(font: fontkit.Font, table: RunTable, chunk: string): PackedRun {
  let run = table.get(chunk)
  if (run === undefined) table.set(chunk, (run = shaped(font, chunk)))
  return run
}

/**
 * `chunk` shaped as pdfkit's `layoutRun` shapes it, then scaled: a plain text straight from its
 * numbers (plain-shaping.ts), any other by HarfBuzz (shaping/harfbuzz.ts), and by fontkit only in a
 * font HarfBuzz was not given.
 */
function shaped(font: fontkit.Font, chunk: string): PackedRun {
  const plain = plainLayout(font, chunk)
  if (!plain) {
    const run = harfBuzzLayout(font, chunk)
    if (run) {
      const result = packed(run.glyphs, run.numbers, run.direction, font)
      result.chars = run.chars
      if (SPACED.test(chunk)) result.clusters = run.clusters
      // Read as ActualText where the glyphs do not tell the text in order; glyphs moved off their place
      // too (a Thai tone mark over a vowel sign, a Tibetan vowel sign over its letter), which extractors
      // take for letters of their own. Not where HarfBuzz drew a dotted circle: the text reads as seen.
      if (run.direction === 'ltr' && !run.dottedCircle) {
        result.text = chunk
        if (!readsInOrder(chunk, run.chars) || run.numbers.some((value, index) => index % 4 >= 2 && value !== 0)) result.actual = chunk
      }
      return result
    }
  }
  const run = plain ? undefined : font.layout(chunk)
  const glyphs = plain ? plain.glyphs : run!.glyphs
  const direction = plain ? plain.direction : run!.direction
  let numbers: number[]
  if (plain) numbers = plain.numbers
  else {
    numbers = []
    for (const position of run!.positions) numbers.push(position.xAdvance, position.yAdvance, position.xOffset, position.yOffset)
  }
  const result = packed(glyphs, numbers, direction, font)
  // The text has invisible characters, or a glyph carries characters this text lacks: those of
  // another text it was first shaped for (fontkit keeps one Glyph object an id in the process).
  if (INVISIBLE.test(chunk) || glyphs.some((glyph) => glyph.codePoints.some((code) => !chunk.includes(String.fromCodePoint(code))))) {
    result.chars = charactersOf(chunk, glyphs, direction)
  }
  return result
}

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u
// Scripts whose units a justified line spaces (inline/clusters.ts).
const SPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
const invisible = (code: number) => INVISIBLE.test(String.fromCodePoint(code))

/**
 * Whether glyphs standing for `chars` read as `chunk` in their order: every glyph stands for some
 * character (one standing for none would be read as what it stands for elsewhere) and, read in
 * their order, they give the text's visible characters in its order.
 */
function readsInOrder(chunk: string, chars: (readonly number[])[]): boolean {
  const visible: number[] = []
  for (const char of chunk) if (!INVISIBLE.test(char)) visible.push(char.codePointAt(0) as number)
  let at = 0
  for (const codes of chars) {
    if (codes.length === 0) return false
    for (const code of codes) {
      if (invisible(code)) continue
      if (visible[at] !== code) return false
      at += 1
    }
  }
  return at === visible.length
}

/**
 * Each glyph's characters as `chunk` gives them: the text's characters in order, each invisible one
 * (a variation selector, a joiner) with the visible one before it, matched to the glyphs one to one
 * (or all of them to a glyph alone). A glyph takes them where it carries characters the text lacks,
 * or differs from them by invisible characters alone; elsewhere (reordered or ligated glyphs) it keeps
 * what fontkit's shaping gave it.
 */
function charactersOf(chunk: string, glyphs: fontkit.Glyph[], direction: string): (readonly number[])[] {
  const groups: number[][] = []
  for (const char of chunk) {
    const code = char.codePointAt(0) as number
    const last = groups[groups.length - 1]
    if (last && INVISIBLE.test(char)) last.push(code)
    else groups.push([code])
  }
  if (direction === 'rtl') groups.reverse()
  const visible = (codes: readonly number[]) => codes.filter((code) => !invisible(code)).join(' ')
  return glyphs.map((glyph, index) => {
    const group = groups.length === glyphs.length ? groups[index] : glyphs.length === 1 ? groups.flat() : undefined
    if (!group) return glyph.codePoints
    const foreign = glyph.codePoints.some((code) => !chunk.includes(String.fromCodePoint(code)))
    return foreign || visible(group) === visible(glyph.codePoints) ? group : glyph.codePoints
  })
}

/**
 * Glyphs and their positions in font units (four numbers a glyph: xAdvance, yAdvance, xOffset,
 * yOffset) packed, each number scaled as pdfkit's `EmbeddedFont.layoutRun` scales it, the advance
 * summed glyph by glyph as fontkit's run sums it.
 */
function packed(glyphs: fontkit.Glyph[], numbers: number[], direction: string, font: fontkit.Font): PackedRun {
  const scale = 1000 / font.unitsPerEm
  // Arrays of their exact length: grown by push, they would keep room to grow for as long as they are kept.
  const places = new Array<number>(glyphs.length * PLACE)
  let units = 0
  for (let index = 0; index < glyphs.length; index += 1) {
    const from = index * 4
    const at = index * PLACE
    units += numbers[from] as number
    places[at] = (numbers[from] as number) * scale
    places[at + 1] = (numbers[from + 1] as number) * scale
    places[at + 2] = (numbers[from + 2] as number) * scale
    places[at + 3] = (numbers[from + 3] as number) * scale
    places[at + 4] = (glyphs[index] as fontkit.Glyph).advanceWidth * scale
  }
  return { glyphs: glyphs.slice(), places, direction, units, width: (units * 1000) / font.unitsPerEm }
}

// Per document font: the parsed font, whose table of runs it shares with every document.
const shared = new WeakMap<DocFont, fontkit.Font>()

/**
 * Have one document's pdfkit font draw from the glyph runs every document of the parsed font shares
 * (`eachRun`): the runs depend only on the font and the text (~20% of the time of a long article).
 * pdfkit's own callers get them too, through `pdfkitRun` (ink/pdfkit/share-layouts.ts).
 */
export function shareRuns(face: DocFont, font: fontkit.Font): void {
  shared.set(face, font)
}

/** A chunk's run as pdfkit's `layoutRun` makes it, from the table every document of `font` shares (runs it lacks come from `chunkRun`). */
export function pdfkitRun(font: fontkit.Font, chunk: string): GlyphRun & { direction: string; advanceWidth: number } {
  return unpacked(chunkRun(font, tableOf(font), chunk))
}

/**
 * The runs of the chunks of `text` in a document's font, in order, as pdfkit's `layout` would join
 * them (a chunk ends after each space or tab), without joining them. A chunk of a word and a space
 * is visited as the word's run and the space's where that is what shaping it gives (`plainBeforeSpace`):
 * the table then keeps one run a word, not one without its space and one with.
 */
export function eachRun(
  face: DocFont,
  text: string,
  visit: (run: Pick<PackedRun, 'glyphs' | 'places' | 'chars' | 'actual' | 'text' | 'clusters'>, from: number) => void
): void {
  const font = shared.get(face)
  if (!font) throw new Error('PDF: a font was drawn with before shareRuns gave it its runs')
  const table = tableOf(font)
  const chunk = (from: number, to: number) => {
    const piece = text.slice(from, to)
    const known = table.get(piece)
    if (known) return visit(known, from)
    const parts = wordThenSpace(font, table, piece)
    if (!parts) return visit(stored(font, table, piece), from)
    visit(parts[0], from)
    visit(parts[1], to - 1)
  }
  let last = 0
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index)
    if ((char === 32 || char === 9) && index < text.length - 1) {
      chunk(last, index + 1)
      last = index + 1
    }
  }
  // The last chunk (the whole text when it has no space but at its end).
  if (last < text.length || text.length === 0) chunk(last, text.length)
}

/** A packed run as pdfkit's `layoutRun` makes it, for pdfkit's own callers. */
function unpacked(run: PackedRun): GlyphRun & { direction: string; advanceWidth: number } {
  const positions: GlyphPosition[] = []
  let advanceWidth = 0
  for (let at = 0; at < run.places.length; at += PLACE) {
    const [xAdvance, yAdvance, xOffset, yOffset, width] = run.places.slice(at, at + PLACE) as [number, number, number, number, number]
    positions.push({ xAdvance, yAdvance, xOffset, yOffset, advanceWidth: width })
    advanceWidth += xAdvance
  }
  return { glyphs: run.glyphs, positions, direction: run.direction, advanceWidth }
}

/**
 * A chunk of a word and a space as the word's run and the space's, where the font lets a space follow
 * the word's last glyph without changing either (no kerning or contextual form across them), which
 * is what shaping the chunk would give; else undefined. A word is measured without its space but
 * drawn with it when a line sets several words in one go: this saves shaping it a second time.
 */
function wordThenSpace(font: fontkit.Font, table: RunTable, chunk: string): [PackedRun, PackedRun] | undefined {
  if (chunk.length < 2 || !chunk.endsWith(' ')) return undefined
  const word = stored(font, table, chunk.slice(0, -1))
  const space = stored(font, table, ' ')
  const last = word.glyphs[word.glyphs.length - 1]
  return last && word.direction === 'ltr' && space.glyphs.length === 1 && spaceFollowsPlainly(font, last) ? [word, space] : undefined
}

/** pdfkit's run for one chunk of text, for its own callers: a word and a space joined where `wordThenSpace` allows. */
function chunkRun(font: fontkit.Font, table: RunTable, chunk: string): PackedRun {
  const found = table.get(chunk)
  if (found) return found
  const parts = wordThenSpace(font, table, chunk)
  if (!parts) return stored(font, table, chunk)
  const [word, space] = parts
  const units = word.units + space.units
  const run = {
    glyphs: word.glyphs.concat(space.glyphs),
    places: word.places.concat(space.places),
    direction: word.direction,
    units,
    width: (units * 1000) / font.unitsPerEm
  }
  table.set(chunk, run)
  return run
}

// Per parsed font and glyph id: whether shaping that glyph with a space after it changes neither.
const plainBeforeSpace = new WeakMap<fontkit.Font, Map<number, boolean>>()

function spaceFollowsPlainly(font: fontkit.Font, glyph: PackedRun['glyphs'][number]): boolean {
  let known = plainBeforeSpace.get(font)
  if (!known) plainBeforeSpace.set(font, (known = new Map()))
  let plain = known.get(glyph.id)
  if (plain === undefined) {
    // fontkit lays out glyphs as well as text.
    const space = font.glyphForCodePoint(32)
    const pair = layoutGlyphs(font, [glyph, space])
    const apart = [layoutGlyphs(font, [glyph]), layoutGlyphs(font, [space])]
    const glyphs = apart.flatMap((run) => run.glyphs)
    const positions = apart.flatMap((run) => run.positions)
    plain =
      pair.glyphs.length === glyphs.length &&
      pair.glyphs.every((one, index) => one.id === glyphs[index]?.id) &&
      pair.positions.every((one, index) => samePosition(one, positions[index]))
    known.set(glyph.id, plain)
  }
  return plain
}

function samePosition(a: fontkit.GlyphPosition, b: fontkit.GlyphPosition | undefined): boolean {
  return b !== undefined && a.xAdvance === b.xAdvance && a.yAdvance === b.yAdvance && a.xOffset === b.xOffset && a.yOffset === b.yOffset
}
