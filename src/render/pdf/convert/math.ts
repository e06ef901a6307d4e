import type { Element } from 'hast'
import type { Font, Glyph } from 'fontkit'
import { toString } from 'hast-util-to-string'
import { ensure, gap, place } from '../flow/cursor.js'
import type { InlineCollector, PhrasingHandler } from '../inline/collect.js'
import type { Tag } from '../ink/ink.js'
import { linearMath } from '../math/linear.js'
import { setMath } from '../math/load.js'
import type { MathPiece, SetMath } from '../math/typeset.js'
import { fontOf, warn, type BlockHandler, type State } from '../state.js'

// Math: the MathML the math pass made carries its TeX (`alttext`), which MathJax sets as outlines
// here. Each formula is a `Formula` structure element whose alternative text is the TeX; under the
// outlines lies the formula as a line of Unicode text (linear.ts), unseen, for copy, search and extraction.

/** Inline math: a box on the baseline, or several when it is long, a line may break after `=`, `+`… */
export const mathInline: PhrasingHandler = (c, node) => {
  const tex = texOf(node)
  const set = setMath(tex, false)
  if (!set) {
    standInline(c, node, tex)
    return
  }
  const { state } = c
  const size = mathSize(state, c.style)
  const color = c.style.color
  const height = (set.ascent + set.depth) * size
  // The box sits on the baseline: lowered by the formula's depth, whose room the line then makes below.
  const shift = c.style.shift - set.depth * size
  let tag: Tag | undefined
  // Each piece's own text where the MathML's top-level nodes are the pieces' nodes; else all on the first.
  const elements = node.children.filter((child) => child.type === 'element')
  const last = set.pieces[set.pieces.length - 1]
  const spoken =
    set.pieces.length > 1 && last?.nodes[1] === elements.length
      ? set.pieces.map((piece) => linearMath({ ...node, children: elements.slice(...piece.nodes) }))
      : [linearMath(node)]
  // A short formula never breaks: only one wider than a `SHORT` part of the column may, after its operators.
  const breakable = set.width * size > SHORT * state.scope.frame.width
  set.pieces.forEach((piece, index) => {
    const last = index === set.pieces.length - 1
    const width = piece.width * size
    const draw = (x: number, top: number) => {
      const rect = { x, y: top, w: width, h: height }
      // One Formula for the whole formula, kept open while its pieces are drawn line after line.
      const paint = () => {
        drawPiece(state, piece, rect, color)
        hidden(state, spoken[index] ?? '', rect, set.ascent * size, width, c.style.size)
      }
      if (index === 0) {
        tag = state.ink.open('Formula', { alt: tex, bbox: box(rect), placement: 'Inline' })
        paint()
        state.ink.close(tag, !last)
      } else if (tag) state.ink.within(tag, paint, !last)
      else paint()
    }
    const gap = piece.gap && GAPS[piece.gap.kind]
    const formula = gap ? { stretch: gap.stretch * size, ...(breakable && piece.gap?.breaks ? { breakAfter: gap.penalty } : {}) } : {}
    c.with({ shift }, () => c.box({ width, height, draw, formula }))
  })
}

/**
 * A line may break inside a formula after a relation or a binary operator, at TeX's cost (plain TeX's
 * `\relpenalty` 500 and `\binoppenalty` 700: a short formula stays whole unless the paragraph would
 * otherwise gape), and the gaps on both sides of it stretch as TeX's `\thickmuskip` (5 mu) and
 * `\medmuskip` (2 mu) do, in ems of the formula.
 */
/** The part of the column a formula must be wider than to break inside (`$a + b = c$` stays whole, as a word does). */
const SHORT = 0.25

const GAPS = {
  relation: { penalty: 500, stretch: 5 / 18 },
  operator: { penalty: 700, stretch: 2 / 18 }
} as const

/** Display math (`div.math-display`): centred on a line of its own, its `\tag` number at the right margin. */
export const mathDisplay: BlockHandler = (state, node) => {
  const math = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'math')
  const label = node.children.find((child): child is Element => child.type === 'element' && child.tagName !== 'math')
  const tex = math ? texOf(math) : ''
  const set = math ? setMath(tex, true) : undefined
  if (!math || !set) {
    standDisplay(state, node, tex)
    return
  }
  const { theme, ink } = state
  const text = state.scope.text
  const size = mathSize(state, text) * theme.num('math_display', 'font_size_scale')
  const { x: left, width: column } = state.scope.frame
  const number = label ? toString(label) : ''
  const font = fontOf(state, { family: text.family, bold: false, italic: false })
  const numberWidth = number ? ink.measure(font, text.size, number) + theme.num('math_display', 'tag_gap') : 0
  // Too wide for the column: made smaller to fit, never past the margin.
  const scale = Math.min(1, (column - 2 * numberWidth) / (set.width * size), column / (set.width * size + numberWidth))
  const width = set.width * size * scale
  const height = (set.ascent + set.depth) * size * scale
  gap(state, theme.num('math_display', 'margin_top'))
  ensure(state, height)
  const top = place(state, height)
  const rect = { x: left + Math.max(0, (column - width) / 2), y: top, w: width, h: height }
  const baseline = top + set.ascent * size * scale
  const block = ink.open('Div')
  const tag = ink.open('Formula', { alt: tex, bbox: box(rect), placement: 'Block' })
  drawPiece(state, set.whole, rect, text.color)
  hidden(state, linearMath(math), rect, set.ascent * size * scale, width, text.size)
  ink.close(tag)
  if (number) {
    const lbl = ink.open('Lbl')
    ink.text(number, left + column - ink.measure(font, text.size, number), baseline, font, text.size, text.color)
    ink.close(lbl)
  }
  ink.close(block)
  gap(state, theme.num('math_display', 'margin_bottom'))
}

function drawPiece(
  state: State,
  piece: MathPiece | SetMath['whole'],
  rect: { x: number; y: number; w: number; h: number },
  color: string
): void {
  // The markup is in MathJax's units, a thousand to the font size, which svg-to-pdfkit reads as pixels of 0.75 pt.
  const natural = { w: piece.width * 750, h: (rect.h / rect.w) * piece.width * 750 }
  const warnings = state.ink.svg(piece.markup.replaceAll('currentColor', color), rect, natural, () =>
    fontOf(state, { family: 'serif', bold: false, italic: false })
  )
  if (warnings.length > 0 && !state.ink.dry) warn(state.article.file, `PDF: formula: ${warnings[0]}`, { ruleId: 'pdf-math' })
}

/** Text under the outlines, unseen, on the formula's baseline and as wide as it. */
function hidden(state: State, text: string, rect: { x: number; y: number }, ascent: number, width: number, size: number): void {
  const font = fontOf(state, { family: state.scope.text.family, bold: false, italic: false })
  state.ink.hiddenText(text, rect.x, rect.y + ascent, width, font, size)
}

// The x-height of MathJax's TeX fonts, in em.
const TEX_X_HEIGHT = 0.442

/** A formula's size beside text of `style`: its x-height matches the text's, as MathJax does in a browser. */
function mathSize(state: State, style: { family: string; bold: boolean; italic: boolean; size: number }): number {
  const { font } = state.fonts.get(fontOf(state, { family: style.family, bold: false, italic: false }))
  const height = xHeightOf(font)
  return style.size * (height > 0 ? height / font.unitsPerEm / TEX_X_HEIGHT : 1)
}

const xHeights = new WeakMap<Font, number>()

/**
 * A font's x-height in its units: OS/2's sxHeight, else the top of its `x`, as browsers measure an ex
 * (DejaVu's OS/2 table is version 1, without sxHeight: formulas were set at the text's size, 15% small).
 */
function xHeightOf(font: Font): number {
  let height = xHeights.get(font)
  if (height === undefined) {
    const x = font.hasGlyphForCodePoint(0x78) ? (font.glyphForCodePoint(0x78) as Glyph | null) : null
    height = font.xHeight > 0 ? font.xHeight : Math.max(0, x?.bbox.maxY ?? 0)
    xHeights.set(font, height)
  }
  return height
}

function box(rect: { x: number; y: number; w: number; h: number }): [number, number, number, number] {
  return [rect.x, rect.y, rect.x + rect.w, rect.y + rect.h]
}

function texOf(node: Element): string {
  return typeof node.properties.alttext === 'string' ? node.properties.alttext : toString(node)
}

/** A formula MathJax could not set for the PDF: its TeX as inline code, with a warning. */
function standInline(c: InlineCollector, node: Element, tex: string): void {
  if (!c.state.ink.dry) cannotSet(c.state, node)
  const code: Element = { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: tex }] }
  ;(c.state.handlers.phrasing.code ?? c.state.handlers.phrasingFallback)(c, code)
}

function standDisplay(state: State, node: Element, tex: string): void {
  if (!state.ink.dry) cannotSet(state, node)
  const code: Element = { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: tex || toString(node) }] }
  const pre: Element = { type: 'element', tagName: 'pre', properties: {}, children: [code], position: node.position }
  ;(state.handlers.block.pre ?? state.handlers.blockFallback)(state, pre, undefined)
}

function cannotSet(state: State, node: Element): void {
  warn(state.article.file, 'PDF: formula cannot be typeset: its TeX source stands in', { ruleId: 'pdf-math', place: node.position })
}
