import type { Article, Asset } from '../../article/article.js'
import type { RenderContext } from '../context.js'
import { articleContent } from './content.js'
import { htmlPage } from './page.js'
import { relativeHref } from '../../common/hrefs.js'

/** One self-contained HTML page: CSS inlined, local images embedded as data URIs, no script. */
export function renderHtml(article: Article, context: RenderContext): Buffer {
  // Another article's page sits beside this one in the mirrored output folders.
  const content = articleContent(article, {
    imageSrc: dataUri,
    articleHref: (target, fragment) => relativeHref(article.path, target, 'html', fragment)
  })
  return Buffer.from(htmlPage(article, content, context), 'utf8')
}

function dataUri(asset: Asset): string {
  return `data:${asset.mediaType};base64,${asset.data.toString('base64')}`
}

export { articleContent } from './content.js'
