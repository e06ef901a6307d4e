import type { Element, ElementContent, Root, RootContent } from 'hast'
import type { Article, HeadingEntry } from '../../article/article.js'
import { labelsFor } from '../../common/i18n.js'
import { bookAsArticle, chapterByOutput, chapterLink, idsOf, partsOf, type Book, type BookChapter } from '../book.js'
import type { RenderContext } from '../context.js'
import { contents, titleBlock } from './convert/front.js'
import { handlers } from './convert/index.js'
import { newPage, gap } from './flow/cursor.js'
import { FootNotes } from './flow/notes.js'
import { finish, type PageNumbers } from './flow/running.js'
import { flowText } from './flow/text.js'
import { baseRunStyle } from './inline/collect.js'
import { hyphenatorFor } from './inline/hyphenate.js'
import { Ink } from './ink/ink.js'
import { xmpOf } from './ink/xmp.js'
import { loadMath } from './math/load.js'
import { infoOf, missingGlyphs, setUp } from './index.js'
import { all, type State } from './state.js'

/** The named destination where chapter `n` (1-based) starts; parts have `part-n`. */
const chapterDest = (chapter: BookChapter) => `chapter-${chapter.number}`

/**
 * One PDF of a whole book: a title page, a contents page (parts and chapters, with the page each
 * starts on), then each chapter on a new page: its title block and body, its footnotes numbered on
 * their own. Pages are numbered through the book; the running header names the book and the chapter.
 * The outline has one entry per part and chapter, the chapter's sections under it; the structure tree
 * has a `Part` per part and a `Sect` per chapter. Ids are prefixed per chapter (`c2-setup`), so two
 * chapters' headings may share a name; links between chapters become links inside the document.
 */
export async function renderBookPdf(book: Book, context: RenderContext): Promise<Buffer> {
  const front = bookAsArticle(book)
  const { theme, fonts, size, margins } = setUp(front, context)
  const chapters = prepareChapters(book)
  for (const { article } of chapters) await loadMath(article.tree)
  const ink = new Ink({ size, margins, lang: book.meta.lang, info: infoOf(front), xmp: xmpOf(front), fonts })
  const bottom = ink.height - margins.bottom
  const ids = new Set<string>()
  for (const { chapter, article } of chapters) {
    ids.add(chapterDest(chapter))
    for (const id of idsOf(article.tree)) ids.add(id)
  }
  const parts = partsOf(book)
  parts.forEach((part, index) => part.title !== undefined && ids.add(`part-${index + 1}`))
  const hyphenators = new Map<string, ((text: string) => string) | undefined>()
  const hyphenator = (lang: string) => {
    if (!hyphenators.has(lang))
      hyphenators.set(lang, theme.bool('base', 'hyphenate') ? hyphenatorFor(lang, theme.num('paragraph', 'hyphenate_min_word')) : undefined)
    return hyphenators.get(lang)
  }
  const empty: Root = { type: 'root', children: [] }
  let state: State = {
    article: front,
    theme,
    fonts,
    ink,
    labels: labelsFor(book.meta.lang),
    handlers,
    ids,
    flow: { cursor: { y: margins.top, top: margins.top, bottom, gap: 0 }, decorations: [], marker: undefined, placed: 0 },
    scope: { frame: { x: margins.left, width: ink.width - margins.left - margins.right }, text: theme.text([]), listDepth: 0 },
    column: { x: margins.left, width: ink.width - margins.left - margins.right },
    headings: [],
    pendingNumbers: [],
    missing: new Set(),
    lang: book.meta.lang,
    direction: book.meta.dir,
    notes: new FootNotes(empty, bottom),
    hyphenate: hyphenator(book.meta.lang),
    report: context.report
  }

  // Title page: the title block a third of the way down, nothing else.
  state.flow.cursor.y = margins.top + (bottom - margins.top) / 4
  titleBlock(state)

  // Contents: parts and chapters; their page numbers are written when the whole book is laid out.
  newPage(state)
  const contentsPage = ink.page
  const entries: HeadingEntry[] = parts.flatMap((part, index) => [
    ...(part.title !== undefined ? [{ depth: 1 as const, id: `part-${index + 1}`, text: part.title }] : []),
    ...part.chapters.map((chapter) => ({
      depth: part.title !== undefined ? (2 as const) : (1 as const),
      id: chapterDest(chapter),
      text: chapter.article.meta.title
    }))
  ])
  state = { ...state, article: { ...front, headings: entries } }
  contents(state)
  state = { ...state, article: front }

  const starts: { page: number; title: string }[] = []
  // Left blank so that what follows opens on a right-hand page: no header or footer there.
  const blank = new Set<number>()
  const opening = () => {
    newPage(state)
    if (book.meta.openRight && ink.page % 2 === 1) {
      blank.add(ink.page)
      newPage(state)
    }
  }
  const byChapter = new Map(chapters.map((prepared) => [prepared.chapter, prepared.article]))
  parts.forEach((part, partIndex) => {
    const partTag = part.title !== undefined ? ink.open('Part') : undefined
    if (part.title !== undefined) {
      opening()
      state.flow.cursor.y = margins.top + (bottom - margins.top) / 3
      const id = `part-${partIndex + 1}`
      ink.destination(id, state.flow.cursor.y)
      state.headings.push({ depth: 1, title: part.title, id, page: ink.page, y: state.flow.cursor.y })
      const style = theme.text('title')
      const base = baseRunStyle(style)
      const tag = ink.open('H1')
      flowText(state, [{ text: part.title, style: base }], { base, lineHeight: style.lineHeight })
      ink.close(tag)
      gap(state, theme.num('title', 'margin_bottom'))
      starts.push({ page: ink.page, title: part.title })
    }
    for (const chapter of part.chapters) {
      const article = byChapter.get(chapter)!
      opening()
      const depth = part.title !== undefined ? 2 : 1
      ink.destination(chapterDest(chapter), state.flow.cursor.y)
      state.headings.push({ depth, title: article.meta.title, id: chapterDest(chapter), page: ink.page, y: state.flow.cursor.y })
      starts.push({ page: ink.page, title: article.meta.title })
      const firstHeading = state.headings.length
      const chapterState: State = {
        ...state,
        article,
        notes: new FootNotes(article.tree, bottom),
        lang: article.meta.lang,
        direction: article.meta.dir,
        hyphenate: hyphenator(article.meta.lang),
        labels: labelsFor(article.meta.lang)
      }
      const sect = ink.open('Sect')
      titleBlock(chapterState)
      all(chapterState, article.tree)
      while (chapterState.notes.waiting) newPage(chapterState)
      chapterState.notes.finishPage(chapterState)
      ink.close(sect)
      state.flow = chapterState.flow
      // The chapter's sections under its outline entry, whatever heading level they start at.
      const own = state.headings.slice(firstHeading)
      const top = Math.min(...own.map((heading) => heading.depth))
      for (const heading of own) heading.depth = heading.depth - top + depth + 1
      missingGlyphs(chapter.article, chapterState.missing)
      chapterState.missing.clear()
    }
    if (partTag) ink.close(partTag)
  })

  // The front matter (title page, contents, a blank page before the first opening) numbered i, ii…
  // when the theme says so, the body from 1; else every page through.
  const body = starts[0]?.page ?? ink.pageCount
  const roman = theme.str('page', 'front_matter_numerals') === 'roman'
  const count = ink.pageCount - (roman ? body : 0)
  const labels = labelsFor(book.meta.lang)
  const numbers: PageNumbers = roman
    ? {
        label: (page) => (page < body ? romanNumeral(page + 1) : String(page - body + 1)),
        // A front-matter page shows its numeral alone, as books do.
        footer: (page) => (page < body ? romanNumeral(page + 1) : labels.page(page - body + 1, count))
      }
    : { label: (page) => String(page + 1), footer: (page) => labels.page(page + 1, count) }
  if (roman) ink.pageLabels([{ from: 0, style: 'r' }, ...(body < ink.pageCount ? [{ from: body, style: 'D' as const }] : [])])
  finish(
    state,
    margins,
    (page) => {
      if (page === 0 || blank.has(page)) return { header: undefined, footer: false }
      if (page < (starts[0]?.page ?? Infinity)) return { header: page === contentsPage ? undefined : book.meta.title, footer: true }
      const current = starts.findLast((start) => start.page <= page)!
      // A chapter's or part's first page opens with its title: no header above it.
      if (current.page === page) return { header: undefined, footer: true }
      return { header: `${book.meta.title} · ${current.title}`, footer: true }
    },
    numbers
  )
  if (context.report) context.report.pages += ink.pageCount
  return ink.end()
}

/**
 * Each chapter's article as the book's PDF uses it: ids prefixed with its number (`c2-`), so they are
 * unique across the book; `#id` links prefixed alike; links to another chapter turned into links to
 * that chapter's place in this document; the path is the book's, for links to other articles' PDFs.
 */
function prepareChapters(book: Book): { chapter: BookChapter; article: Article }[] {
  const byOutput = chapterByOutput(book)
  const ids = new Map(book.chapters.map((chapter) => [chapter, idsOf(chapter.article.tree)]))
  return book.chapters.map((chapter) => {
    const prefix = `c${chapter.number}-`
    const copy = <T extends Root | RootContent>(node: T): T => {
      if (node.type !== 'element' && node.type !== 'root') return node
      const children = (node.children as RootContent[]).map(copy)
      if (node.type === 'root') return { ...node, children } as T
      const element = node as Element
      const properties = { ...element.properties }
      if (typeof properties.id === 'string' && properties.id !== '') properties.id = prefix + properties.id
      if (typeof properties.href === 'string' && properties.href.startsWith('#') && properties.href.length > 1)
        properties.href = `#${prefix}${properties.href.slice(1)}`
      if (element.tagName === 'a' && typeof properties.dataArticle === 'string') {
        const target = chapterLink(byOutput, ids, element, chapter)
        if (target) {
          properties.href = `#${encodeURIComponent(target.fragment ? `c${target.chapter.number}-${target.fragment}` : chapterDest(target.chapter))}`
          delete properties.dataArticle
          delete properties.dataFragment
        }
      }
      return { ...element, properties, children: children as ElementContent[] } as T
    }
    const article: Article = {
      ...chapter.article,
      path: book.path,
      tree: copy(chapter.article.tree),
      headings: chapter.article.headings.map((heading) => ({ ...heading, id: prefix + heading.id }))
    }
    return { chapter, article }
  })
}

/** i, ii, iii, iv…: a front-matter page's number. */
function romanNumeral(value: number): string {
  const numerals: [number, string][] = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i']
  ]
  let rest = value
  let text = ''
  for (const [amount, numeral] of numerals)
    while (rest >= amount) {
      text += numeral
      rest -= amount
    }
  return text
}
