import type { Element } from 'hast'
import { toString } from 'hast-util-to-string'
import { h } from 'hastscript'
import type { Article } from '../../article/article.js'
import { contentsList } from '../html/content.js'
import { CHAPTER_HREF } from './xhtml.js'

/** One entry of the book's table of contents, shared by the nav document and the NCX. */
export interface TocEntry {
  label: string
  href: string
  children: TocEntry[]
}

/**
 * The contents as the HTML renderer nests them (`contentsList`), under one entry for the article itself,
 * with links pointing into the chapter file. Headings without text are left out: a nav entry needs a label.
 */
export function tableOfContents(article: Article): TocEntry[] {
  const headings = article.headings.filter((heading) => heading.text !== '')
  const nested = headings.length > 0 ? entries(contentsList(headings)) : []
  return [{ label: article.meta.title, href: CHAPTER_HREF, children: nested }]
}

function entries(list: Element): TocEntry[] {
  const result: TocEntry[] = []
  for (const item of list.children) {
    if (item.type !== 'element' || item.tagName !== 'li') continue
    const link = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'a')
    const sublist = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol')
    if (!link) continue
    result.push({ label: toString(link), href: CHAPTER_HREF + String(link.properties.href), children: sublist ? entries(sublist) : [] })
  }
  return result
}

/** The entries as nested `ol`s of links, as the EPUB nav document requires. */
export function tocList(toc: TocEntry[]): Element {
  return h(
    'ol',
    toc.map((entry) =>
      h('li', [h('a', { href: entry.href }, entry.label), entry.children.length > 0 ? tocList(entry.children) : undefined])
    )
  )
}

export function tocDepth(toc: TocEntry[]): number {
  return toc.reduce((depth, entry) => Math.max(depth, 1 + tocDepth(entry.children)), 0)
}
