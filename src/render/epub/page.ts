import type { ElementContent, Properties } from 'hast'
import { h } from 'hastscript'
import { NS, xhtmlDocument } from './xml.js'

export interface PageOptions {
  title: string
  lang: string
  dir: 'ltr' | 'rtl'
  /** Stylesheet path relative to the page; none when omitted. */
  css?: string
  bodyProperties?: Properties
  body: ElementContent[]
}

/** Any XHTML document of the book (chapter, cover, nav): the same head, language and namespaces. */
export function xhtmlPage(options: PageOptions): string {
  return xhtmlDocument(
    h(null, [
      { type: 'doctype' },
      h('html', { 'xmlns:epub': NS.epub, lang: options.lang, xmlLang: options.lang, dir: options.dir }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', options.title),
          options.css ? h('link', { rel: 'stylesheet', type: 'text/css', href: options.css }) : undefined
        ]),
        h('body', options.bodyProperties ?? {}, options.body)
      ])
    ])
  )
}
