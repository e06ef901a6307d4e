import type { Element } from 'xast'
import { x } from 'xastscript'
import type { Article } from '../../article/article.js'
import { tocDepth, type TocEntry } from './toc.js'
import { NS, xmlDocument } from './xml.js'

export const NCX_HREF = 'toc.ncx'

/** The EPUB 2 table of contents, for reading systems that predate the nav document. */
export function ncxDocument(article: Article, identifier: string, toc: TocEntry[]): string {
  let order = 0
  let ids = 0
  // Entries that go to the same place (a book's part and its first chapter) share a playOrder, as the NCX requires.
  const orders = new Map<string, number>()
  const point = (entry: TocEntry): Element => {
    ids += 1
    if (!orders.has(entry.href)) orders.set(entry.href, (order += 1))
    return x('navPoint', { id: `navpoint-${ids}`, playOrder: String(orders.get(entry.href)) }, [
      x('navLabel', [x('text', entry.label)]),
      x('content', { src: entry.href }),
      ...entry.children.map(point)
    ])
  }
  const { meta } = article
  return xmlDocument(
    x('ncx', { xmlns: NS.ncx, version: '2005-1', 'xml:lang': meta.lang }, [
      x('head', [
        x('meta', { name: 'dtb:uid', content: identifier }),
        x('meta', { name: 'dtb:depth', content: String(tocDepth(toc)) }),
        x('meta', { name: 'dtb:totalPageCount', content: '0' }),
        x('meta', { name: 'dtb:maxPageNumber', content: '0' })
      ]),
      x('docTitle', [x('text', meta.title)]),
      ...meta.authors.map((author) => x('docAuthor', [x('text', author)])),
      x('navMap', toc.map(point))
    ])
  )
}
