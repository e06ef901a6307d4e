import type { Element, ElementContent, Parents } from 'hast'

/** What a rewrite step makes of an element: itself, what replaces it, or nothing (removed). */
export type Rewritten = ElementContent | ElementContent[] | undefined

/**
 * Depth-first rewrite of elements: `fn` returns the node itself (its children are visited next), what
 * replaces it (visited in turn, so `fn` must leave its own output alone), or nothing to remove it.
 */
export function rewrite(parent: Parents, ancestors: Parents[], fn: (node: Element, ancestors: Parents[]) => Rewritten): void {
  const path = [...ancestors, parent]
  const queue = [...(parent.children as ElementContent[])]
  const children: ElementContent[] = []
  while (queue.length > 0) {
    const child = queue.shift()!
    if (child.type !== 'element') {
      children.push(child)
      continue
    }
    const result = fn(child, path)
    if (result === child) {
      rewrite(child, path, fn)
      children.push(child)
    } else if (result) {
      queue.unshift(...[result].flat())
    }
  }
  parent.children = children
}
