import type { Root } from 'hast'
import { visit } from 'unist-util-visit'

/** GFM column alignment arrives as the obsolete `align` attribute: turn it into a class the CSS styles. */
export function alignToClass(tree: Root): void {
  visit(tree, 'element', (node) => {
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof node.properties.align === 'string') {
      const align = node.properties.align
      delete node.properties.align
      if (align === 'left' || align === 'center' || align === 'right') node.properties.className = [`align-${align}`]
    }
  })
}
