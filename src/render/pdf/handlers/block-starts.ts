import type { Element } from 'hast'
import type { State } from '../state.js'
import { codeStartHeight } from './code.js'
import { tableStartHeight } from './table.js'

/**
 * What a block that splits across pages needs where it starts, for a heading or an introducing
 * paragraph to keep with it: a code block's first two lines, a table's header and first row.
 * Undefined for other blocks (and a table with a caption).
 */
export function splitStart(state: State, node: Element): number | undefined {
  if (node.tagName === 'pre') return codeStartHeight(state)
  if (node.tagName === 'table') return tableStartHeight(state, node)
  return undefined
}
