import type { Element, Root } from 'hast'
import { common, createLowlight } from 'lowlight'
import { visit } from 'unist-util-visit'
import { toString } from 'hast-util-to-string'

// Registering the 37 common grammars costs ~30 ms: done on the first code block, not at start-up.
let lowlight: ReturnType<typeof createLowlight> | undefined

/**
 * Syntax-highlight fenced code once, in the shared tree: `code.language-x` gets `hljs-*` spans,
 * which the HTML/EPUB CSS and the PDF theme both colour. Unknown languages stay plain text.
 */
export function highlightCode(tree: Root): void {
  visit(tree, 'element', (node, _index, parent) => {
    if (node.tagName !== 'code' || !parent || (parent as Element).tagName !== 'pre') return
    const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
    const language = classes.find((name) => name.startsWith('language-'))?.slice('language-'.length)
    if (!language) return
    lowlight ??= createLowlight(common)
    if (!lowlight.registered(language)) return
    const result = lowlight.highlight(language, toString(node))
    node.children = result.children as Element['children']
    node.properties.className = [...classes, 'hljs']
  })
}
