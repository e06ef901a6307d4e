import type { Element, ElementContent } from 'hast'
import { atTop, gap, keepShort, newPage, place, remaining } from '../flow/cursor.js'
import { within, type BlockHandler, type Frame, type State } from '../state.js'

/** One character of code with its look, measured. */
interface Glyph {
  text: string
  font: string
  color: string
  width: number
}

interface CodeLine {
  glyphs: Glyph[]
  /** Continues the source line above (drawn with a continuation mark). */
  continued: boolean
}

/**
 * pre: monospace on a tint, coloured from the `hljs-*` spans the shared tree already has. A block
 * whose longest line does not fit is set smaller as a whole when that makes it fit, down to
 * `code_min_font_size` (`code_drawing_min_font_size` when the lines too long are drawn in
 * box-drawing characters); else long lines wrap (at a space when one is near, else anywhere) with a
 * mark at the start of each continuation. The block splits between lines across pages, a
 * background on each page's part.
 */
export const code: BlockHandler = (state, node) => {
  const { theme } = state
  gap(state, theme.num('code', 'margin_top'))
  within(state, { frame: codeFrame(state, node) }, () => keepShort(state, () => codeBlock(state, node), node))
  gap(state, theme.num('code', 'margin_bottom'))
}

/**
 * The frame a code block is set in: the text's, or, for a block of the page's full column whose
 * longest line does not fit it at the theme's size, wider by `code_breakout` on each side (into the
 * margins, as books let wide code stand out) — before it is set smaller or wrapped.
 */
function codeFrame(state: State, node: Element): Frame {
  const { frame } = state.scope
  const breakout = state.theme.num('code', 'breakout')
  if (breakout <= 0 || frame.x !== state.column.x || frame.width !== state.column.width) return frame
  const pad = state.theme.num('code', 'padding')
  const { size, lines } = codeLines(state, node, frame.width - 2 * pad, true)
  const fits = size >= state.theme.text('code').size && lines.every((line) => !line.continued)
  return fits ? frame : { x: frame.x - breakout, width: frame.width + 2 * breakout }
}

/** The least of a split code block that stays on a page: `code_split_lines` lines and the padding around them. */
export function codeStartHeight(state: State): number {
  const style = state.theme.text('code')
  return state.theme.num('code', 'split_lines') * style.size * style.lineHeight + 2 * state.theme.num('code', 'padding')
}

function codeBlock(state: State, node: Element): void {
  const { theme, ink } = state
  const style = theme.text('code')
  const pad = theme.num('code', 'padding')
  const { size, lines } = codeLines(state, node, state.scope.frame.width - 2 * pad)
  const lineHeight = size * style.lineHeight
  const font = state.fonts.key(style.family, false, false)
  const { ascender, descender } = state.fonts.metrics(font)
  const ascent = (lineHeight - (ascender - descender) * size) / 2 + ascender * size
  const tag = ink.open('Code')
  // A split leaves at least this many lines on each side of a page break.
  const least = Math.max(1, Math.round(theme.num('code', 'split_lines')))
  let index = 0
  while (index < lines.length) {
    const left = lines.length - index
    let count = Math.min(left, Math.floor((remaining(state) - 2 * pad + 0.001) / lineHeight))
    if (count < left && left - count < least) count -= least - (left - count)
    if (count < Math.min(least, left) && !atTop(state)) {
      newPage(state)
      continue
    }
    count = Math.max(1, count)
    const top = place(state, count * lineHeight + 2 * pad, pad + ascent)
    index += count
    // Measuring needs the height only.
    if (ink.dry) continue
    if (state.report && count <= 2 && count < lines.length)
      state.report.codeFragments.push(`page ${ink.page + 1}: ${count} of ${lines.length} lines`)
    const { x, width } = state.scope.frame
    ink.box(
      { x, y: top, w: width, h: count * lineHeight + 2 * pad },
      {
        fill: theme.color('code', 'background_color'),
        stroke: theme.color('code', 'border_color'),
        lineWidth: theme.num('code', 'border_width'),
        radius: theme.num('code', 'border_radius')
      }
    )
    for (let row = 0; row < count; row += 1) {
      const line = lines[index - count + row] as CodeLine
      const y = top + pad + row * lineHeight
      if (line.continued) continuationMark(state, x + pad * 0.2, y, pad * 0.65, lineHeight)
      drawGlyphs(state, line.glyphs, x + pad, y + ascent, size)
    }
    if (index < lines.length) newPage(state)
  }
  ink.close(tag)
}

function drawGlyphs(state: State, glyphs: Glyph[], x: number, baseline: number, size: number): void {
  let start = 0
  let cursor = x
  while (start < glyphs.length) {
    const first = glyphs[start] as Glyph
    let end = start + 1
    let width = first.width
    while (end < glyphs.length && (glyphs[end] as Glyph).font === first.font && (glyphs[end] as Glyph).color === first.color) {
      width += (glyphs[end] as Glyph).width
      end += 1
    }
    const text = glyphs
      .slice(start, end)
      .map((glyph) => glyph.text)
      .join('')
    if (text.trim() !== '') state.ink.text(text.replace(/ +$/, ''), cursor, baseline, first.font, size, first.color)
    cursor += width
    start = end
  }
}

/** ↳ drawn as lines in the left padding: marks a wrapped line, and is not text. */
function continuationMark(state: State, x: number, top: number, width: number, height: number): void {
  const color = state.theme.str('code', 'continuation_color')
  const mid = top + height * 0.55
  const head = Math.min(width * 0.4, 1.8)
  const line = state.theme.num('code', 'continuation_width')
  state.ink.polyline(
    [
      [x, top + height * 0.15],
      [x, mid],
      [x + width, mid]
    ],
    color,
    line
  )
  state.ink.polyline(
    [
      [x + width - head, mid - head],
      [x + width, mid],
      [x + width - head, mid + head]
    ],
    color,
    line
  )
}

/** A block as set: its font size and its lines. */
interface CodeSetting {
  size: number
  lines: CodeLine[]
}

/** Code laid out in a document (its Ink) by a measurement, by block and width, until the block is drawn. */
const laidOut = new WeakMap<object, WeakMap<Element, { width: number; setting: CodeSetting }>>()

function codeLines(state: State, node: Element, width: number, peek = false): CodeSetting {
  let known = laidOut.get(state.ink)
  if (!known) laidOut.set(state.ink, (known = new WeakMap()))
  const found = known.get(node)
  // Drawn: the lines are not asked for again (and a document in progress holds less). A peek (the
  // frame's choice, before the block is drawn) keeps them for the drawing.
  if (!state.ink.dry && !peek) known.delete(node)
  if (found?.width === width) return found.setting
  const setting = layoutCode(state, node, width)
  if (state.ink.dry || peek) known.set(node, { width, setting })
  return setting
}

/** One character of code with its look, before it is measured. */
type Char = Omit<Glyph, 'width'>

// Box drawing and block elements: a line holding them is part of a drawing (a table of benchmark
// results, a tree), which wrapping would tangle.
const DRAWING = /[\u2500-\u259f]/u

/** Source text as coloured characters, split into source lines, tabs expanded, sized and wrapped to `width`. */
function layoutCode(state: State, node: Element, width: number): CodeSetting {
  const { ink } = state
  const source = sourceLines(state, node)
  const size = fittedSize(state, source, width)
  const lines: CodeLine[] = []
  for (const chars of source) {
    let rest = chars.map((char): Glyph => ({ ...char, width: ink.measure(char.font, size, char.text) }))
    let continued = false
    do {
      let used = 0
      let cut = 0
      while (cut < rest.length && used + (rest[cut] as Glyph).width <= width + 0.001) used += (rest[cut++] as Glyph).width
      if (cut < rest.length) {
        // Prefer a break after a space in the last third of the line.
        for (let back = cut; back > cut * 0.66; back -= 1) {
          if ((rest[back - 1] as Glyph).text === ' ') {
            cut = back
            break
          }
        }
        cut = Math.max(1, cut)
      }
      lines.push({ glyphs: rest.slice(0, cut), continued })
      rest = rest.slice(cut)
      continued = true
    } while (rest.length > 0)
  }
  return { size, lines }
}

/**
 * The size a block is set at: smaller as a whole when that makes its longest line fit, not below
 * `code_min_font_size` (`code_drawing_min_font_size` when every line too long for that is part of a
 * drawing); else the theme's, and long lines
 * wrap (a smaller size that still wraps would only set the block apart from its neighbours). Widths
 * grow with the size, so one measure at the theme's size tells the size needed.
 */
function fittedSize(state: State, source: Char[][], width: number): number {
  const { theme, ink } = state
  const size = theme.text('code').size
  const widths = source.map((chars) => chars.reduce((total, char) => total + ink.measure(char.font, size, char.text), 0))
  const longest = Math.max(0, ...widths)
  if (longest <= width + 0.001) return size
  // Past the least size of code only for a drawing: when every line that would still not fit is one.
  const least = theme.num('code', 'min_font_size')
  const tooLong = (size * width) / least
  const drawing = source.every((chars, index) => (widths[index] as number) <= tooLong || chars.some((char) => DRAWING.test(char.text)))
  // A twentieth of a point below the exact fit: the sum of rounded widths never tips over the measure.
  const fitting = Math.floor((size * width * 20) / longest) / 20
  return fitting >= (drawing ? theme.num('code', 'drawing_min_font_size') : least) ? fitting : size
}

/** Source text as coloured characters, split into source lines, tabs expanded. */
function sourceLines(state: State, node: Element): Char[][] {
  const { theme, fonts } = state
  const style = theme.text('code')
  const tab = theme.num('code', 'tab_size')
  const source: Char[][] = [[]]
  const walk = (nodes: ElementContent[], color: string, bold: boolean, italic: boolean) => {
    for (const child of nodes) {
      if (child.type === 'text') {
        const parts = child.value.split('\n')
        parts.forEach((part, index) => {
          if (index > 0) source.push([])
          const line = source[source.length - 1] as Char[]
          const expanded = part.replace(/\t/g, () => ' '.repeat(tab - (line.length % tab)))
          for (const piece of fonts.split(expanded, style.family, bold, italic, state.missing, state.lang)) {
            for (const char of piece.text) line.push({ text: char, font: piece.key, color })
          }
        })
      } else if (child.type === 'element') {
        const name = hljsName(child)
        const scopes = name ? [`syntax_${name}`] : []
        const fontStyle = name ? theme.find(scopes[0] as string, 'font_style') : undefined
        walk(
          child.children,
          name ? ((theme.find(scopes[0] as string, 'font_color') as string | undefined) ?? color) : color,
          bold || fontStyle === 'bold' || fontStyle === 'bold_italic',
          italic || fontStyle === 'italic' || fontStyle === 'bold_italic'
        )
      }
    }
  }
  walk(node.children, style.color, style.bold, style.italic)
  if (source.length > 1 && source[source.length - 1]?.length === 0) source.pop()
  return source
}

/** `hljs-title function_` → `title`; the first `hljs-` class names the token. */
function hljsName(element: Element): string | undefined {
  const classes = Array.isArray(element.properties.className) ? element.properties.className.map(String) : []
  const found = classes.find((name) => name.startsWith('hljs-'))
  return found ? found.slice('hljs-'.length) : undefined
}
