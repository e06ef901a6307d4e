import type { Element } from 'hast'
import { ensure, gap, place } from '../flow/cursor.js'
import { all, withText, type BlockHandler } from '../state.js'
import { container } from './containers.js'
import { drawHeading } from './heading.js'

/**
 * section.footnotes (GFM): its notes go to the foot of the pages that reference them (layout/notes.ts).
 * What no page foot took (a note taller than `footnotes_max_height_ratio` of a page) stays here, as
 * endnotes after a short rule, under a small heading that also goes in the outline. Items keep their
 * ids (`fn-1`) and back-links (`#fnref-1`) as named destinations and jumps.
 */
export const section: BlockHandler = (state, node, parent) => {
  const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
  if (!classes.includes('footnotes')) {
    container(state, node, parent)
    return
  }
  const { theme, ink } = state
  const endnotes = state.notes.endnotes()
  if (endnotes.length === 0) return
  const label = node.children.find((child): child is Element => child.type === 'element' && /^h[1-6]$/.test(child.tagName))
  const rest = {
    ...node,
    children: node.children
      .filter((child) => child !== label)
      .flatMap((child) => (child.type === 'element' && child.tagName === 'ol' ? endnotes : [child]))
  }
  const ruleWidth = theme.num('footnotes', 'rule_width')
  gap(state, theme.num('footnotes', 'margin_top'))
  const headingSize = theme.num('footnotes_heading', 'font_size')
  ensure(state, ruleWidth + headingSize * 3 + 2 * state.scope.text.size * state.scope.text.lineHeight)
  const y = place(state, ruleWidth) + ruleWidth / 2
  const length = state.scope.frame.width * theme.num('footnotes', 'rule_length')
  const from = state.direction === 'rtl' ? state.scope.frame.x + state.scope.frame.width - length : state.scope.frame.x
  ink.line(from, y, from + length, y, theme.str('footnotes', 'rule_color'), ruleWidth)
  const tag = ink.open('Sect')
  withText(state, { size: theme.num('footnotes', 'font_size'), lineHeight: theme.num('footnotes', 'line_height') }, () => {
    if (label) drawHeading(state, label, 2, ['footnotes_heading', 'heading_h2', 'heading'], () => 0)
    all(state, rest)
  })
  ink.close(tag)
}
