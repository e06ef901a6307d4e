import type { Element, Parents } from 'hast'
import { keptTogether, measure, splitsWhereItFalls, splitWhereItFalls } from '../flow/cursor.js'
import { one, type State } from '../state.js'

/**
 * What a block that splits across pages needs where it starts, for a heading or an introducing
 * paragraph to keep with it: a code block's first two lines, a table's header and first row.
 * Undefined for other blocks (and a table with a caption).
 */
export function splitStart(state: State, node: Element): number | undefined {
  return state.handlers.start[node.tagName]?.(state, node)
}

/**
 * How much of `next` must fit where it starts for what comes before it (`ahead` high) to stay with
 * it: all of it when it is kept together (`keptTogether`), else its first `lines`, or more when it
 * splits only after its own start (`splitStart`).
 */
export function startOf(
  state: State,
  next: Element,
  parent: Parents | undefined,
  lines: number,
  ahead: number,
  start = splitStart(state, next)
): number {
  // A list is never kept together: its start is its first lines; nor is a block the chain's head
  // already let split (asked again from inside the chain, with less of the page left).
  const together = LISTS.has(next.tagName) || splitsWhereItFalls(state, next) ? 0 : keptTogether(state, ahead)
  const after = measure(state, () => one(state, next, parent), Math.max(together, lines))
  if (after <= together) return after
  splitWhereItFalls(state, next)
  return Math.min(after, Math.max(lines, start ?? 0))
}

const LISTS = new Set(['ul', 'ol', 'dl'])
