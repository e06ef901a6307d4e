import type { Root } from 'hast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { RESERVED_IDS } from './headings.js'

/**
 * Warn about links inside the article that go nowhere, and footnote references without a
 * definition (GFM leaves those as literal `[^x]` text).
 */
export function checkReferences(tree: Root, file: VFile): void {
  // Links to what the renderers add around the body (title, contents) are fine.
  const ids = new Set(RESERVED_IDS)
  visit(tree, 'element', (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id)
  })
  visit(tree, (node) => {
    // Code shows `[^x]` as it is written: not a reference.
    if (node.type === 'element' && (node.tagName === 'code' || node.tagName === 'pre')) return SKIP
    if (
      node.type === 'element' &&
      node.tagName === 'a' &&
      typeof node.properties.href === 'string' &&
      node.properties.href.startsWith('#')
    ) {
      let target = node.properties.href.slice(1)
      try {
        target = decodeURIComponent(target)
      } catch {
        // keep it as written
      }
      if (target !== '' && !ids.has(target))
        file.message(`Link to \`#${target}\` goes nowhere: no heading or anchor has that id`, {
          place: node.position,
          ruleId: 'link-target',
          source: 'quire'
        })
    }
    if (node.type === 'text') {
      for (const match of node.value.matchAll(/\[\^([^\]\s]+)\]/g)) {
        // Point at the reference itself, not the start of the text around it.
        const before = node.value.slice(0, match.index).split('\n')
        const start = node.position?.start
        const place = start && {
          line: start.line + before.length - 1,
          column: before.length === 1 ? start.column + match.index : before.at(-1)!.length + 1
        }
        file.message(`Footnote reference \`[^${match[1]}]\` has no definition`, { place, ruleId: 'footnote-definition', source: 'quire' })
      }
    }
  })
}
