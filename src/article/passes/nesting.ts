import type { Parent, Root } from 'mdast'
import type { VFile } from 'vfile'

// Each of these is one level; a list's items belong to its level.
const NESTING = new Set(['blockquote', 'list'])

/**
 * Flatten block quotes and lists nested deeper than `maxDepth`: their content stays, in order, at the
 * deepest level allowed, so no output runs off the page or overflows a reader's stack. Iterative, so
 * thousands of levels cost no recursion.
 */
export function limitNesting(tree: Root, file: VFile, maxDepth: number): void {
  let warned = false
  const stack: { node: Parent; depth: number }[] = [{ node: tree, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    const children: Parent['children'] = []
    for (const child of node.children) {
      if (depth >= maxDepth && NESTING.has(child.type) && 'children' in child) {
        if (!warned) {
          file.message(`Block quotes and lists nest deeper than ${maxDepth} levels: deeper levels are flattened`, {
            place: child.position,
            ruleId: 'limit-nesting',
            source: 'quire'
          })
          warned = true
        }
        // Unwrap until the content is not a nesting container; lists' items keep their paragraphs.
        const queue = [...(child as Parent).children]
        while (queue.length > 0) {
          const inner = queue.shift()!
          if ((NESTING.has(inner.type) || inner.type === 'listItem') && 'children' in inner) queue.unshift(...(inner as Parent).children)
          else children.push(inner as Parent['children'][number])
        }
      } else {
        children.push(child)
      }
    }
    node.children = children as typeof node.children
    for (const child of node.children) {
      if ('children' in child) stack.push({ node: child as Parent, depth: NESTING.has(child.type) ? depth + 1 : depth })
    }
  }
}
