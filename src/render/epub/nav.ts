import { h } from 'hastscript'
import type { Article } from '../../article/article.js'
import { labelsFor } from '../../common/i18n.js'
import { xhtmlPage } from './page.js'
import { tocList, type TocEntry } from './toc.js'

export const NAV_HREF = 'nav.xhtml'

export interface Landmark {
  type: 'cover' | 'toc' | 'bodymatter'
  href: string
  label: string
}

/** The EPUB navigation document: the table of contents, and landmarks for reading systems (hidden). */
export function navDocument(article: Article, toc: TocEntry[], landmarks: Landmark[]): string {
  const { meta } = article
  const labels = labelsFor(meta.lang)
  // i18n has no words for these two yet: marked as English so a screen reader pronounces them right.
  const english = { lang: 'en', xmlLang: 'en' }
  return xhtmlPage({
    title: meta.title,
    lang: meta.lang,
    dir: meta.dir,
    body: [
      h('nav#toc', { 'epub:type': 'toc', role: 'doc-toc', ariaLabelledBy: 'toc-title' }, [
        h('h1#toc-title', labels.contents),
        tocList(toc)
      ]),
      h('nav#landmarks', { 'epub:type': 'landmarks', hidden: true, ariaLabelledBy: 'landmarks-title' }, [
        h('h2#landmarks-title', english, 'Landmarks'),
        h(
          'ol',
          landmarks.map((landmark) =>
            h('li', [
              h('a', { 'epub:type': landmark.type, href: landmark.href, ...(landmark.type === 'cover' ? english : {}) }, landmark.label)
            ])
          )
        )
      ])
    ]
  })
}
