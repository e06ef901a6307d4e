import { decorate, gap, indentedStart, keepShort, place } from '../flow/cursor.js'
import { all, hasClass, one, withText, type BlockHandler, type State } from '../state.js'
import type { Element } from 'hast'

/**
 * blockquote: a rule down the start side (left, or right in right-to-left text) on every page the
 * quote spans; short quotes stay on one page. A GitHub alert (class `alert alert-<kind>`, see
 * transforms/alerts.ts) takes its rule's colour and its title's from `alert_<kind>_rule_color`, its
 * text's from `alert_font_color`, each falling back to the block quote's.
 */
export const blockquote: BlockHandler = (state, node) => {
  const { theme } = state
  gap(state, theme.num('blockquote', 'margin_top'))
  keepShort(state, () => quote(state, node), node)
  gap(state, theme.num('blockquote', 'margin_bottom'))
}

function quote(state: State, node: Element): void {
  const { theme, ink } = state
  const className = Array.isArray(node.properties.className) ? node.properties.className : []
  const kind = className.includes('alert')
    ? className.find((name) => typeof name === 'string' && name.startsWith('alert-'))?.slice('alert-'.length)
    : undefined
  const scopes = kind ? [`alert_${kind}`, 'alert', 'blockquote'] : ['blockquote']
  const width = theme.num(scopes, 'rule_width')
  const color = theme.str(scopes, 'rule_color')
  const title = kind
    ? node.children.find((child): child is Element => child.type === 'element' && hasClass(child, 'alert-title'))
    : undefined
  const x = state.direction === 'rtl' ? state.scope.frame.x + state.scope.frame.width - width / 2 : state.scope.frame.x + width / 2
  place(state, 0)
  const tag = ink.open('BlockQuote')
  const close = decorate(state, (top, bottom) => ink.line(x, top, x, bottom, color, width))
  withText(state, { color: theme.str(scopes, 'font_color') }, () => {
    indentedStart(state, theme.num(scopes, 'padding_left'), () => {
      if (!title) return all(state, node)
      withText(state, { color }, () => one(state, title, node))
      all(state, { ...node, children: node.children.filter((child) => child !== title) })
    })
  })
  close()
  ink.close(tag)
}
