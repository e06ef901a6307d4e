import { hasFatal, type Article } from '../article/article.js'
import { parseArticle } from '../article/parse.js'
import { parseDate } from '../common/dates.js'
import { directionOf } from '../common/i18n.js'
import type { Format, ResolvedOptions } from '../common/options.js'
import { numberCrossrefs, numberSections, type Book } from '../render/book.js'
import type { Download } from '../render/context.js'
import type { BookSpec } from './book.js'
import { plainMessage, type JobMessage } from './job.js'

/** One file of a book: its name relative to `out` and its bytes. */
export interface BookFile {
  format: Format
  name: string
  data: Buffer
}

export interface BookJobOutput {
  title: string
  lang: string
  /** Messages on the book file. */
  messages: JobMessage[]
  /** Messages rendering the book added to its chapters (a link to an id the other chapter lacks), by source path as messages show it. */
  chapterMessages: { path: string; messages: JobMessage[] }[]
  files: BookFile[]
  /** Images and cover the chapters read, for the cache. */
  assets: string[]
  links: Record<string, string | null>
  /** SOURCE_DATE_EPOCH when the book took its timestamp from it. */
  epoch?: number
}

/**
 * A book's work: each chapter parsed into its Article (the same parse as the article's own build),
 * then the book rendered in every format from those Articles. A chapter with an error fails the
 * book, with a message at the chapter's line in the book file; the articles themselves still build.
 */
export async function runBookJob(
  spec: BookSpec,
  options: ResolvedOptions,
  site: ReadonlyMap<string, string>,
  roots: ReadonlyMap<string, string>
): Promise<BookJobOutput> {
  const { file, fields } = spec
  const articles: Article[] = []
  const before = new Map<Article, number>()
  for (const chapter of spec.chapters) {
    const article = await parseArticle(chapter.source, {
      ...options,
      root: roots.get(chapter.source) ?? spec.root,
      output: site.get(chapter.source),
      site,
      chapter: true,
      ...(fields.crossref === undefined ? {} : { crossref: fields.crossref })
    })
    if (hasFatal(article))
      file.message(`Chapter \`${article.file.path}\` has errors (see its messages): the book is not built`, {
        place: chapter.place,
        ruleId: 'book-chapter',
        source: 'quire'
      }).fatal = true
    before.set(article, article.file.messages.length)
    articles.push(article)
  }
  const lang = fields.lang ?? articles[0]?.meta.lang ?? options.lang
  const output: BookJobOutput = {
    title: fields.title ?? spec.slug,
    lang,
    messages: [],
    chapterMessages: [],
    files: [],
    assets: [
      ...new Set(
        articles.flatMap((article) =>
          [...article.assets.values()].map((asset) => asset.path).concat(article.meta.cover ? [article.meta.cover.path] : [])
        )
      ),
      ...(spec.cover ? [spec.cover.path] : [])
    ],
    links: Object.assign({}, ...articles.map((article) => article.links)) as Record<string, string | null>
  }
  const fatal = () => file.messages.some((message) => message.fatal === true)
  if (!fatal() && !options.check) {
    const dated = fields.date ? Math.floor(parseDate(fields.date).getTime() / 1000) : undefined
    let book: Book = {
      file,
      slug: spec.slug,
      path: spec.output,
      meta: {
        title: fields.title ?? spec.slug,
        authors: fields.authors ? [fields.authors].flat() : [...new Set(articles.flatMap((article) => article.meta.authors))],
        lang,
        dir: directionOf(lang),
        ...(fields.subtitle ? { subtitle: fields.subtitle } : {}),
        ...(fields.identifier ? { identifier: fields.identifier } : {}),
        ...(fields.date ? { date: fields.date } : {}),
        ...(fields.description ? { description: fields.description } : {}),
        ...(fields.publisher ? { publisher: fields.publisher } : {}),
        ...(fields.rights ? { rights: fields.rights } : {}),
        ...(spec.cover ? { cover: spec.cover } : {}),
        ...(fields.pageSize ? { pageSize: fields.pageSize } : {}),
        ...(fields.openRight ? { openRight: true } : {}),
        ...(fields.tocDepth ? { tocDepth: fields.tocDepth } : {})
      },
      chapters: articles.map((article, index) => ({
        article,
        number: index + 1,
        ...(spec.chapters[index]?.part ? { part: spec.chapters[index]!.part } : {})
      })),
      timestamp: dated ?? Math.max(...articles.map((article) => article.timestamp))
    }
    // A reference no chapter resolves: its chapter's parse noted it, the book warns.
    book = numberCrossrefs(book, fields.numbering === true, (chapter, label, place) => {
      chapter.article.file.message(`Reference \`[@${label}]\` names no figure or table of this book: “??” stands in for its number`, {
        ...(place ? { place: place.start } : {}),
        ruleId: 'crossref',
        source: 'quire'
      })
    })
    if (fields.numbering) book = numberSections(book)
    if (dated === undefined && articles.every((article) => !(article.meta.updated ?? article.meta.date)))
      output.epoch = options.sourceDateEpoch
    // The site last: its contents page links the book's other files, with their sizes.
    for (const format of [...options.formats].sort((a, b) => Number(a === 'html') - Number(b === 'html'))) {
      try {
        if (format === 'pdf') {
          const { renderBookPdf } = await import('../render/pdf/book.js')
          output.files.push({ format, name: `${spec.output}.pdf`, data: await renderBookPdf(book, options) })
        } else if (format === 'epub') {
          const { renderBookEpub } = await import('../render/epub/book.js')
          output.files.push({ format, name: `${spec.output}.epub`, data: await renderBookEpub(book, options) })
        } else {
          const { renderBookSite } = await import('../render/html/book.js')
          const downloads: Download[] = output.files.map((done) => ({ format: done.format, name: done.name, bytes: done.data.byteLength }))
          for (const page of renderBookSite(book, { ...options, downloads }))
            output.files.push({ format, name: `${spec.output}/${page.name}`, data: page.data })
        }
      } catch (error) {
        file.message(`Cannot render the book's ${format.toUpperCase()}: ${error instanceof Error ? error.message : String(error)}`, {
          ruleId: `render-${format}`,
          source: 'quire',
          cause: error as Error
        }).fatal = true
      }
    }
    output.files.sort(
      (a, b) => options.formats.indexOf(a.format) - options.formats.indexOf(b.format) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    )
  }
  for (const article of articles) {
    const added = article.file.messages.slice(before.get(article) ?? 0)
    if (added.length > 0) output.chapterMessages.push({ path: article.file.path, messages: added.map(plainMessage) })
  }
  output.messages = file.messages.map(plainMessage)
  return output
}
