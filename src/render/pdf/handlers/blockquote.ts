import { decorate, gap, indentedStart, keepShort, place } from '../layout/arrange.js'
import { all, withText, type BlockHandler, type State } from '../state.js'
import type { Element } from 'hast'

/** blockquote: a rule down the start side (left, or right in right-to-left text) on every page the quote spans; short quotes stay on one page. */
export const blockquote: BlockHandler = (state, node) => {
  const { theme } = state
  gap(state, theme.num('blockquote', 'margin_top'))
  keepShort(state, () => quote(state, node))
  gap(state, theme.num('blockquote', 'margin_bottom'))
}

function quote(state: State, node: Element): void {
  const { theme, ink } = state
  const width = theme.num('blockquote', 'rule_width')
  const color = theme.str('blockquote', 'rule_color')
  const x = state.direction === 'rtl' ? state.frame.x + state.frame.width - width / 2 : state.frame.x + width / 2
  place(state, 0)
  const tag = ink.open('BlockQuote')
  const close = decorate(state, (top, bottom) => ink.line(x, top, x, bottom, color, width))
  withText(state, { color: theme.str('blockquote', 'font_color', state.text.color) }, () => {
    indentedStart(state, theme.num('blockquote', 'padding_left'), () => all(state, node))
  })
  close()
  ink.close(tag)
}
