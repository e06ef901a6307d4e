import { gap, place } from '../flow/cursor.js'
import type { BlockHandler } from '../state.js'

/** hr: a thematic break, drawn as a rule across the column (decoration, not content). */
export const rule: BlockHandler = (state) => {
  const { theme, ink } = state
  const width = theme.num('hr', 'width')
  gap(state, theme.num('hr', 'margin_top'))
  const y = place(state, width) + width / 2
  ink.line(state.scope.frame.x, y, state.scope.frame.x + state.scope.frame.width, y, theme.str('hr', 'color'), width)
  gap(state, theme.num('hr', 'margin_bottom'))
}
