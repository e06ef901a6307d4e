import type { Element, ElementContent, Root, RootContent } from 'hast'
import { h } from 'hastscript'
import { toString } from 'hast-util-to-string'
import rehypeAutolinkHeadings from 'rehype-autolink-headings'
import { unified } from 'unified'
import { headingRank } from 'hast-util-heading-rank'
import { SKIP, visit } from 'unist-util-visit'
import { visitParents } from 'unist-util-visit-parents'
import type { Article, Asset, HeadingEntry } from '../../article/article.js'
import { formatDate } from '../../common/dates.js'
import { labelsFor } from '../../common/i18n.js'
import { standInText } from '../../article/passes/images.js'
import { wrappableFormula } from './math.js'

// Each heading links to itself, so a reader can copy a link to any section; no extra text or icon.
// Not the hidden footnotes label, nor a heading that holds a link or is inside one (links cannot nest).
const linkHeadings = (body: Root) => {
  const linked = new Set<Element>()
  visitParents(body, 'element', (node, ancestors) => {
    if (
      headingRank(node) &&
      (ancestors.some((ancestor) => ancestor.type === 'element' && ancestor.tagName === 'a') ||
        JSON.stringify(node.children).includes('"tagName":"a"'))
    )
      linked.add(node)
  })
  unified()
    .use(rehypeAutolinkHeadings, {
      behavior: 'wrap',
      properties: { className: ['heading-link'] },
      test: (element) => !String(element.properties.className ?? '').includes('sr-only') && !linked.has(element)
    })
    .runSync(body)
}

export interface ContentOptions {
  /** Where a local image is found from the document: a data URI (HTML) or a path in the package (EPUB). */
  imageSrc: (asset: Asset) => string
  /** Extra work on the cloned body before it is wrapped (EPUB adds epub:type). */
  adjust?: (body: Root) => void
  /**
   * Where a link to another article of the build goes (its output path and fragment, see
   * transforms/links.ts); undefined leaves the link as written, for `adjust` to deal with.
   */
  articleHref: (target: string, fragment: string | undefined, node: Element) => string | undefined
}

/**
 * The article as hast, shared by the HTML page and the EPUB chapter: a header with title, subtitle,
 * byline and date, an optional contents nav, then the body. The Article's tree is cloned, never changed.
 */
export function articleContent(article: Article, options: ContentOptions): Element {
  const { meta } = article
  const labels = labelsFor(meta.lang)
  const body = copyTree(article.tree)
  visit(body, 'element', (node, index, parent) => {
    if (node.tagName === 'a') {
      const href =
        typeof node.properties.dataArticle === 'string'
          ? options.articleHref(node.properties.dataArticle, node.properties.dataFragment as string | undefined, node)
          : undefined
      if (href !== undefined) {
        node.properties.href = href
        delete node.properties.dataArticle
        delete node.properties.dataFragment
      }
      nameImageLinks(node)
    }
    if (node.tagName === 'li' && String(node.properties.className ?? '').includes('task-list-item')) labelCheckbox(node)
    if (node.tagName === 'math') {
      wrappableFormula(node)
      return SKIP
    }
    // A picture's image that could not be used stands in for the whole picture (its sources too).
    const unavailable =
      node.tagName === 'picture'
        ? node.children.find(
            (child): child is Element => child.type === 'element' && child.tagName === 'img' && Boolean(child.properties.dataUnavailable)
          )
        : node.tagName === 'img' && node.properties.dataUnavailable
          ? node
          : undefined
    if (unavailable && parent && index !== undefined) {
      parent.children[index] = imageStandIn(unavailable, labels.photo)
      return SKIP
    }
    if (node.tagName !== 'img') return
    const name = node.properties.dataAsset
    const asset = typeof name === 'string' ? article.assets.get(name) : undefined
    delete node.properties.dataAsset
    delete node.properties.dataRemote
    // An image the writer left undescribed (a warning at parse time) must still carry alt to be valid.
    if (node.properties.alt === undefined) node.properties.alt = ''
    if (asset) node.properties.src = options.imageSrc(asset)
  })
  linkHeadings(body)
  options.adjust?.(body)

  const byline: ElementContent[] = []
  if (meta.authors.length > 0) byline.push(h('span.author', `${labels.by} ${joinNames(meta.authors, meta.lang)}`))
  if (meta.date) {
    if (byline.length > 0) byline.push({ type: 'text', value: ' · ' })
    byline.push(h('time', { dateTime: meta.date }, formatDate(meta.date, meta.lang)))
  }

  return h('article', { ariaLabelledBy: 'article-title' }, [
    h('header.article-header', [
      h('h1#article-title', meta.title),
      meta.subtitle ? h('p.subtitle', meta.subtitle) : undefined,
      byline.length > 0 ? h('p.byline', byline) : undefined,
      meta.publisher ? h('p.publisher', meta.publisher) : undefined
    ]),
    meta.toc && article.headings.length > 0 ? contentsNav(article.headings, labels.contents) : undefined,
    h('div.article-body', body.children as ElementContent[])
  ])
}

/**
 * What stands in for a local image Quire could not use (missing, outside the content folder,
 * unsupported): "Image: " and its alt text, else its file name, in a frame the stylesheet draws.
 */
function imageStandIn(image: Element, label: string): Element {
  return h('span.image-unavailable', `${label}: ${standInText(image)}`)
}

/**
 * A copy of a hast tree to change for one render: structuredClone took ten times as long (~0.45 ms
 * for a 5 KB article, twice per article), copying every source position too. Positions are shared
 * with the article's tree (messages point at them; nothing changes them).
 */
function copyTree<T extends Root | RootContent>(node: T): T {
  const copy: Record<string, unknown> = { type: node.type }
  if ('tagName' in node) copy.tagName = node.tagName
  if ('properties' in node) {
    const properties: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(node.properties)) properties[key] = Array.isArray(value) ? [...value] : value
    copy.properties = properties
  }
  if ('value' in node) copy.value = node.value
  if ('name' in node) copy.name = node.name
  if ('children' in node) copy.children = node.children.map((child) => copyTree(child))
  if ('content' in node && node.content) copy.content = copyTree(node.content as Root)
  if (node.data !== undefined) copy.data = structuredClone(node.data)
  if (node.position !== undefined) copy.position = node.position
  return copy as T
}

/**
 * A link whose only content is an image is named by the image's alt text; when the writer gave none,
 * the link is named by its address so it can still be announced. An image whose alt merely repeats the
 * link's own text is decorative there.
 */
function nameImageLinks(link: Element): void {
  const images = link.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'img')
  if (images.length === 0) return
  const text = toString({ ...link, children: link.children.filter((child) => !images.includes(child as Element)) }).trim()
  for (const image of images) {
    const alt = typeof image.properties.alt === 'string' ? image.properties.alt.trim() : ''
    if (text !== '' && alt === text) image.properties.alt = ''
  }
  if (text === '' && images.every((image) => !String(image.properties.alt ?? '').trim()) && typeof link.properties.href === 'string') {
    link.properties.ariaLabel = link.properties.href
  }
}

/** "A, B and C" in the article's language. */
/** A task list's check box is named by its item's words, so a screen reader says what is done. */
function labelCheckbox(item: Element): void {
  const box =
    item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'input') ??
    item.children
      .flatMap((child) => (child.type === 'element' && child.tagName === 'p' ? child.children : []))
      .find((child): child is Element => child.type === 'element' && child.tagName === 'input')
  if (!box || box.properties.ariaLabel) return
  const words = toString({
    ...item,
    children: item.children.filter((child) => !(child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')))
  })
    .trim()
    .replace(/\s+/g, ' ')
  if (words) box.properties.ariaLabel = words.length > 120 ? `${words.slice(0, 117)}…` : words
}

export function joinNames(names: string[], lang = 'en'): string {
  // One name is itself in every language; the list formatter's first use loads locale data (~15 ms).
  if (names.length < 2) return names[0] ?? ''
  let format = listFormats.get(lang)
  if (!format) listFormats.set(lang, (format = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' })))
  return format.format(names)
}

const listFormats = new Map<string, Intl.ListFormat>()

/** Headings nested into lists by depth, the way a reader scans a contents page. */
export function contentsNav(headings: HeadingEntry[], label: string): Element {
  return h('nav.toc', { ariaLabelledBy: 'toc-label' }, [h('h2#toc-label', label), contentsList(headings)])
}

export function contentsList(headings: HeadingEntry[]): Element {
  const root = h('ol')
  const stack: { depth: number; list: Element }[] = [{ depth: 0, list: root }]
  for (const heading of headings) {
    while (stack.length > 1 && heading.depth <= stack.at(-1)!.depth) stack.pop()
    const parent = stack.at(-1)!
    const item = h('li', [h('a', { href: `#${heading.id}` }, heading.text)])
    parent.list.children.push(item)
    const nested = h('ol')
    item.children.push(nested)
    stack.push({ depth: heading.depth, list: nested })
  }
  visit(root, 'element', (node, index, parent) => {
    if (node.tagName === 'ol' && node.children.length === 0 && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return index
    }
  })
  return root
}
