import { SVG } from 'mathjax-full/js/output/svg.js'
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js'
import { breakKind } from '../../../article/passes/math-breaks.js'
import { texEngine, type TexEngine } from '../../../article/passes/tex.js'

// Formulas for the PDF: MathJax's TeX input and SVG output, each glyph an outline of MathJax's TeX
// fonts (decision 17). The markup goes through the SVG path images already take (ink.svg).

/** Part of an inline formula, cut before and after its top-level relations and binary operators, as SVG in units of the font size (em). */
export interface MathPiece {
  markup: string
  width: number
  /** The formula's top-level nodes it holds, from and to (MathML's children of `math`, in order). */
  nodes: [number, number]
  /**
   * Where the formula goes on after the piece: the gap beside a relation (`=`, `<`, `→`…) or a binary
   * operator (`+`, `×`…), which may widen in a justified line; `breaks` when the piece is that
   * operator, after which a line may break (never before it).
   */
  gap?: { kind: 'relation' | 'operator'; breaks: boolean }
}

/** A typeset formula: sizes in em, above and below its baseline. */
export interface SetMath {
  width: number
  ascent: number
  depth: number
  /** The whole formula, then the same cut around its top-level relations and operators (inline math breaks after them). */
  whole: MathPiece
  pieces: MathPiece[]
}

let engine: TexEngine | undefined
/** Typeset formulas by display mode and source: the same TeX always gives the same markup. */
const known = new Map<string, SetMath | undefined>()
const KNOWN_MAX = 4000

/** The formula set by MathJax, or undefined when it cannot be (the caller shows its source). */
export function setMath(tex: string, display: boolean): SetMath | undefined {
  const key = `${display ? 'D' : 'T'}${tex}`
  if (known.has(key)) return known.get(key)
  const set = typeset(tex, display)
  if (known.size >= KNOWN_MAX) known.clear()
  known.set(key, set)
  return set
}

function typeset(tex: string, display: boolean): SetMath | undefined {
  engine ??= texEngine(new SVG({ fontCache: 'none' }) as never)
  const { adaptor, document } = engine
  engine.tex.reset()
  let container: LiteElement
  try {
    container = document.convert(tex, { display }) as LiteElement
  } catch {
    return undefined
  }
  const svg = adaptor.firstChild(container) as LiteElement
  const [x, y, w, h] = (adaptor.getAttribute(svg, 'viewBox') ?? '').split(/\s+/).map(Number) as [number, number, number, number]
  if (![x, y, w, h].every(Number.isFinite) || w <= 0) return undefined
  const outer = adaptor.firstChild(svg) as LiteElement
  const math = adaptor.firstChild(outer) as LiteElement
  const parts = adaptor.childNodes(math) as LiteElement[]
  const piece = (from: number, to: number, first: number, end: number, gap?: MathPiece['gap']): MathPiece => ({
    markup: markupOf(
      from,
      y,
      to - from,
      h,
      parts
        .slice(first, end)
        .map((child) => adaptor.outerHTML(child))
        .join('')
    ),
    width: (to - from) / 1000,
    nodes: [first, end],
    ...(gap ? { gap } : {})
  })
  const whole = piece(x, x + w, 0, parts.length)
  const pieces: MathPiece[] = []
  if (!display) {
    let start = 0
    const left = (index: number) => (index < parts.length ? shiftOf(adaptor.getAttribute(parts[index] as LiteElement, 'transform')) : x + w)
    parts.forEach((part, index) => {
      const kind = index === 0 || index === parts.length - 1 ? undefined : breaksAfter(adaptor, part, parts[index - 1] as LiteElement)
      if (!kind) return
      // What stands before the operator, then the operator alone: the gaps on both sides widen alike.
      if (index > start) pieces.push(piece(left(start), left(index), start, index, { kind, breaks: false }))
      pieces.push(piece(left(index), left(index + 1), index, index + 1, { kind, breaks: true }))
      start = index + 1
    })
    if (start > 0) pieces.push(piece(left(start), x + w, start, parts.length))
  }
  return { width: w / 1000, ascent: -y / 1000, depth: (h + y) / 1000, whole, pieces: pieces.length > 1 ? pieces : [whole] }
}

/** Whether a top-level node is one relation or binary operator (`mo`), after which a line may break (tex.ts). */
function breaksAfter(adaptor: TexEngine['adaptor'], part: LiteElement, previous: LiteElement): 'relation' | 'operator' | undefined {
  return breakKind(operatorOf(adaptor, part), operatorOf(adaptor, previous))
}

/** The one character a top-level `mo` draws; undefined for anything else. */
function operatorOf(adaptor: TexEngine['adaptor'], part: LiteElement): string | undefined {
  if (adaptor.getAttribute(part, 'data-mml-node') !== 'mo') return undefined
  const glyphs = adaptor.childNodes(part) as LiteElement[]
  if (glyphs.length !== 1) return undefined
  const code = adaptor.getAttribute(glyphs[0] as LiteElement, 'data-c')
  return code === undefined || code === null ? undefined : String.fromCodePoint(Number.parseInt(code, 16))
}

/** The x of `translate(x, y)`; 0 without one. */
function shiftOf(transform: string | null | undefined): number {
  const match = /translate\(\s*([-\d.e]+)/.exec(transform ?? '')
  return match ? Number(match[1]) : 0
}

/** SVG of the formula's nodes between `x` and `x + w` (MathJax's units: 1000 a font size), y down. */
function markupOf(x: number, y: number, w: number, h: number, inner: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 ${y} ${w} ${h}">` +
    `<g stroke="currentColor" fill="currentColor" stroke-width="0" transform="scale(1,-1)"><g transform="translate(${-x},0)">${inner}</g></g></svg>`
  )
}
