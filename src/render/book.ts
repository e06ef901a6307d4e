import type { Element, ElementContent, Root, RootContent } from 'hast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import type { Article, ArticleMeta, Asset } from '../article/article.js'
import { CAPTION_LABEL_CLASS, kindOf, reference, REFERENCE_CLASS } from '../article/passes/crossref.js'
import { collectHeadings } from '../article/passes/headings.js'
import { crossrefName, type CrossrefKind } from '../common/crossref-labels.js'

/**
 * A book: several parsed Articles in a declared order, optionally grouped in parts, with the book's
 * own metadata (book.yml). Renderers read it as they read an Article; nothing here reads Markdown.
 */
export interface Book {
  /** The book file; messages about the book as a whole go here. */
  file: VFile
  slug: string
  /** Where the build writes it: relative to `out`, `/` separators, no extension (`handbook`). */
  path: string
  meta: BookMeta
  chapters: BookChapter[]
  /** Epoch seconds: the book's date, else the latest chapter's timestamp. */
  timestamp: number
}

export interface BookMeta {
  title: string
  subtitle?: string
  authors: string[]
  lang: string
  dir: 'ltr' | 'rtl'
  /** As written in the book file; renderers derive one from the slug otherwise. */
  identifier?: string
  date?: string
  description?: string
  publisher?: string
  rights?: string
  cover?: Asset
  pageSize?: string
  /** PDF: each part and chapter opens on a right-hand (odd) page, after a blank page when needed. */
  openRight?: boolean
  /** EPUB: levels of the nav under the book: 1 lists the chapters, 2 their sections too… Default: every heading. */
  tocDepth?: number
}

export interface BookChapter {
  article: Article
  /** The title of the part this chapter belongs to, if the book has parts. */
  part?: string
  /** 1-based position in the book. */
  number: number
}

/** The parts of a book in order, each with its chapters; chapters outside any part have `title` undefined. */
export function partsOf(book: Book): { title: string | undefined; chapters: BookChapter[] }[] {
  const parts: { title: string | undefined; chapters: BookChapter[] }[] = []
  for (const chapter of book.chapters) {
    const last = parts.at(-1)
    if (last && last.title === chapter.part) last.chapters.push(chapter)
    else parts.push({ title: chapter.part, chapters: [chapter] })
  }
  return parts
}

/**
 * The book as an Article-shaped value for the code that only reads an article's metadata (package
 * document, nav, NCX, cover, page head): no tree, no headings.
 */
export function bookAsArticle(book: Book): Article {
  const { meta } = book
  const articleMeta: ArticleMeta = {
    title: meta.title,
    authors: meta.authors,
    lang: meta.lang,
    dir: meta.dir,
    subjects: [],
    toc: false,
    ...(meta.subtitle ? { subtitle: meta.subtitle } : {}),
    ...(meta.date ? { date: meta.date } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    ...(meta.publisher ? { publisher: meta.publisher } : {}),
    ...(meta.rights ? { rights: meta.rights } : {}),
    ...(meta.cover ? { cover: meta.cover } : {}),
    ...(meta.pageSize ? { pageSize: meta.pageSize } : {}),
    id: meta.identifier ?? `book:${book.slug}`
  }
  return {
    file: book.file,
    slug: book.slug,
    path: book.path,
    links: {},
    meta: articleMeta,
    tree: { type: 'root', children: [] },
    headings: [],
    assets: new Map(),
    timestamp: book.timestamp
  }
}

/** The chapter a link's target output path (`dataArticle`) names, if it is one of the book's. */
export function chapterByOutput(book: Book): Map<string, BookChapter> {
  return new Map(book.chapters.map((chapter) => [chapter.article.path, chapter]))
}

/** Every id in a chapter's tree, and the ids a renderer gives the chapter's header. */
export function idsOf(tree: Root): Set<string> {
  const ids = new Set<string>()
  const walk = (node: Root | RootContent) => {
    if (node.type === 'element' && typeof node.properties.id === 'string' && node.properties.id !== '') ids.add(node.properties.id)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return ids
}

/**
 * Where a link from chapter `from` to another article goes inside the book: the chapter and, when the
 * target has that id, the fragment (else the chapter's start, with a warning). Undefined: the target
 * is not a chapter of this book.
 */
export function chapterLink(
  chapters: ReadonlyMap<string, BookChapter>,
  ids: ReadonlyMap<BookChapter, ReadonlySet<string>>,
  node: Element,
  from: BookChapter
): { chapter: BookChapter; fragment: string | undefined } | undefined {
  const target = node.properties.dataArticle
  if (typeof target !== 'string') return undefined
  const chapter = chapters.get(target)
  if (!chapter) return undefined
  const fragment = typeof node.properties.dataFragment === 'string' ? node.properties.dataFragment : undefined
  if (fragment === undefined || ids.get(chapter)?.has(fragment)) return { chapter, fragment }
  const { file } = from.article
  const reason = `Link to \`#${fragment}\` in the chapter “${chapter.article.meta.title}”, which has no such id: in the book it goes to the chapter's start`
  const start = node.position?.start
  if (!file.messages.some((message) => message.reason === reason && message.line === start?.line && message.column === start?.column))
    file.message(reason, { place: node.position, ruleId: 'book-link', source: 'quire' })
  return { chapter, fragment: undefined }
}

/**
 * Section numbers (book file `numbering: true`): each chapter's title gets its number ("2 Title";
 * parts are not counted), and its headings "2.1", "2.1.3", three levels deep from the chapter's
 * highest heading. Done on copies of the Articles, before any renderer reads them, so every format,
 * contents, nav and outline show the same numbers; ids do not change.
 */
export function numberSections(book: Book): Book {
  const chapters = book.chapters.map((chapter) => {
    const { article } = chapter
    const top = Math.min(...article.headings.map((heading) => heading.depth))
    const counters: number[] = []
    const numbers = new Map<string, string>()
    for (const heading of article.headings) {
      const level = heading.depth - top
      if (level > 2) continue
      counters.length = level + 1
      counters[level] = (counters[level] ?? 0) + 1
      for (let index = 0; index < level; index += 1) counters[index] ??= 1
      numbers.set(heading.id, [chapter.number, ...counters].join('.'))
    }
    const copy = <T extends Root | RootContent>(node: T): T => {
      if (node.type !== 'element' && node.type !== 'root') return node
      const children = (node.children as RootContent[]).map(copy)
      if (node.type === 'element' && /^h[1-6]$/.test(node.tagName) && typeof node.properties.id === 'string') {
        const number = numbers.get(node.properties.id)
        if (number !== undefined)
          children.unshift(
            {
              type: 'element',
              tagName: 'span',
              properties: { className: ['section-number'] },
              children: [{ type: 'text', value: number }]
            },
            { type: 'text', value: ' ' }
          )
      }
      return { ...node, children } as T
    }
    const numbered: Article = {
      ...article,
      meta: { ...article.meta, title: `${chapter.number} ${article.meta.title}` },
      tree: copy(article.tree),
      headings: article.headings.map((heading) =>
        numbers.has(heading.id) ? { ...heading, text: `${numbers.get(heading.id)} ${heading.text}` } : heading
      )
    }
    return { ...chapter, article: numbered }
  })
  return { ...book, chapters }
}

/**
 * Figures and tables numbered through the book, and references between chapters (decision 21).
 * With numbered chapters (`numbering: true`) a figure is numbered within its chapter, "Figure 2.3";
 * otherwise through the book, "Figure 7". A reference (`[@fig:id]`) to a label its own chapter
 * lacks goes to the first chapter that has it, as a link to that chapter's id which each renderer
 * resolves as it does `[text](other.md#id)`; one no chapter has keeps its "Figure ??" and is given
 * to `unresolved` (a chapter's own parse only notes it: another chapter may have it). Done on copies
 * of the Articles, before any renderer reads them.
 */
export function numberCrossrefs(
  book: Book,
  byChapter: boolean,
  unresolved: (chapter: BookChapter, label: string, place: Element['position']) => void = () => {}
): Book {
  // The book's number of each caption, and of each label in its chapter and in the book (the first holder).
  const numbers = new Map<Element, string>()
  const own = new Map<BookChapter, Map<string, string>>()
  const anywhere = new Map<string, { chapter: BookChapter; number: string }>()
  let counters: Record<CrossrefKind, number> = { fig: 0, tbl: 0 }
  for (const chapter of book.chapters) {
    if (byChapter) counters = { fig: 0, tbl: 0 }
    const labels = new Map<string, string>()
    visit(chapter.article.tree, 'element', (node) => {
      if (!classes(node).includes(CAPTION_LABEL_CLASS) || typeof node.properties.dataCrossref !== 'string') return
      const label = node.properties.dataCrossref
      counters[kindOf(label)] += 1
      const number = byChapter ? `${chapter.number}.${counters[kindOf(label)]}` : String(counters[kindOf(label)])
      numbers.set(node, number)
      if (!labels.has(label)) labels.set(label, number)
      if (!anywhere.has(label)) anywhere.set(label, { chapter, number })
    })
    own.set(chapter, labels)
  }
  if (numbers.size === 0) {
    for (const chapter of book.chapters)
      visit(chapter.article.tree, 'element', (node) => {
        if (classes(node).includes(REFERENCE_CLASS) && typeof node.properties.dataCrossref === 'string')
          unresolved(chapter, node.properties.dataCrossref, node.position)
      })
    return book
  }
  const chapters = book.chapters.map((chapter) => {
    const { lang } = chapter.article.meta
    const named = (node: Element, label: string, number: string): Element => ({
      ...node,
      children: [{ type: 'text', value: crossrefName(kindOf(label), number, lang) }]
    })
    const copy = <T extends Root | RootContent>(node: T, linked: boolean): T => {
      if (node.type !== 'element' && node.type !== 'root') return node
      if (node.type === 'element' && typeof node.properties.dataCrossref === 'string') {
        const label = node.properties.dataCrossref
        const caption = numbers.get(node)
        if (caption !== undefined) return named(node, label, caption) as T
        if (classes(node).includes(REFERENCE_CLASS)) {
          const mine = own.get(chapter)?.get(label)
          if (mine !== undefined) return named(node, label, mine) as T
          const other = anywhere.get(label)
          if (!other) {
            unresolved(chapter, label, node.position)
            return node
          }
          const link = reference(label, other.number, lang, linked, node.position?.start)
          if (!linked) {
            delete link.properties.href
            link.properties.dataArticle = other.chapter.article.path
            link.properties.dataFragment = label
          }
          return link as T
        }
      }
      const inside = linked || (node.type === 'element' && node.tagName === 'a')
      return { ...node, children: (node.children as RootContent[]).map((child) => copy(child, inside)) as ElementContent[] } as T
    }
    const tree = copy(chapter.article.tree, false)
    return { ...chapter, article: { ...chapter.article, tree, headings: collectHeadings(tree) } }
  })
  return { ...book, chapters }
}

function classes(node: Element): unknown[] {
  return Array.isArray(node.properties.className) ? node.properties.className : []
}
