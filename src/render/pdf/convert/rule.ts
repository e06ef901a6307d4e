import { gap, place } from '../flow/cursor.js'
import type { BlockHandler } from '../state.js'

/**
 * hr: a thematic break, drawn as a rule across the column (decoration, not content). A rule that
 * opens a list item (`- ***`) takes a line of text, its rule across the middle, so the item's marker
 * has a line to stand on (not a point a line below the rule, which can be past the page's foot).
 */
export const rule: BlockHandler = (state) => {
  const { theme, ink } = state
  const width = theme.num('hr', 'width')
  gap(state, theme.num('hr', 'margin_top'))
  const line = state.flow.marker ? state.scope.text.size * state.scope.text.lineHeight : 0
  const y = line > 0 ? place(state, line) + line / 2 : place(state, width) + width / 2
  ink.line(state.scope.frame.x, y, state.scope.frame.x + state.scope.frame.width, y, theme.str('hr', 'color'), width)
  gap(state, theme.num('hr', 'margin_bottom'))
}
