import type { Element, ElementContent, Properties, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import type { MmlNode, TextNode } from 'mathjax-full/js/core/MmlTree/MmlNode.js'
import { SerializedMmlVisitor } from 'mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js'
import { visitParents } from 'unist-util-visit-parents'
import type { VFile } from 'vfile'
import { MAX_TEX_LENGTH, splitTag, texToMml } from './tex.js'
import { inMathAlphabet } from './math-alphabets.js'

/**
 * TeX math to MathML, once, in the shared tree. remark-math reads `$…$` and `$$…$$`, and GitHub's
 * `` $`…`$ `` and ```` ```math ```` fences are code marked `language-math`, as on GitHub: inline math
 * becomes `<math alttext="TeX">`, display math `<div class="math-display">` around
 * `<math display="block">` and, for `\tag{…}`, a `span.math-tag` with the number. The TeX stays in
 * `alttext`: the words for readers that cannot show MathML, and what the PDF typesets. A formula
 * MathJax cannot read is a warning where it starts, and its source stands in as code.
 */
export function typesetMath(tree: Root, file: VFile): void {
  const found: { node: Element; parent: Element | Root; display: boolean }[] = []
  visitParents(tree, 'element', (node, ancestors) => {
    if (node.tagName !== 'code' || !classesOf(node).includes('language-math')) return
    const parent = ancestors.at(-1) as Element | Root
    if (parent.type === 'element' && parent.tagName === 'pre')
      found.push({ node: parent, parent: ancestors.at(-2) as Element | Root, display: true })
    else if (parent.type === 'element' && parent.tagName === 'p' && alone(parent, node) && writtenWith(file, node, '$$'))
      // `$$…$$` alone in its paragraph is display math, as GitHub shows it.
      found.push({ node: parent, parent: ancestors.at(-2) as Element | Root, display: true })
    else if (dollarsAroundText(file, node)) parent.children.splice(parent.children.indexOf(node), 1, text(written(file, node)))
    else found.push({ node, parent, display: false })
  })
  for (const { node, parent, display } of found) {
    const source = texOf(toString(node).trim())
    const made = display ? displayMath(source, node, file) : inlineMath(source, node, file)
    parent.children.splice(parent.children.indexOf(node), 1, made)
  }
}

function inlineMath(source: string, node: Element, file: VFile): Element {
  const math = mathElement(source, false, node, file)
  return (
    math ?? {
      type: 'element',
      tagName: 'code',
      properties: { className: ['math-error'] },
      children: [text(source)],
      position: node.position
    }
  )
}

function displayMath(written: string, node: Element, file: VFile): Element {
  const { body, tag } = splitTag(written)
  const math = mathElement(body, true, node, file)
  if (!math) {
    const code: Element = { type: 'element', tagName: 'code', properties: {}, children: [text(written)] }
    return { type: 'element', tagName: 'pre', properties: { className: ['math-error'] }, children: [code], position: node.position }
  }
  const children: ElementContent[] = [math]
  if (tag !== undefined) children.push({ type: 'element', tagName: 'span', properties: { className: ['math-tag'] }, children: [text(tag)] })
  return { type: 'element', tagName: 'div', properties: { className: ['math-display'] }, children, position: node.position }
}

/** The formula as MathML, or undefined after a warning when MathJax cannot read it. */
function mathElement(source: string, display: boolean, node: Element, file: VFile): Element | undefined {
  const place = node.position
  if (source.trim() === '') return undefined
  if (source.length > MAX_TEX_LENGTH) {
    file.message(`Formula of ${source.length} characters, over the ${MAX_TEX_LENGTH} typeset: its TeX source stands in`, {
      place,
      ruleId: 'math',
      source: 'quire'
    })
    return undefined
  }
  let mml: MmlNode
  try {
    mml = texToMml(source, display)
  } catch (error) {
    // MathJax throws its TexError, which is not an Error but has a message.
    const reason = String((error as { message?: unknown }).message ?? error)
    file.message(`Formula cannot be read: ${reason.replace(/\s+/g, ' ').trim()}; its TeX source stands in`, {
      place,
      ruleId: 'math',
      source: 'quire'
    })
    return undefined
  }
  const math = toHast(mml) as Element[]
  const root = math[0] as Element
  root.properties = { ...(display ? { display: 'block' } : {}), alttext: source }
  root.position = place
  return root
}

/** GitHub's `` $`x`$ `` reaches the tree as math holding `` `x` ``: the backticks are its delimiters. */
function texOf(value: string): string {
  const match = /^`+([^]*?)`+$/.exec(value)
  return (match ? (match[1] as string) : value).trim()
}

// MathJax's own names for its variants (`-tex-calligraphic`) become MathML's, as its serialiser does.
const VARIANTS = SerializedMmlVisitor.variants

/** MathJax's MathML tree as hast: inferred rows dropped, TeX atoms as `mrow`, no ids (labels) nor data attributes. */
function toHast(node: MmlNode): ElementContent[] {
  if (node.isKind('text')) return [text((node as TextNode).getText())]
  const children = node.childNodes.flatMap((child) => toHast(child as MmlNode))
  if (node.isInferred) return children
  const properties: Properties = {}
  for (const [name, value] of Object.entries(node.attributes.getAllAttributes())) {
    if (value === undefined || name === 'id' || name.startsWith('data-') || name === 'class' || name === 'style') continue
    let written = String(value)
    if (name === 'mathvariant' && written.startsWith('-')) {
      if (!(written in VARIANTS)) continue
      written = VARIANTS[written] as string
    }
    properties[name] = written
  }
  const tagName = node.isKind('TeXAtom') ? 'mrow' : node.kind
  if (tagName === 'mtable') alignColumns(properties, children)
  // A token's letters in their mathematical alphabet: Chromium draws no other `mathvariant` than normal.
  const variant = properties.mathvariant
  if (typeof variant === 'string' && (tagName === 'mi' || tagName === 'mn') && children.length === 1 && children[0]!.type === 'text') {
    const mapped = inMathAlphabet(children[0]!.value, variant)
    if (mapped !== undefined) {
      delete properties.mathvariant
      return [{ type: 'element', tagName, properties, children: [text(mapped)] }]
    }
  }
  return [{ type: 'element', tagName, properties, children }]
}

/**
 * A table's `columnalign` and `columnspacing` (aligned equations: `right left`, no gap between the
 * two) on each cell, for browsers whose MathML reads neither from the table (Chromium's MathML Core):
 * `columnalign` on the cell (MathML's own attribute, which the style sheet follows) and a class for a
 * side without a gap.
 */
function alignColumns(table: Properties, rows: ElementContent[]): void {
  const aligns = String(table.columnalign ?? '')
    .split(/\s+/)
    .filter(Boolean)
  const gaps = String(table.columnspacing ?? '')
    .split(/\s+/)
    .filter(Boolean)
  const at = (list: string[], index: number) => list[Math.min(index, list.length - 1)]
  const gapless = (index: number) => gaps.length > 0 && Number.parseFloat(at(gaps, index) ?? '') === 0
  for (const row of rows) {
    if (row.type !== 'element' || (row.tagName !== 'mtr' && row.tagName !== 'mlabeledtr')) continue
    // A labelled row's first cell is its label, not a column.
    const cells = row.children
      .filter((cell): cell is Element => cell.type === 'element' && cell.tagName === 'mtd')
      .slice(row.tagName === 'mlabeledtr' ? 1 : 0)
    for (const [index, cell] of cells.entries()) {
      const align = cell.properties.columnalign ?? at(aligns, index)
      if (align === 'left' || align === 'right') cell.properties.columnalign = align
      const classes = [
        ...(index > 0 && gapless(index - 1) ? ['math-gapless-start'] : []),
        ...(index < cells.length - 1 && gapless(index) ? ['math-gapless-end'] : [])
      ]
      if (classes.length > 0) cell.properties.className = classes
    }
  }
}

function text(value: string): { type: 'text'; value: string } {
  return { type: 'text', value }
}

/**
 * `$5 and $6` is prices, not math: as pandoc and GitHub read dollars, a `$` formula may not start or
 * end with a space, nor its closing `$` stand right before a digit. Such a span goes back to its text.
 */
function dollarsAroundText(file: VFile, node: Element): boolean {
  const source = written(file, node)
  if (!/^\$[^$`]/.test(source)) return false
  const after = String(file.value).charAt(node.position?.end.offset ?? 0)
  return /^\$\s|\s\$$/.test(source) || /[0-9]/.test(after)
}

/** The Markdown an element was read from. */
function written(file: VFile, node: Element): string {
  const { start, end } = node.position ?? {}
  return start?.offset === undefined || end?.offset === undefined ? '' : String(file.value).slice(start.offset, end.offset)
}

function alone(parent: Element, node: Element): boolean {
  return parent.children.every((child) => child === node || (child.type === 'text' && child.value.trim() === ''))
}

function writtenWith(file: VFile, node: Element, opening: string): boolean {
  const offset = node.position?.start.offset
  return offset !== undefined && String(file.value).startsWith(opening, offset)
}

function classesOf(node: Element): string[] {
  return Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
}
