import type { Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

/**
 * Make heading levels consecutive below the title (an h1), as screen readers, outlines and the Nu
 * checker expect: a heading that skips levels is raised to one below the heading it belongs to,
 * keeping siblings siblings. Each change is an info message at the heading.
 */
export function normaliseHeadingLevels(tree: Root, file: VFile): void {
  const stack: { written: number; drawn: number }[] = [{ written: 1, drawn: 1 }]
  visit(tree, 'element', (node) => {
    const written = headingRank(node)
    if (!written) return
    if (String(node.properties.className ?? '').includes('sr-only')) return
    while (stack.length > 0 && stack.at(-1)!.written >= written) stack.pop()
    const drawn = Math.min(written, (stack.at(-1)?.drawn ?? 0) + 1)
    stack.push({ written, drawn })
    if (drawn !== written) {
      node.tagName = `h${drawn}`
      file.info(`Heading level ${written} skips a level: drawn as level ${drawn}`, {
        place: node.position,
        ruleId: 'heading-level',
        source: 'quire'
      })
    }
  })
}
