import type { Element, ElementContent, Parents, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { Article, Asset } from '../../article.js'
import { articleContent } from '../html/content.js'
import { xhtmlPage } from './page.js'

export const CHAPTER_HREF = 'article.xhtml'
export const CSS_HREF = 'css/style.css'
export const IMAGE_FOLDER = 'images/'

/** What the package document must know about one image in the reading order. */
export interface ImageFact {
  alt: string
  mediaType: Asset['mediaType']
}

export interface Chapter {
  xhtml: string
  images: ImageFact[]
  /** Whether the article has GFM footnotes (linked both ways). */
  notes: boolean
}

/**
 * The article as one XHTML content document: the HTML renderer's `<article>` with EPUB semantics added
 * (note references, notes, back links) and what EPUB forbids taken out (remote images, links to files
 * that are not in the package, fragment links to ids that do not exist).
 */
export function chapterDocument(article: Article): Chapter {
  const byHref = new Map([...article.assets.values()].map((asset) => [IMAGE_FOLDER + asset.name, asset.mediaType]))
  const content = articleContent(article, { imageSrc: (asset) => IMAGE_FOLDER + asset.name, adjust: (body) => adjust(body, article, byHref) })
  dropBrokenFragments(content, article)

  const images: ImageFact[] = []
  let notes = false
  visit(content, 'element', (node) => {
    if (node.tagName === 'img') images.push({ alt: typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '', mediaType: byHref.get(String(node.properties.src))! })
    if (node.properties.dataFootnotes !== undefined) notes = true
  })

  const { meta } = article
  const xhtml = xhtmlPage({ title: meta.title, lang: meta.lang, dir: meta.dir, css: CSS_HREF, body: [h('main', [content])] })
  return { xhtml, images, notes }
}

/** EPUB-only changes to the cloned body, before the HTML renderer wraps it. */
function adjust(body: Root, article: Article, packaged: Map<string, unknown>): void {
  rewrite(body, [], (node, ancestors) => {
    const { properties } = node
    if (node.tagName === 'a' && properties.dataFootnoteRef !== undefined) {
      properties['epub:type'] = 'noteref'
      properties.role = 'doc-noteref'
    } else if (node.tagName === 'a' && properties.dataFootnoteBackref !== undefined) {
      properties.role = 'doc-backlink'
    } else if (node.tagName === 'section' && properties.dataFootnotes !== undefined) {
      // GFM notes are gathered at the end of the article: DPUB-ARIA 1.1 endnotes, a section of plain list items.
      // Not epub:type="footnote" on the items: Ace wants the matching role, and doc-footnote is not allowed
      // on `li` (doc-endnote is deprecated); an `aside` would be hidden from the list by Apple Books and Readium.
      properties['epub:type'] = 'endnotes'
      properties.role = 'doc-endnotes'
    } else if (node.tagName === 'input' && properties.type === 'checkbox' && properties.ariaLabel === undefined) {
      // A task list box needs an accessible name (axe `label`, critical): the item's own words.
      const item = ancestors.findLast((parent): parent is Element => parent.type === 'element' && parent.tagName === 'li')
      if (item) properties.ariaLabel = itemText(item)
    } else if (node.tagName === 'picture') {
      // Its `source`s offer other (remote) files; the `img` inside is the one the EPUB can keep.
      return node.children
    } else if (node.tagName === 'source') {
      return undefined
    } else if (node.tagName === 'img' && !packaged.has(String(properties.src))) {
      return unpackagedImage(node, ancestors, article)
    } else if (node.tagName === 'a' && [properties.className].flat().includes('heading-link')) {
      // A heading that links to itself helps share a web page; in a book it is only a link to where the reader is.
      return node.children
    } else if (node.tagName === 'a' && typeof properties.href === 'string' && isRelativeFile(properties.href)) {
      report(article, 'epub-link', `Link to \`${properties.href}\` kept as text in the EPUB: only files inside the book can be linked`, node)
      return unwrap(node)
    }
    return node
  })
}

/**
 * EPUB may not load remote resources: a remote image becomes a link to it, labelled with its alt text
 * (plain text inside another link, as links cannot nest). An image with no usable source keeps its alt text.
 */
function unpackagedImage(node: Element, ancestors: Parents[], article: Article): ElementContent | undefined {
  const src = typeof node.properties.src === 'string' ? node.properties.src : ''
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : ''
  const remote = /^https?:/i.test(src)
  const inLink = ancestors.some((parent) => parent.type === 'element' && parent.tagName === 'a')
  if (remote) report(article, 'epub-remote-image', `Remote image \`${src}\` replaced by a link in the EPUB, which cannot load remote resources`, node)
  const label = alt || src
  if (!label) return undefined
  if (remote && !inLink) return h('a.remote-image', { href: src }, label)
  return h('span.remote-image', label)
}

/** The words of a list item, without its nested lists. */
function itemText(item: Element): string {
  const own = item.children.filter((child) => !(child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')))
  return toString({ type: 'element', tagName: 'span', properties: {}, children: own }).replace(/\s+/g, ' ').trim()
}

/** A link that is neither a fragment nor a URL with a scheme points at a file the package does not hold. */
function isRelativeFile(href: string): boolean {
  return !href.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(href)
}

/** A link to an id that no element has is an error in EPUB (RSC-012): keep its text, drop the link. */
function dropBrokenFragments(content: Element, article: Article): void {
  const ids = new Set<string>()
  visit(content, 'element', (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
  })
  rewrite(content, [], (node) => {
    const href = node.properties.href
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || ids.has(decodeFragment(href.slice(1)))) return node
    report(article, 'epub-link', `Link to \`${href}\` kept as text in the EPUB: no element has that id`, node)
    return unwrap(node)
  })
}

/** A positioned message on the article, once however often the book is rendered; a replaced remote image is only info. */
function report(article: Article, ruleId: 'epub-link' | 'epub-remote-image', reason: string, node: Element): void {
  const { file } = article
  const start = node.position?.start
  if (file.messages.some((message) => message.reason === reason && message.line === start?.line && message.column === start?.column)) return
  const options = { place: node.position, ruleId, source: 'quire' }
  if (ruleId === 'epub-remote-image') file.info(reason, options)
  else file.message(reason, options)
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

function unwrap(node: Element): Element {
  return h('span', node.children)
}

/**
 * Depth-first rewrite of elements: `fn` returns the node itself (its children are visited next), what
 * replaces it (visited in turn, so `fn` must leave its own output alone), or nothing to remove it.
 */
function rewrite(parent: Parents, ancestors: Parents[], fn: (node: Element, ancestors: Parents[]) => ElementContent | ElementContent[] | undefined): void {
  const path = [...ancestors, parent]
  const queue = [...(parent.children as ElementContent[])]
  const children: ElementContent[] = []
  while (queue.length > 0) {
    const child = queue.shift()!
    if (child.type !== 'element') {
      children.push(child)
      continue
    }
    const result = fn(child, path)
    if (result === child) {
      rewrite(child, path, fn)
      children.push(child)
    } else if (result) {
      queue.unshift(...[result].flat())
    }
  }
  parent.children = children
}
