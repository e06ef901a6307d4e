import { all, type BlockHandler } from '../state.js'

const warned = new WeakMap<object, Set<string>>()

/** An element no handler knows: its content still reaches the page (as blocks), with one warning per name. */
export const fallback: BlockHandler = (state, node) => {
  if (!state.ink.dry) {
    const seen = warned.get(state) ?? new Set<string>()
    warned.set(state, seen)
    if (!seen.has(node.tagName)) {
      seen.add(node.tagName)
      state.article.file.message(`PDF: no layout for \`<${node.tagName}>\`, set its text as plain blocks`, { place: node.position, ruleId: 'pdf-unknown-element', source: 'quire' })
    }
  }
  all(state, node)
}
