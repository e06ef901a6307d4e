import type { Element, ElementContent } from 'hast'
import { h } from 'hastscript'
import type { Asset } from '../../article/article.js'
import { formatDate } from '../../common/dates.js'
import { relativeHref } from '../../common/hrefs.js'
import { labelsFor } from '../../common/i18n.js'
import { bookAsArticle, chapterByOutput, chapterLink, idsOf, partsOf, type Book, type BookChapter } from '../book.js'
import type { RenderContext } from '../context.js'
import { articleContent, joinNames } from './content.js'
import { htmlPage } from './page.js'

/** One page of a book's site: its name inside the book's folder, and its bytes. */
export interface SitePage {
  name: string
  data: Buffer
}

/**
 * A book as a small static site in its own folder: `index.html`, the contents (parts, chapters and the
 * book's other files), and one self-contained page per chapter, as an article's page, with links to
 * the contents and the previous and next chapters. Links between chapters go to the other page.
 */
export function renderBookSite(book: Book, context: RenderContext): SitePage[] {
  const names = pageNames(book)
  const byOutput = chapterByOutput(book)
  const ids = new Map(book.chapters.map((chapter) => [chapter, new Set([...idsOf(chapter.article.tree), 'article-title'])]))
  const lang = book.meta.lang
  const pages: SitePage[] = [{ name: 'index.html', data: Buffer.from(contentsPage(book, names, context), 'utf8') }]
  book.chapters.forEach((chapter, index) => {
    const own = `${book.path}/${names.get(chapter)!.replace(/\.html$/, '')}`
    const content = articleContent(chapter.article, {
      imageSrc: dataUri,
      articleHref: (target, fragment, node) => {
        const inside = chapterLink(byOutput, ids, node, chapter)
        if (inside) {
          const href = encodeURIComponent(names.get(inside.chapter)!)
          return inside.fragment ? `${href}#${encodeURI(inside.fragment).replace(/#/g, '%23')}` : href
        }
        // Another article of the build: its own page, beside the book's folder.
        return relativeHref(own, target, 'html', fragment)
      }
    })
    const previous = book.chapters[index - 1]
    const next = book.chapters[index + 1]
    const link = (to: BookChapter, rel: 'prev' | 'next') =>
      h(
        'a',
        { href: encodeURIComponent(names.get(to)!), rel },
        rel === 'prev' ? `← ${to.article.meta.title}` : `${to.article.meta.title} →`
      )
    const navigation = (where: string) =>
      h(`nav.book-nav`, { ariaLabel: where === 'top' ? book.meta.title : `${book.meta.title}: ${chapter.article.meta.title}` }, [
        h('ul', [
          h('li', [h('a', { href: 'index.html' }, `${labelsFor(lang).contents}: ${book.meta.title}`)]),
          previous ? h('li', [link(previous, 'prev')]) : undefined,
          next ? h('li.next', [link(next, 'next')]) : undefined
        ])
      ])
    const html = htmlPage(
      chapter.article,
      content,
      { ...context, downloads: [] },
      { before: [navigation('top')], after: [navigation('bottom')] }
    )
    pages.push({ name: names.get(chapter)!, data: Buffer.from(html, 'utf8') })
  })
  pages.push({ name: ONE_PAGE, data: Buffer.from(onePage(book, context), 'utf8') })
  return pages
}

/** The whole book as one page, for print or search: `one-page.html` in the book's folder. */
export const ONE_PAGE = 'one-page.html'

/**
 * Every chapter in one page, after the book's header and contents. Each chapter's ids are prefixed
 * with its number (`c2-tables`), so they are unique in the page whatever the chapters call their
 * headings; links inside a chapter, and between chapters, go to the prefixed ids.
 */
function onePage(book: Book, context: RenderContext): string {
  const byOutput = chapterByOutput(book)
  const ids = new Map(book.chapters.map((chapter) => [chapter, new Set([...idsOf(chapter.article.tree), 'article-title'])]))
  const own = `${book.path}/${ONE_PAGE.replace(/\.html$/, '')}`
  const chapters = book.chapters.map((chapter) => {
    const resolved = new Set<Element>()
    const content = articleContent(chapter.article, {
      imageSrc: dataUri,
      articleHref: (target, fragment, node) => {
        resolved.add(node)
        const inside = chapterLink(byOutput, ids, node, chapter)
        if (inside) return `#${encodeURIComponent(`c${inside.chapter.number}-${inside.fragment ?? 'article-title'}`)}`
        return relativeHref(own, target, 'html', fragment)
      }
    })
    const prefix = `c${chapter.number}-`
    const walk = (node: Element) => {
      // Under the book's own h1, each chapter's headings go one level down (h6 stays h6).
      const rank = /^h([1-6])$/.exec(node.tagName)?.[1]
      if (rank) node.tagName = `h${Math.min(6, Number(rank) + 1)}`
      const properties = node.properties
      if (typeof properties.id === 'string' && properties.id !== '') properties.id = prefix + properties.id
      for (const key of ['ariaLabelledBy', 'ariaDescribedBy', 'htmlFor'] as const) {
        const value: unknown = properties[key]
        if (Array.isArray(value)) properties[key] = value.map((token) => prefix + String(token))
        else if (typeof value === 'string') properties[key] = value.split(/\s+/).map((token: string) => prefix + token)
      }
      if (typeof properties.href === 'string' && properties.href.startsWith('#') && properties.href.length > 1 && !resolved.has(node))
        properties.href = `#${prefix}${properties.href.slice(1)}`
      for (const child of node.children) if (child.type === 'element') walk(child)
    }
    walk(content)
    return content
  })
  const { meta } = book
  const labels = labelsFor(meta.lang)
  const chapterItem = (chapter: BookChapter): Element =>
    h('li', [h('a', { href: `#c${chapter.number}-article-title` }, chapter.article.meta.title)])
  const items: ElementContent[] = partsOf(book).flatMap((part) =>
    part.title === undefined
      ? part.chapters.map(chapterItem)
      : [h('li', [h('span.part', part.title), h('ol', part.chapters.map(chapterItem))])]
  )
  const content = h('div.book', [
    h('header.article-header', [
      h('h1#book-title', meta.title),
      meta.subtitle ? h('p.subtitle', meta.subtitle) : undefined,
      meta.authors.length > 0 ? h('p.byline', `${labels.by} ${joinNames(meta.authors, meta.lang)}`) : undefined
    ]),
    // Named apart from a chapter's own contents, which the page holds too.
    h('nav.toc', { ariaLabel: `${labels.contents}: ${meta.title}` }, [h('h2', labels.contents), h('ol', items)]),
    ...chapters
  ])
  return htmlPage(bookAsArticle(book), content, { ...context, downloads: [] })
}

/** Each chapter's page name: its slug, told apart from the contents page and from each other. */
export function pageNames(book: Book): Map<BookChapter, string> {
  const taken = new Set(['index', ONE_PAGE.replace(/\.html$/, '')])
  const names = new Map<BookChapter, string>()
  for (const chapter of book.chapters) {
    let name = chapter.article.slug
    for (let n = 1; taken.has(name); n += 1) name = `${chapter.article.slug}-${n}`
    taken.add(name)
    names.set(chapter, `${name}.html`)
  }
  return names
}

function contentsPage(book: Book, names: Map<BookChapter, string>, context: RenderContext): string {
  const front = bookAsArticle(book)
  const { meta } = book
  const labels = labelsFor(meta.lang)
  const chapterItem = (chapter: BookChapter): Element =>
    h('li', [h('a', { href: encodeURIComponent(names.get(chapter)!) }, chapter.article.meta.title)])
  const items: ElementContent[] = partsOf(book).flatMap((part) =>
    part.title === undefined
      ? part.chapters.map(chapterItem)
      : [h('li', [h('span.part', part.title), h('ol', part.chapters.map(chapterItem))])]
  )
  const byline: ElementContent[] = []
  if (meta.authors.length > 0) byline.push(h('span.author', `${labels.by} ${joinNames(meta.authors, meta.lang)}`))
  if (meta.date) {
    if (byline.length > 0) byline.push({ type: 'text', value: ' · ' })
    byline.push(h('time', { dateTime: meta.date }, formatDate(meta.date, meta.lang)))
  }
  const content = h('article', { ariaLabelledBy: 'article-title' }, [
    h('header.article-header', [
      h('h1#article-title', meta.title),
      meta.subtitle ? h('p.subtitle', meta.subtitle) : undefined,
      byline.length > 0 ? h('p.byline', byline) : undefined,
      meta.publisher ? h('p.publisher', meta.publisher) : undefined
    ]),
    meta.description ? h('p', meta.description) : undefined,
    h('nav.toc', { ariaLabelledBy: 'toc-label' }, [h('h2#toc-label', labels.contents), h('ol', items)]),
    // i18n has no words for this yet: marked as English.
    h('p', [h('a', { href: ONE_PAGE, lang: meta.lang.startsWith('en') ? undefined : 'en' }, 'The whole book on one page')])
  ])
  // The book's other files sit beside its folder.
  const leaf = book.path.split('/').pop()!
  const downloads = (context.downloads ?? []).map((file) => ({ ...file, name: `../${leaf}.${file.format}` }))
  return htmlPage(front, content, { ...context, downloads })
}

function dataUri(asset: Asset): string {
  return `data:${asset.mediaType};base64,${asset.data.toString('base64')}`
}
