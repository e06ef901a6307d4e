import type { Element, Parents, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { Article } from '../../article/article.js'
import { rewrite, type Rewritten } from './rewrite.js'

export interface SemanticsState {
  article: Article
  /** `src` values of the images packaged in the book, and the other content documents a link may go to. */
  packaged: ReadonlySet<string>
}

type Handler = (node: Element, ancestors: Parents[], state: SemanticsState) => Rewritten

// Every element the EPUB treats differently from the HTML page, by tag name; all others pass unchanged.
const handlers: Record<string, Handler> = { a: link, section, input, picture, source, img: image }

/** EPUB-only changes to the cloned body, before the HTML renderer wraps it (its `adjust` hook). */
export function epubSemantics(body: Root, state: SemanticsState): void {
  rewrite(body, [], (node, ancestors) => {
    const handler = handlers[node.tagName]
    return handler ? handler(node, ancestors, state) : node
  })
}

/**
 * Note references and back links get their DPUB roles; links EPUB cannot follow keep only their
 * content, without a wrapper (a raw `<a>` left open may hold whole blocks).
 */
function link(node: Element, _: Parents[], { article, packaged }: SemanticsState): Rewritten {
  const { properties } = node
  if (properties.dataFootnoteRef !== undefined) {
    properties['epub:type'] = 'noteref'
    properties.role = 'doc-noteref'
  } else if (properties.dataFootnoteBackref !== undefined) {
    properties.role = 'doc-backlink'
  } else if ([properties.className].flat().includes('heading-link')) {
    // A heading that links to itself helps share a web page; in a book it is only a link to where the reader is.
    return node.children
  } else if (properties.href !== undefined && toString(node).trim() === '' && !hasImage(node)) {
    // A link with nothing to read (raw HTML around a GFM autolink leaves one) has no name (axe `link-name`).
    return properties.id === undefined ? undefined : h('span', { id: properties.id })
  } else if (properties.dataArticle !== undefined) {
    report(
      article,
      'epub-link',
      `Link to \`${String(properties.href)}\`, another article of the build, kept as text in the EPUB: a book can only link files inside it (with a base URL, it links where the article is published)`,
      node
    )
    return node.children
  } else if (
    typeof properties.href === 'string' &&
    !properties.href.startsWith('#') &&
    !/^[a-z][a-z0-9+.-]*:/i.test(properties.href) &&
    !packaged.has(properties.href.split('#')[0]!)
  ) {
    report(article, 'epub-link', `Link to \`${properties.href}\` kept as text in the EPUB: only files inside the book can be linked`, node)
    return node.children
  }
  return node
}

function hasImage(node: Element): boolean {
  let found = false
  visit(node, 'element', (child) => {
    if (child.tagName === 'img') found = true
  })
  return found
}

/**
 * GFM notes are gathered at the end of the article: DPUB-ARIA 1.1 endnotes, a section of plain list items.
 * Not epub:type="footnote" on the items: Ace wants the matching role, doc-footnote is not allowed on `li`
 * and doc-endnote is deprecated; an `aside` per note would be hidden from the list by Apple Books and Readium.
 */
function section(node: Element): Rewritten {
  if (node.properties.dataFootnotes !== undefined) {
    node.properties['epub:type'] = 'endnotes'
    node.properties.role = 'doc-endnotes'
  }
  return node
}

/**
 * A check box needs an accessible name (axe `label`, critical). In a task list it is the item's own words;
 * anywhere else raw HTML left a control a book cannot use, so it becomes the character it shows (☑ or ☐).
 */
function input(node: Element, ancestors: Parents[]): Rewritten {
  if (node.properties.type !== 'checkbox' || node.properties.ariaLabel !== undefined) return node
  const item = ancestors.findLast((parent): parent is Element => parent.type === 'element' && parent.tagName === 'li')
  if (!item) return { type: 'text', value: node.properties.checked ? '\u2611' : '\u2610' }
  const own = item.children.filter((child) => !(child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')))
  node.properties.ariaLabel = toString({ type: 'element', tagName: 'span', properties: {}, children: own }).replace(/\s+/g, ' ').trim()
  return node
}

/** Its `source`s offer other (remote) files; the `img` inside is the one the EPUB can keep. */
function picture(node: Element): Rewritten {
  return node.children
}

function source(): Rewritten {
  return undefined
}

/**
 * EPUB may not load remote resources: a remote image becomes a link to it, labelled with its alt text
 * (plain text inside another link, as links cannot nest). An image with no usable source keeps its alt text.
 * Without alt text, inside a link with no text of its own (a sponsor's avatar), it shows where that
 * link goes, as the PDF does.
 */
function image(node: Element, ancestors: Parents[], { article, packaged }: SemanticsState): Rewritten {
  const src = typeof node.properties.src === 'string' ? node.properties.src : ''
  if (packaged.has(src)) return node
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : ''
  const remote = /^https?:/i.test(src)
  if (remote)
    report(article, 'epub-remote-image', `Remote image \`${src}\` replaced by a link in the EPUB, which cannot load remote resources`, node)
  const link = ancestors.findLast((parent): parent is Element => parent.type === 'element' && parent.tagName === 'a')
  const href = link && typeof link.properties.href === 'string' && toString(link).trim() === '' ? link.properties.href : ''
  const label = alt || href || src
  if (!label) return undefined
  const stand = remote && !link ? h('a.remote-image', { href: src }, label) : h('span.remote-image', label)
  // Stand-ins of images written side by side (a row of badges) stay apart, as the images would.
  const holder = link ?? node
  const siblings = (link ? ancestors[ancestors.lastIndexOf(link) - 1] : ancestors.at(-1))?.children ?? []
  const next = siblings[siblings.indexOf(holder) + 1]
  const apart = next?.type === 'element' && (next.tagName === 'img' || (next.tagName === 'a' && hasImage(next)))
  return apart ? [stand, { type: 'text', value: ' ' }] : stand
}

/** A link to an id that no element has is an error in EPUB (RSC-012): keep its text, drop the link. */
export function dropBrokenFragments(content: Element, article: Article): void {
  const ids = new Set<string>()
  visit(content, 'element', (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
  })
  rewrite(content, [], (node) => {
    const href = node.properties.href
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#') || ids.has(decodeFragment(href.slice(1)))) return node
    report(article, 'epub-link', `Link to \`${href}\` kept as text in the EPUB: no element has that id`, node)
    return node.children
  })
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

/** A positioned message on the article, once however often the book is rendered; a replaced remote image is only info. */
function report(article: Article, ruleId: 'epub-link' | 'epub-remote-image', reason: string, node: Element): void {
  const { file } = article
  const start = node.position?.start
  if (file.messages.some((message) => message.reason === reason && message.line === start?.line && message.column === start?.column)) return
  const options = { place: node.position, ruleId, source: 'quire' }
  // What a book cannot hold is said, not warned about: the web page and the PDF keep it.
  file.info(reason, options)
}
