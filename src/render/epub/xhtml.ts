import type { Element } from 'hast'
import { h } from 'hastscript'
import { visit } from 'unist-util-visit'
import type { Article, Asset } from '../../article/article.js'
import { articleContent } from '../html/content.js'
import type { RenderContext } from '../context.js'
import { relativeHref } from '../../common/hrefs.js'
import { xhtmlPage } from './page.js'
import { dropBrokenFragments, epubSemantics } from './semantics.js'

export const CHAPTER_HREF = 'article.xhtml'
export const CSS_HREF = 'css/style.css'
export const IMAGE_FOLDER = 'images/'

/** What the package document must know about one image in the reading order. */
export interface ImageFact {
  alt: string
  mediaType: Asset['mediaType']
}

export interface Chapter {
  xhtml: string
  images: ImageFact[]
  /** Whether the article has GFM footnotes (linked both ways). */
  notes: boolean
  /** The chapter holds MathML (the package says so: `properties="mathml"`). */
  math: boolean
}

/** A chapter of a book of many (render/epub/book.ts): where its links to other chapters go. */
export interface InBook {
  articleHref: (node: Element) => string | undefined
  /** The book's content documents (`chapter-02.xhtml`): links to them stay. */
  documents: ReadonlySet<string>
}

/**
 * The article as one XHTML content document: the HTML renderer's `<article>` with EPUB semantics added
 * (note references, notes, back links) and what EPUB forbids taken out (remote images, links to files
 * that are not in the package, fragment links to ids that do not exist).
 */
export function chapterDocument(article: Article, context: RenderContext, inBook?: InBook): Chapter {
  const types = new Map([...article.assets.values()].map((asset) => [IMAGE_FOLDER + asset.name, asset.mediaType]))
  const content = articleContent(article, {
    imageSrc: (asset) => IMAGE_FOLDER + asset.name,
    // A book cannot link a file beside it: another article is linked where it is published (its web
    // page, else its book) when the build knows that address; else the link keeps only its text.
    // In a book of many chapters, a link to another chapter goes to that chapter's document.
    articleHref: (target, fragment, node) => {
      const inside = inBook?.articleHref(node)
      if (inside !== undefined) return inside
      if (!context.baseUrl) return undefined
      const href = relativeHref('', target, context.formats.includes('html') ? 'html' : 'epub', fragment)
      return `${context.baseUrl}/${href}`
    },
    adjust: (body) => epubSemantics(body, { article, packaged: new Set([...types.keys(), ...(inBook?.documents ?? [])]) })
  })
  // After wrapping: the header's ids (title, contents) are link targets too.
  dropBrokenFragments(content, article)

  const images: ImageFact[] = []
  let notes = false
  let math = false
  visit(content, 'element', (node) => {
    if (node.tagName === 'math') math = true
    if (node.tagName === 'img')
      images.push({
        alt: typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '',
        mediaType: types.get(String(node.properties.src))!
      })
    if (node.properties.dataFootnotes !== undefined) notes = true
  })

  const { meta } = article
  const xhtml = xhtmlPage({ title: meta.title, lang: meta.lang, dir: meta.dir, css: CSS_HREF, body: [h('main', [content])] })
  return { xhtml, images, notes, math }
}
