import type { Element, ElementContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import type { Article } from '../../article/article.js'
import { parseDate } from '../../common/dates.js'
import type { Download, RenderContext } from '../context.js'
import { formatBytes } from '../../common/bytes.js'
import { labelsFor } from '../../common/i18n.js'
import { relativeHref } from '../../common/hrefs.js'
import { readTemplate } from '../templates.js'
import { readPageSettings } from './page-settings.js'

/**
 * The standalone page around the article content; `around` puts navigation before and after the
 * page's `main` (a book's chapter pages, html/book.ts).
 */
export function htmlPage(
  article: Article,
  content: Element,
  context: RenderContext,
  around: { before?: ElementContent[]; after?: ElementContent[] } = {}
): string {
  const { meta } = article
  const css = readTemplate(context.templates, 'html/style.css')
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: meta.lang, dir: meta.dir }, [
      h('head', [
        h('meta', { charSet: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('title', meta.title),
        meta.description ? h('meta', { name: 'description', content: meta.description }) : undefined,
        meta.authors.length > 0 ? h('meta', { name: 'author', content: meta.authors.join(', ') }) : undefined,
        meta.subjects.length > 0 ? h('meta', { name: 'keywords', content: meta.subjects.join(', ') }) : undefined,
        ...socialMeta(article, context),
        h('meta', { name: 'generator', content: 'Quire' }),
        h('meta', { name: 'color-scheme', content: 'light dark' }),
        h('script', { type: 'application/ld+json' }, jsonLd(article)),
        h('style', css)
      ]),
      h('body', [...(around.before ?? []), h('main', withDownloads(article, content, context)), ...(around.after ?? [])])
    ])
  ])
  return toHtml(tree) + '\n'
}

const FORMAT_NAMES = { html: 'HTML', pdf: 'PDF', epub: 'EPUB' } as const
const MEDIA_TYPES = { html: 'text/html', pdf: 'application/pdf', epub: 'application/epub+zip' } as const

/** The article, with links to its other files of the build (and their sizes) in its header or after it. */
function withDownloads(article: Article, content: Element, context: RenderContext): ElementContent[] {
  const downloads = context.downloads ?? []
  const place = readPageSettings(context.templates).downloads
  if (downloads.length === 0 || place === 'none') return [content]
  const list = h(
    'ul.downloads',
    { ariaLabel: labelsFor(article.meta.lang).downloads },
    downloads.map((file: Download) =>
      h('li', [
        h('a', { href: file.name.split('/').map(encodeURIComponent).join('/'), type: MEDIA_TYPES[file.format] }, FORMAT_NAMES[file.format]),
        ` (${formatBytes(file.bytes)})`
      ])
    )
  )
  if (place === 'footer') return [content, h('footer.page-downloads', [list])]
  const header = content.children.find((child): child is Element => child.type === 'element' && child.tagName === 'header')
  if (!header) return [h('header.page-downloads', [list]), content]
  return [
    {
      ...content,
      children: content.children.map((child) => (child === header ? { ...header, children: [...header.children, list] } : child))
    }
  ]
}

/** schema.org Article metadata; `<` escaped so the JSON cannot close its script element. */
function jsonLd(article: Article): string {
  const { meta } = article
  const data: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: meta.title,
    inLanguage: meta.lang,
    author: meta.authors.map((name) => ({ '@type': 'Person', name }))
  }
  if (meta.description) data.description = meta.description
  if (meta.date) data.datePublished = parseDate(meta.date).toISOString()
  if (meta.updated) data.dateModified = parseDate(meta.updated).toISOString()
  if (meta.publisher) data.publisher = { '@type': 'Organization', name: meta.publisher }
  if (meta.subjects.length > 0) data.keywords = meta.subjects.join(', ')
  return JSON.stringify(data).replace(/</g, '\\u003c')
}

/** Canonical URL and Open Graph tags, only when the build knows where the page will live. */
function socialMeta(article: Article, context: RenderContext): Element[] {
  if (!context.baseUrl) return []
  const { meta } = article
  const url = `${context.baseUrl}/${relativeHref('', article.path, 'html')}`
  const tags = [
    h('link', { rel: 'canonical', href: url }),
    h('meta', { property: 'og:type', content: 'article' }),
    h('meta', { property: 'og:title', content: meta.title }),
    h('meta', { property: 'og:url', content: url }),
    h('meta', { property: 'og:locale', content: meta.lang.replace('-', '_') })
  ]
  if (meta.description) tags.push(h('meta', { property: 'og:description', content: meta.description }))
  if (meta.date) tags.push(h('meta', { property: 'article:published_time', content: parseDate(meta.date).toISOString() }))
  for (const author of meta.authors) tags.push(h('meta', { property: 'article:author', content: author }))
  return tags
}
