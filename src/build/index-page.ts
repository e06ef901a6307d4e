import { toHtml } from 'hast-util-to-html'
import { h } from 'hastscript'
import type { ElementContent } from 'hast'
import type { Format } from '../common/options.js'
import { formatBytes } from '../common/bytes.js'
import { formatDate } from '../common/dates.js'
import type { RenderContext } from '../render/context.js'
import { readTemplate } from '../render/templates.js'

export interface IndexEntry {
  slug: string
  title: string
  description?: string
  date?: string
  lang: string
  files: { format: Format; name: string; bytes: number }[]
}

const FORMAT_NAMES: Record<Format, string> = { html: 'Web page', pdf: 'PDF', epub: 'EPUB' }

/** `index.html`: every article built, with its description, date and links to each file with its size. */
export function renderIndexPage(
  entries: IndexEntry[],
  context: Pick<RenderContext, 'templates'> & { lang: string; title?: string }
): Buffer {
  const css = readTemplate(context.templates, 'html/style.css')
  const title = context.title ?? 'Articles'
  const items = entries.map((entry) => {
    const page = entry.files.find((file) => file.format === 'html')
    return h('li.index-entry', { lang: entry.lang === context.lang ? undefined : entry.lang }, [
      h('h2', [page ? h('a', { href: encodePath(page.name) }, entry.title) : entry.title]),
      entry.date ? h('p.byline', [h('time', { dateTime: entry.date }, formatDate(entry.date, entry.lang))]) : undefined,
      entry.description ? h('p', entry.description) : undefined,
      h(
        'ul.downloads',
        { ariaLabel: `Downloads for ${entry.title}` },
        entry.files.map((file) =>
          h('li', [
            h('a', { href: encodePath(file.name), type: mediaTypes[file.format] }, FORMAT_NAMES[file.format]),
            ` (${formatBytes(file.bytes)})`
          ])
        )
      )
    ])
  })
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: context.lang }, [
      h('head', [
        h('meta', { charSet: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('title', title),
        h('meta', { name: 'generator', content: 'Quire' }),
        h('meta', { name: 'color-scheme', content: 'light dark' }),
        h('style', css)
      ]),
      h('body', [
        h('main', [h('h1', title), items.length > 0 ? h('ol.index', items as ElementContent[]) : h('p', 'No articles were built.')])
      ])
    ])
  ])
  return Buffer.from(toHtml(tree) + '\n', 'utf8')
}

/** A relative path as a URL: each segment percent-encoded (`v1.0 notes/a.html`). */
function encodePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/')
}

const mediaTypes: Record<Format, string> = { html: 'text/html', pdf: 'application/pdf', epub: 'application/epub+zip' }

export { formatBytes }
