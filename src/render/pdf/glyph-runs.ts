import type * as fontkit from 'fontkit'
import type { DocFont, GlyphPosition, GlyphRun } from './layout/pdfkit-types.js'

// Glyph runs and advance widths, worked out once per parsed font and text for every document of the
// process: the measuring of layout (advance widths) and the drawing through pdfkit (its layout cache)
// share them.

// Advance widths per text chunk, in thousandths of an em, kept per parsed font across documents
// (pdfkit's own cache lives and dies with each document). Cleared when it grows large.
const advances = new WeakMap<fontkit.Font, Map<string, number>>()

/** The advance width of a chunk of text (a word and the space after it), in thousandths of an em. */
export function advance(font: fontkit.Font, chunk: string): number {
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

// pdfkit's glyph runs by text, one table per parsed font shared by every document.
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

/**
 * Give one document's pdfkit font the glyph runs every document of the parsed font shares, in place
 * of its own per-document cache: the runs depend only on the font and the text, and pdfkit 0.20
 * never changes a cached one (~20% of the time of a long article). Runs the table lacks come from
 * `chunkRun`.
 */
export function shareLayouts(face: DocFont, font: fontkit.Font): void {
  let cache = layoutCache(font)
  if (cache.uses % 64 === 63 && Object.keys(cache.table).length > 50_000) {
    layoutCaches.delete(font)
    cache = layoutCache(font)
  }
  cache.uses += 1
  const { table } = cache
  const shape = face.layoutRun.bind(face)
  face.layoutCached = (chunk) => chunkRun(font, table, chunk, shape)
}

/** A glyph run as pdfkit keeps it: positions in thousandths of an em. */
type ChunkRun = GlyphRun & { direction?: string; readonly advanceWidth?: number }

/**
 * pdfkit's run for one chunk of text (a word and the space after it), from `table`, else shaped by
 * `shape`. A word is measured without its space but drawn with it when a line sets several words in
 * one go: the run of "word " is then the measured run of "word" followed by the space's, where the
 * font lets a space follow the word's last glyph without changing either (no kerning or contextual
 * form across them), which is what shaping would give. That saves shaping every word a second time.
 */
function chunkRun(font: fontkit.Font, table: Record<string, unknown>, chunk: string, shape: (text: string) => ChunkRun): ChunkRun {
  const found = table[chunk] as ChunkRun | undefined
  if (found) return found
  let run: ChunkRun | undefined
  if (chunk.length > 1 && chunk.endsWith(' ')) {
    const word = table[chunk.slice(0, -1)] as ChunkRun | undefined
    const space = table[' '] as ChunkRun | undefined
    const last = word?.glyphs[word.glyphs.length - 1]
    if (word && space && last && word.direction === 'ltr' && space.glyphs.length === 1 && spaceFollowsPlainly(font, last)) run = joinRuns(word, space)
  }
  run ??= shape(chunk)
  table[chunk] = run
  return run
}

function joinRuns(first: ChunkRun, second: ChunkRun): ChunkRun {
  const positions = [...first.positions, ...second.positions]
  return {
    glyphs: [...first.glyphs, ...second.glyphs],
    positions,
    direction: first.direction,
    // As fontkit's GlyphRun sums it.
    get advanceWidth() {
      let width = 0
      for (const position of positions) width += position.xAdvance
      return width
    }
  }
}

// Per parsed font and glyph id: whether shaping that glyph with a space after it changes neither.
const plainBeforeSpace = new WeakMap<fontkit.Font, Map<number, boolean>>()

function spaceFollowsPlainly(font: fontkit.Font, glyph: ChunkRun['glyphs'][number]): boolean {
  let known = plainBeforeSpace.get(font)
  if (!known) plainBeforeSpace.set(font, (known = new Map()))
  let plain = known.get(glyph.id)
  if (plain === undefined) {
    // fontkit lays out glyphs as well as text.
    const layout = font.layout.bind(font) as unknown as (glyphs: unknown[]) => ChunkRun
    const space = font.glyphForCodePoint(32)
    const pair = layout([glyph, space])
    const apart = [layout([glyph]), layout([space])]
    const glyphs = apart.flatMap((run) => run.glyphs)
    const positions = apart.flatMap((run) => run.positions)
    plain = pair.glyphs.length === glyphs.length && pair.glyphs.every((one, index) => one.id === glyphs[index]?.id) && pair.positions.every((one, index) => samePosition(one, positions[index]))
    known.set(glyph.id, plain)
  }
  return plain
}

function samePosition(a: GlyphPosition, b: GlyphPosition | undefined): boolean {
  return b !== undefined && a.xAdvance === b.xAdvance && a.yAdvance === b.yAdvance && a.xOffset === b.xOffset && a.yOffset === b.yOffset
}
