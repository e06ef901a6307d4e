import type { Article, Asset } from '../../article/article.js'
import { labelsFor } from '../../common/i18n.js'
import type { RenderContext } from '../context.js'
import { readTemplate } from '../templates.js'
import { accessibilityMetadata } from './accessibility.js'
import { COVER_HREF, makeCover } from './cover.js'
import { bookIdentifier } from './identifier.js'
import { NAV_HREF, navDocument } from './nav.js'
import { NCX_HREF, ncxDocument } from './ncx.js'
import { PACKAGE_PATH, containerDocument, packageDocument, type ManifestItem } from './opf.js'
import { tableOfContents } from './toc.js'
import { CHAPTER_HREF, CSS_HREF, IMAGE_FOLDER, chapterDocument } from './xhtml.js'
import { zipEpub } from './zip.js'

const ROOT = 'EPUB/'
// The nav document is in the spine only because landmarks link to it (RSC-011); outside the linear reading order.
// Image formats that are compressed already: deflating them again costs time and saves nothing.
const COMPRESSED = new Set<string>(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])
const SPINE = [{ idref: 'cover' }, { idref: 'nav', linear: false }, { idref: 'article' }]

/**
 * One EPUB 3 book per article: a cover page, the article as one XHTML chapter (the HTML renderer's
 * content), nav + NCX, one stylesheet shared with the HTML page, and the article's images.
 * The same Article always gives the same bytes.
 */
export async function renderEpub(article: Article, context: RenderContext): Promise<Buffer> {
  const { meta } = article
  const identifier = bookIdentifier(article)
  const chapter = chapterDocument(article, context)
  const cover = makeCover(article, identifier)
  const toc = tableOfContents(article)
  const css = `${readTemplate(context.templates, 'html/style.css')}\n${readTemplate(context.templates, 'epub/epub.css')}`

  // An image used both as cover and in the text is packaged once, as the cover image.
  const images = [...article.assets.values()]
    .filter((asset) => IMAGE_FOLDER + asset.name !== cover.image.href)
    .sort((a, b) => compare(a.name, b.name))
  const manifest: ManifestItem[] = [
    { id: 'nav', href: NAV_HREF, mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'ncx', href: NCX_HREF, mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: CSS_HREF, mediaType: 'text/css' },
    { id: 'cover', href: COVER_HREF, mediaType: 'application/xhtml+xml' },
    { id: 'cover-image', href: cover.image.href, mediaType: cover.image.mediaType, properties: 'cover-image' },
    { id: 'article', href: CHAPTER_HREF, mediaType: 'application/xhtml+xml', ...(chapter.math ? { properties: 'mathml' } : {}) },
    ...images.map((asset) => ({ id: imageId(asset), href: IMAGE_FOLDER + asset.name, mediaType: asset.mediaType }))
  ]
  const accessibility = accessibilityMetadata({
    images: cover.fromArticle ? [{ alt: meta.title, mediaType: cover.image.mediaType }, ...chapter.images] : chapter.images,
    notes: chapter.notes,
    math: chapter.math
  })
  const opf = packageDocument({ article, identifier, manifest, spine: SPINE, coverImageId: 'cover-image', accessibility })
  const nav = navDocument(article, toc, [
    { type: 'cover', href: COVER_HREF, label: 'Cover' },
    { type: 'toc', href: `${NAV_HREF}#toc`, label: labelsFor(meta.lang).contents },
    { type: 'bodymatter', href: CHAPTER_HREF, label: meta.title }
  ])

  return zipEpub(
    [
      { path: 'META-INF/container.xml', data: containerDocument() },
      { path: PACKAGE_PATH, data: opf },
      { path: ROOT + NAV_HREF, data: nav },
      { path: ROOT + NCX_HREF, data: ncxDocument(article, identifier, toc) },
      { path: ROOT + CSS_HREF, data: css },
      { path: ROOT + COVER_HREF, data: cover.page },
      { path: ROOT + cover.image.href, data: cover.image.data, compress: !COMPRESSED.has(cover.image.mediaType) },
      { path: ROOT + CHAPTER_HREF, data: chapter.xhtml },
      ...images.map((asset) => ({ path: ROOT + IMAGE_FOLDER + asset.name, data: asset.data, compress: !COMPRESSED.has(asset.mediaType) }))
    ],
    article.timestamp
  )
}

function imageId(asset: Asset): string {
  return `image-${asset.name.replace(/[^A-Za-z0-9_.-]/g, '-')}`
}

/** Code-point order, the same under every locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
