import type { Element, ElementContent } from 'hast'
import { toString } from 'hast-util-to-string'
import { breakKind } from '../../article/passes/math-breaks.js'

/** TeX length from which an inline formula may wrap in the page and the book. */
const LONG = 40

/**
 * A long inline formula (its TeX `LONG` characters or more) whose top level has two places or more
 * to break (after a relation or a binary operator, as the PDF breaks it): its children grouped into
 * rows that end there, and the class `math-long`, by which the style sheet lets it wrap between them.
 * MathML Core breaks no formula itself: unbroken, it ran past the column (the page scrolled sideways)
 * or past the page of a reading system (cut off). An operator that ends a row keeps its infix spacing.
 */
export function wrappableFormula(math: Element): void {
  const tex = math.properties.alttext
  if (math.properties.display === 'block' || typeof tex !== 'string' || tex.length < LONG) return
  const nodes = math.children.filter((child): child is Element => child.type === 'element')
  const breaks = nodes.filter(
    (node, index) => index > 0 && index < nodes.length - 1 && breakKind(operatorOf(node), operatorOf(nodes[index - 1]!)) !== undefined
  )
  if (breaks.length < 2) return
  const rows: Element[][] = [[]]
  for (const node of nodes) {
    rows[rows.length - 1]!.push(node)
    if (!breaks.includes(node)) continue
    if (node.properties.form === undefined) node.properties.form = 'infix'
    rows.push([])
  }
  math.children = rows.map((children): ElementContent => ({ type: 'element', tagName: 'mrow', properties: {}, children }))
  math.properties.className = ['math-long']
}

/** The one character an `mo` holds; undefined for anything else. */
function operatorOf(node: Element): string | undefined {
  if (node.tagName !== 'mo') return undefined
  const text = toString(node)
  return [...text].length === 1 ? text : undefined
}
