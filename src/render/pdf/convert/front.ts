import { formatDate } from '../../../common/dates.js'
import { flow, gap, place } from '../flow/cursor.js'
import { baseRunStyle, type Run } from '../inline/collect.js'
import { flowText } from '../flow/text.js'
import { closeLink, drawLine, type LinkState } from '../inline/set-lines.js'
import { breakLines } from '../inline/linebreak.js'
import { fontOf, type State } from '../state.js'

// The front of the document, made from the metadata rather than the tree: the title block and,
// when asked for, the contents (page numbers are written in the finishing pass).

/** Title, subtitle, authors and date, then a rule. */
export function titleBlock(state: State): void {
  const { theme, ink, article } = state
  const { meta } = article
  const line = (scope: string, type: string, text: string) => {
    if (text.trim() === '') return
    const style = theme.text(scope)
    const base = baseRunStyle(style)
    const tag = ink.open(type)
    flowText(state, [{ text, style: base }], { base, lineHeight: style.lineHeight })
    ink.close(tag)
    gap(state, theme.num(scope, 'margin_bottom'))
  }
  line('title', 'H1', meta.title)
  if (meta.subtitle) line('subtitle', 'P', meta.subtitle)
  if (meta.authors.length > 0) line('byline', 'P', `${state.labels.by} ${meta.authors.join(', ')}`)
  if (meta.date) line('byline', 'P', formatDate(meta.date, meta.lang))
  const width = theme.num('title_block', 'rule_width')
  gap(state, theme.num('title_block_rule', 'margin_top'))
  const y = place(state, width) + width / 2
  ink.line(state.scope.frame.x, y, state.scope.frame.x + state.scope.frame.width, y, theme.str('title_block', 'rule_color'), width)
  gap(state, theme.num('title_block', 'margin_bottom'))
}

/** A contents list of the article's headings (`toc_levels` deep), each a link to its heading. */
export function contents(state: State): void {
  const { theme, ink, article, labels } = state
  const top = Math.min(...article.headings.map((entry) => entry.depth))
  const entries = article.headings.filter((entry) => entry.depth - top < theme.num('toc', 'levels'))
  if (entries.length === 0) return
  const headingStyle = theme.text(['toc_heading', 'heading'])
  const headingBase = baseRunStyle(headingStyle)
  gap(state, theme.num(['toc_heading', 'heading'], 'margin_top'))
  const heading = ink.open('H2')
  flowText(state, [{ text: labels.contents, style: headingBase }], { base: headingBase, lineHeight: headingStyle.lineHeight })
  ink.close(heading)
  gap(state, theme.num(['toc_heading', 'heading'], 'margin_bottom'))
  const style = { ...state.scope.text, size: theme.num('toc', 'font_size'), lineHeight: theme.num('toc', 'line_height') }
  const base = baseRunStyle(style)
  const numberWidth = ink.measure(fontOf(state, style), style.size, '0000')
  const toc = ink.open('TOC')
  for (const entry of entries) {
    const indent = (entry.depth - top) * theme.num('toc', 'indent')
    const runs: Run[] = [{ text: entry.text, style: { ...base, link: { dest: entry.id, label: entry.text } } }]
    const width = state.scope.frame.width - indent - numberWidth
    // Right-to-left: entries indent from the right, page numbers stand at the left.
    const rtl = state.direction === 'rtl'
    const x = rtl ? state.scope.frame.x + numberWidth : state.scope.frame.x + indent
    const lines = breakLines(state, runs, width, base, style.lineHeight)
    const item = ink.open('TOCI')
    const links: LinkState = { open: undefined }
    let last = { page: 0, baseline: 0, end: 0 }
    flow(
      state,
      lines,
      (line, y) => {
        drawLine(state, line, x, y, width, 'start', links)
        last = { page: ink.page, baseline: y + line.ascent, end: rtl ? x + width - line.width : x + line.width }
      },
      { orphans: 2, widows: 2 }
    )
    closeLink(state, links)
    ink.close(item, true)
    if (!ink.dry)
      state.pendingNumbers.push({
        id: entry.id,
        page: last.page,
        right: rtl ? state.scope.frame.x : state.scope.frame.x + state.scope.frame.width,
        baseline: last.baseline,
        tag: item,
        after: last.end,
        style,
        rtl
      })
    gap(state, theme.num('toc', 'item_spacing'))
  }
  ink.close(toc, true)
  gap(state, theme.num('toc', 'margin_bottom'))
}
