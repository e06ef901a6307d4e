import type { Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import type { HeadingEntry } from '../article.js'

/** Every heading of the body with its id (set by rehype-slug), for outlines, TOCs and navs. */
export function collectHeadings(tree: Root): HeadingEntry[] {
  const headings: HeadingEntry[] = []
  visit(tree, 'element', (node) => {
    const rank = headingRank(node)
    if (rank && typeof node.properties.id === 'string' && !(node.properties.className as string[] | undefined)?.includes('sr-only')) {
      headings.push({ depth: rank as HeadingEntry['depth'], id: node.properties.id, text: toString(node).trim() })
    }
  })
  return headings
}

/** Ids the renderers give the parts they add around the body (title, contents, footnotes label). */
export const RESERVED_IDS = new Set(['article-title', 'toc-label', 'footnote-label'])
