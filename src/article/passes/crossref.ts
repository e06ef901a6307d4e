import type { Element, ElementContent, Root, Text } from 'hast'
import type { Point } from 'unist'
import { SKIP, visitParents } from 'unist-util-visit-parents'
import type { VFile } from 'vfile'
import { crossrefName, UNKNOWN_NUMBER, type CrossrefKind } from '../../common/crossref-labels.js'

// pandoc-crossref's syntax, as GitHub shows it when it does not know it: `{#fig:id}` after an image
// alone in its paragraph, `: Caption {#tbl:id}` (or `Table: …`) beside a table, `[@fig:id]` in text.
const LABEL = String.raw`(?:fig|tbl):[\p{L}\p{N}_.:-]+`
const LABEL_AT_END = new RegExp(String.raw`\{#(${LABEL})\}\s*$`, 'u')
const FIGURE_LABEL = new RegExp(String.raw`^\s*\{#(${LABEL})\}\s*$`, 'u')
const CAPTION_START = /^\s*(?:Table)?:\s*/
const REFERENCE = new RegExp(String.raw`\[@(${LABEL})\]`, 'gu')

/** The class of the "Figure 3" at the start of a caption; the book numbers its chapters' anew (render/book.ts). */
export const CAPTION_LABEL_CLASS = 'crossref-label'
/** The class of a reference (`[@fig:id]`): a link to the figure or table, or a stand-in for an unknown one. */
export const REFERENCE_CLASS = 'crossref'
export const UNKNOWN_REFERENCE_CLASS = 'crossref-unknown'

export const kindOf = (label: string): CrossrefKind => label.slice(0, 3) as CrossrefKind

/** A figure or table label found, in document order, and the element its caption's name goes in. */
interface Labelled {
  label: string
  name: Element
}

/**
 * Numbered figures and tables, and references that print their number, from pandoc-crossref's
 * syntax. An image alone in its paragraph and followed by `{#fig:id}` becomes a `figure` with that
 * id, captioned "Figure 1: " and the image's title, else its alt text; a paragraph
 * `: Caption {#tbl:id}` just before or after a table becomes that table's caption, "Table 1: Caption",
 * and gives it the id. Figures and tables are numbered apart, in order. `[@fig:id]` becomes a link
 * reading "Figure 1"; one whose label no figure or table has reads "Figure ??", with a warning (in a
 * book, render/book.ts looks for it in the other chapters). A label that captions nothing stays as
 * written, with a warning. A plain link to `#fig:id` works as any link to an id.
 */
export function crossReferences(tree: Root, file: VFile, lang: string, chapter = false): void {
  const labelled = captions(tree, file)
  const numbers = new Map<string, string>()
  const counters: Record<CrossrefKind, number> = { fig: 0, tbl: 0 }
  for (const { label, name } of labelled) {
    const kind = kindOf(label)
    counters[kind] += 1
    const number = String(counters[kind])
    name.children = [{ type: 'text', value: crossrefName(kind, number, lang) }]
    if (numbers.has(label))
      file.message(`Label \`${label}\` is given twice: references go to the first`, {
        place: name.position,
        ruleId: 'crossref-label',
        source: 'quire'
      })
    else numbers.set(label, number)
  }
  references(tree, file, lang, numbers, chapter)
}

/** Make the figures and table captions the labels ask for; returns them in document order. */
function captions(tree: Root, file: VFile): Labelled[] {
  const found: { paragraph: Element; parent: Root | Element; label: string }[] = []
  visitParents(tree, 'element', (node, ancestors) => {
    if (node.tagName === 'pre' || node.tagName === 'code') return SKIP
    if (node.tagName !== 'p') return
    const last = node.children.at(-1)
    const match = last?.type === 'text' ? LABEL_AT_END.exec(last.value) : null
    if (match) found.push({ paragraph: node, parent: ancestors.at(-1) as Root | Element, label: match[1]! })
    return SKIP
  })
  const labelled: Labelled[] = []
  for (const { paragraph, parent, label } of found) {
    const name = kindOf(label) === 'fig' ? figure(paragraph, parent, label) : tableCaption(paragraph, parent, label)
    if (name) {
      labelled.push({ label, name })
      continue
    }
    const where =
      kindOf(label) === 'fig' ? 'follows no image alone in its paragraph' : 'is on no caption (`: Caption {#tbl:…}`) beside a table'
    file.message(`Label \`{#${label}}\` ${where}: kept as written`, {
      place: labelPlace(paragraph),
      ruleId: 'crossref-label',
      source: 'quire'
    })
  }
  return labelled
}

/** An image alone in its paragraph (or alone in a link there) with its label: the paragraph becomes a figure. */
function figure(paragraph: Element, parent: Root | Element, label: string): Element | undefined {
  const parts = paragraph.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  const [picture, text] = parts
  if (parts.length !== 2 || text?.type !== 'text' || !FIGURE_LABEL.test(text.value)) return undefined
  const image = imageOf(picture)
  if (!image) return undefined
  // The title names the picture for everyone, where the alt text describes it for those who cannot see it.
  const title = typeof image.properties.title === 'string' ? image.properties.title.trim() : ''
  const caption = title || (typeof image.properties.alt === 'string' ? image.properties.alt.trim() : '')
  if (title) delete image.properties.title
  const name = labelName(label, labelPlace(paragraph))
  const figure: Element = {
    type: 'element',
    tagName: 'figure',
    properties: { id: label },
    children: [
      picture as Element,
      {
        type: 'element',
        tagName: 'figcaption',
        properties: {},
        children: caption === '' ? [name] : [name, { type: 'text', value: `: ${caption}` }]
      }
    ],
    ...(paragraph.position ? { position: paragraph.position } : {})
  }
  parent.children[parent.children.indexOf(paragraph)] = figure
  return name
}

/** The image of a figure: an `img`, or an `a` holding only one. */
function imageOf(node: ElementContent | undefined): Element | undefined {
  if (node?.type !== 'element') return undefined
  if (node.tagName === 'img') return node
  if (node.tagName !== 'a') return undefined
  const inner = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  return inner.length === 1 && inner[0]?.type === 'element' && inner[0].tagName === 'img' ? inner[0] : undefined
}

/** `: Caption {#tbl:id}` just before or after a table without a caption: the table's caption. */
function tableCaption(paragraph: Element, parent: Root | Element, label: string): Element | undefined {
  const first = paragraph.children[0]
  if (first?.type !== 'text' || !CAPTION_START.test(first.value)) return undefined
  const siblings = parent.children
  const at = siblings.indexOf(paragraph)
  const neighbour = (step: number) => {
    for (let index = at + step; index >= 0 && index < siblings.length; index += step) {
      const sibling = siblings[index]!
      if (sibling.type === 'text' && sibling.value.trim() === '') continue
      return sibling.type === 'element' && sibling.tagName === 'table' && !sibling.children.some(isCaption) ? sibling : undefined
    }
    return undefined
  }
  const table = neighbour(-1) ?? neighbour(1)
  if (!table) return undefined
  const name = labelName(label, labelPlace(paragraph))
  const children = [...paragraph.children]
  const last = children.at(-1) as Text
  children[children.length - 1] = { ...last, value: last.value.replace(LABEL_AT_END, '').trimEnd() }
  const start = children[0] as Text
  children[0] = { ...start, value: start.value.replace(CAPTION_START, '') }
  const words = children.filter((child) => child.type !== 'text' || child.value !== '')
  table.properties.id = label
  table.children.unshift({
    type: 'element',
    tagName: 'caption',
    properties: {},
    children: words.length === 0 ? [name] : [name, { type: 'text', value: ': ' }, ...words],
    ...(paragraph.position ? { position: paragraph.position } : {})
  })
  // The paragraph goes with the line break after it, so no blank line is left in its place.
  const after = siblings[at + 1]
  siblings.splice(at, after?.type === 'text' && after.value.trim() === '' ? 2 : 1)
  return name
}

const isCaption = (node: ElementContent) => node.type === 'element' && node.tagName === 'caption'

/** The element a caption's "Figure 3" goes in; the book finds it by its class and label. */
function labelName(label: string, place: Point | undefined): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { className: [CAPTION_LABEL_CLASS], dataCrossref: label },
    children: [],
    ...(place ? { position: { start: place, end: place } } : {})
  }
}

/**
 * Each `[@fig:id]` in text as a link reading "Figure 3", or "Figure ??" with a warning; in a chapter
 * of a book, with an info instead: another chapter may have the label, and the book warns if none has.
 */
function references(tree: Root, file: VFile, lang: string, numbers: ReadonlyMap<string, string>, chapter: boolean): void {
  const texts: { node: Text; parent: Element | Root; linked: boolean }[] = []
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'element' && (node.tagName === 'pre' || node.tagName === 'code')) return SKIP
    if (node.type === 'text' && node.value.includes('[@'))
      texts.push({
        node,
        parent: ancestors.at(-1) as Element | Root,
        linked: ancestors.some((ancestor) => ancestor.type === 'element' && ancestor.tagName === 'a')
      })
  })
  for (const { node, parent, linked } of texts) {
    const parts: ElementContent[] = []
    let from = 0
    for (const match of node.value.matchAll(REFERENCE)) {
      if (match.index > from) parts.push({ type: 'text', value: node.value.slice(from, match.index) })
      const label = match[1]!
      const number = numbers.get(label)
      const place = pointIn(node, match.index)
      if (number === undefined) {
        const stands = `“${crossrefName(kindOf(label), UNKNOWN_NUMBER, lang)}” stands in`
        const message = file.message(
          chapter
            ? `Reference \`[@${label}]\` names no figure or table of this chapter: its book numbers it; here ${stands}`
            : `Reference \`[@${label}]\` names no figure or table of this article: ${stands}`,
          { place, ruleId: 'crossref', source: 'quire' }
        )
        if (chapter) message.fatal = undefined
      }
      parts.push(reference(label, number, lang, linked, place))
      from = match.index + match[0].length
    }
    if (parts.length === 0) continue
    if (from < node.value.length) parts.push({ type: 'text', value: node.value.slice(from) })
    parent.children.splice(parent.children.indexOf(node as never), 1, ...(parts as never[]))
  }
}

/**
 * A reference as the tree holds it: a link to the label's id (a `span` inside another link, or when
 * no figure has the label), reading "Figure 3" or "Figure ??"; `dataCrossref` keeps the label.
 */
export function reference(label: string, number: string | undefined, lang: string, linked: boolean, place?: Point): Element {
  const text = crossrefName(kindOf(label), number ?? UNKNOWN_NUMBER, lang)
  const position = place ? { position: { start: place, end: place } } : {}
  if (number === undefined)
    return {
      type: 'element',
      tagName: 'span',
      properties: { className: [REFERENCE_CLASS, UNKNOWN_REFERENCE_CLASS], dataCrossref: label },
      children: [{ type: 'text', value: text }],
      ...position
    }
  return {
    type: 'element',
    tagName: linked ? 'span' : 'a',
    properties: { ...(linked ? {} : { href: `#${label}` }), className: [REFERENCE_CLASS], dataCrossref: label },
    children: [{ type: 'text', value: text }],
    ...position
  }
}

/** Where the character at `offset` of a text node is in the source. */
function pointIn(node: Text, offset: number): Point | undefined {
  const start = node.position?.start
  if (!start) return undefined
  const before = node.value.slice(0, offset).split('\n')
  return { line: start.line + before.length - 1, column: before.length === 1 ? start.column + offset : before.at(-1)!.length + 1 }
}

/** Where a paragraph's label is written: its last text. */
function labelPlace(paragraph: Element): Point | undefined {
  const last = paragraph.children.at(-1)
  if (last?.type !== 'text') return paragraph.position?.start
  const match = LABEL_AT_END.exec(last.value)
  return match ? pointIn(last, match.index) : last.position?.start
}
