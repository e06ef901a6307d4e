import type { Root } from 'hast'
import { visit, EXIT } from 'unist-util-visit'
import type { SetMath } from './typeset.js'

// MathJax's SVG output takes most of a second to load its fonts' data: only a PDF with math loads it.
let typesetter: typeof import('./typeset.js') | undefined

/** Load the typesetter when the tree holds a formula (before layout, which is synchronous). */
export async function loadMath(tree: Root): Promise<void> {
  if (typesetter) return
  let found = false
  visit(tree, 'element', (node) => {
    if (node.tagName !== 'math') return undefined
    found = true
    return EXIT
  })
  if (found) typesetter = await import('./typeset.js')
}

/** The formula set by MathJax; undefined when it cannot be (or was never loaded): its source stands in. */
export function setMath(tex: string, display: boolean): SetMath | undefined {
  return typesetter?.setMath(tex, display)
}
