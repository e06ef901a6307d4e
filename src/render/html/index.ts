import type { Article, Asset } from '../../article.js'
import type { RenderContext } from '../context.js'
import { articleContent } from './content.js'
import { htmlPage } from './page.js'

/** One self-contained HTML page: CSS inlined, local images embedded as data URIs, no script. */
export function renderHtml(article: Article, context: RenderContext): Buffer {
  const content = articleContent(article, { imageSrc: dataUri })
  return Buffer.from(htmlPage(article, content, context), 'utf8')
}

function dataUri(asset: Asset): string {
  return `data:${asset.mediaType};base64,${asset.data.toString('base64')}`
}

export { articleContent } from './content.js'
