import type { Asset } from '../../article/article.js'
import { labelsFor } from '../../common/i18n.js'
import { bookAsArticle, chapterByOutput, chapterLink, idsOf, partsOf, type Book, type BookChapter } from '../book.js'
import type { RenderContext } from '../context.js'
import { readTemplate } from '../templates.js'
import { accessibilityMetadata } from './accessibility.js'
import { COVER_HREF, makeCover } from './cover.js'
import { bookIdentifier } from './identifier.js'
import { NAV_HREF, navDocument } from './nav.js'
import { NCX_HREF, ncxDocument } from './ncx.js'
import { PACKAGE_PATH, containerDocument, packageDocument, type ManifestItem } from './opf.js'
import { tableOfContents, type TocEntry } from './toc.js'
import { CHAPTER_HREF, CSS_HREF, IMAGE_FOLDER, chapterDocument, type Chapter } from './xhtml.js'
import { zipEpub } from './zip.js'

const ROOT = 'EPUB/'
const COMPRESSED = new Set<string>(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/** A chapter's content document in the package: `chapter-01.xhtml`, in reading order. */
export function chapterHref(chapter: BookChapter, count: number): string {
  return `chapter-${String(chapter.number).padStart(Math.max(2, String(count).length), '0')}.xhtml`
}

/**
 * One EPUB 3 of a whole book: a cover page, one XHTML content document per chapter (each the HTML
 * renderer's content, as for a single article), one nav of parts, chapters and their sections, the
 * NCX, the book's metadata and accessibility metadata derived from every chapter. Links between
 * chapters go to the other chapter's document.
 */
export async function renderBookEpub(book: Book, context: RenderContext): Promise<Buffer> {
  const front = bookAsArticle(book)
  const { meta } = front
  const identifier = bookIdentifier(front)
  const cover = makeCover(front, identifier)
  const count = book.chapters.length
  const byOutput = chapterByOutput(book)
  const ids = new Map(book.chapters.map((chapter) => [chapter, new Set([...idsOf(chapter.article.tree), 'article-title'])]))

  const hrefs = new Set(book.chapters.map((chapter) => chapterHref(chapter, count)))
  const documents: { chapter: BookChapter; href: string; document: Chapter }[] = book.chapters.map((chapter) => {
    const document = chapterDocument(chapter.article, context, {
      documents: hrefs,
      articleHref: (node) => {
        const target = chapterLink(byOutput, ids, node, chapter)
        if (!target) return undefined
        const href = chapterHref(target.chapter, count)
        return target.fragment ? `${href}#${encodeURIComponent(target.fragment)}` : href
      }
    })
    return { chapter, href: chapterHref(chapter, count), document }
  })

  // Images by name: a name holds a hash of the bytes, so the same name is the same image in any chapter.
  const images = new Map<string, Asset>()
  for (const { article } of book.chapters) for (const asset of article.assets.values()) images.set(asset.name, asset)
  const packaged = [...images.values()]
    .filter((asset) => IMAGE_FOLDER + asset.name !== cover.image.href)
    .sort((a, b) => compare(a.name, b.name))

  const manifest: ManifestItem[] = [
    { id: 'nav', href: NAV_HREF, mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'ncx', href: NCX_HREF, mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: CSS_HREF, mediaType: 'text/css' },
    { id: 'cover', href: COVER_HREF, mediaType: 'application/xhtml+xml' },
    { id: 'cover-image', href: cover.image.href, mediaType: cover.image.mediaType, properties: 'cover-image' },
    ...documents.map(({ href, document }) => ({
      id: href.replace(/\.xhtml$/, ''),
      href,
      mediaType: 'application/xhtml+xml',
      ...(document.math ? { properties: 'mathml' } : {})
    })),
    ...packaged.map((asset) => ({
      id: `image-${asset.name.replace(/[^A-Za-z0-9_.-]/g, '-')}`,
      href: IMAGE_FOLDER + asset.name,
      mediaType: asset.mediaType
    }))
  ]
  const spine = [
    { idref: 'cover' },
    { idref: 'nav', linear: false },
    ...documents.map(({ href }) => ({ idref: href.replace(/\.xhtml$/, '') }))
  ]
  const accessibility = accessibilityMetadata({
    images: [
      ...(cover.fromArticle ? [{ alt: meta.title, mediaType: cover.image.mediaType }] : []),
      ...documents.flatMap(({ document }) => document.images)
    ],
    notes: documents.some(({ document }) => document.notes),
    math: documents.some(({ document }) => document.math)
  })
  const toc = bookContents(book, count, book.meta.tocDepth ?? Number.POSITIVE_INFINITY)
  const first = documents[0]!.href
  const opf = packageDocument({ article: front, identifier, manifest, spine, coverImageId: 'cover-image', accessibility })
  const nav = navDocument(front, toc, [
    { type: 'cover', href: COVER_HREF, label: 'Cover' },
    { type: 'toc', href: `${NAV_HREF}#toc`, label: labelsFor(meta.lang).contents },
    { type: 'bodymatter', href: first, label: book.chapters[0]!.article.meta.title }
  ])
  return zipEpub(
    [
      { path: 'META-INF/container.xml', data: containerDocument() },
      { path: PACKAGE_PATH, data: opf },
      { path: ROOT + NAV_HREF, data: nav },
      { path: ROOT + NCX_HREF, data: ncxDocument(front, identifier, toc) },
      {
        path: ROOT + CSS_HREF,
        data: `${readTemplate(context.templates, 'html/style.css')}\n${readTemplate(context.templates, 'epub/epub.css')}`
      },
      { path: ROOT + COVER_HREF, data: cover.page },
      { path: ROOT + cover.image.href, data: cover.image.data, compress: !COMPRESSED.has(cover.image.mediaType) },
      ...documents.map(({ href, document }) => ({ path: ROOT + href, data: document.xhtml })),
      ...packaged.map((asset) => ({ path: ROOT + IMAGE_FOLDER + asset.name, data: asset.data, compress: !COMPRESSED.has(asset.mediaType) }))
    ],
    book.timestamp
  )
}

/**
 * Parts (linked to their first chapter), chapters, and each chapter's sections, `depth` levels from
 * the chapters down (the book file's `tocDepth`: 1 lists the chapters alone); parts are always there.
 */
function bookContents(book: Book, count: number, depth: number): TocEntry[] {
  const chapterEntry = (chapter: BookChapter): TocEntry => {
    const href = chapterHref(chapter, count)
    const [own] = tableOfContents(chapter.article)
    const retarget = (entry: TocEntry, level: number): TocEntry => ({
      label: entry.label,
      href: href + entry.href.slice(CHAPTER_HREF.length),
      children: level < depth ? entry.children.map((child) => retarget(child, level + 1)) : []
    })
    return { label: chapter.article.meta.title, href, children: depth > 1 ? (own?.children ?? []).map((entry) => retarget(entry, 2)) : [] }
  }
  return partsOf(book).flatMap((part) =>
    part.title === undefined
      ? part.chapters.map(chapterEntry)
      : [{ label: part.title, href: chapterHref(part.chapters[0]!, count), children: part.chapters.map(chapterEntry) }]
  )
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
