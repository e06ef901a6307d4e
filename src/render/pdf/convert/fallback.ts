import { all, warn, type BlockHandler } from '../state.js'

/** An element no handler knows: its content still reaches the page (as blocks), with one warning per name. */
export const fallback: BlockHandler = (state, node) => {
  if (!state.ink.dry)
    warn(state.article.file, `PDF: no layout for \`<${node.tagName}>\`, set its text as plain blocks`, {
      ruleId: 'pdf-unknown-element',
      place: node.position
    })
  all(state, node)
}
