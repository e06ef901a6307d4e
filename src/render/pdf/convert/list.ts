import type { Element } from 'hast'
import { gap, indentedStart, measure, place } from '../flow/cursor.js'
import { raggedParagraphs } from '../flow/text.js'
import { visualText } from '../inline/bidi.js'
import { all, fontOf, within, type BlockHandler, type State } from '../state.js'

/**
 * ul/ol: L > LI > (Lbl, LBody). Markers hang in a gutter left of the text, on the baseline of the
 * item's first line; ordered lists honour `start`. Task list items get a box, ticked when checked.
 */
export const list: BlockHandler = (state, node) => {
  const { theme, ink } = state
  const items = node.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'li')
  const ordered = node.tagName === 'ol'
  const start = Number.parseInt(String(node.properties.start ?? '1'), 10)
  const first = Number.isFinite(start) ? start : 1
  const bullets = [...theme.str('list', 'bullets')]
  const bullet = bullets[state.scope.listDepth % bullets.length] ?? '•'
  const markers = items.map((item, index) => (isTask(item) ? '' : ordered ? `${first + index}.` : bullet))
  const font = fontOf(state, state.scope.text)
  const markerGap = theme.num('list', 'marker_gap')
  const widest = Math.max(0, ...markers.map((marker) => ink.measure(font, state.scope.text.size, marker)))
  // Deep in a narrow column a list stops indenting: its markers hang in the enclosing list's gutter.
  const wanted = Math.max(theme.num('list', 'indent'), widest + markerGap)
  const gutter = state.scope.frame.width - wanted < state.column.width * theme.num('block', 'min_width_ratio') ? 0 : wanted
  // Nested lists sit right under their item's text, as in HTML; only the outermost list has margins.
  const nested = state.scope.listDepth > 0
  if (!nested) gap(state, theme.num('list', 'margin_top'))
  const body = () =>
    within(state, { listDepth: state.scope.listDepth + 1 }, () =>
      items.forEach((item, index) => {
        if (index > 0) gap(state, theme.num('list', 'item_spacing'))
        listItem(state, item, markers[index] ?? '', gutter)
      })
    )
  // A tight list (a changelog's) one of whose items cannot be justified is set ragged right whole:
  // items alike side by side, not some justified and loose beside others ragged.
  let ragged = false
  if (!ink.dry && !state.scope.ragged && theme.bool('list', 'ragged_whole') && items.every(tight)) {
    const before = raggedParagraphs(state)
    measure(state, body)
    ragged = raggedParagraphs(state) > before
  }
  const tag = ink.open('L')
  if (ragged) within(state, { ragged: true }, body)
  else body()
  ink.close(tag)
  gap(state, nested ? theme.num('list', 'item_spacing') : theme.num('list', 'margin_bottom'))
}

/** An item of a tight list: its text is not in paragraphs. */
function tight(item: Element): boolean {
  return !item.children.some((child) => child.type === 'element' && child.tagName === 'p')
}

function isTask(item: Element): boolean {
  const classes = item.properties.className
  return Array.isArray(classes) && classes.includes('task-list-item')
}

function checkbox(item: Element): Element | undefined {
  const found = item.children.find((child) => child.type === 'element' && child.tagName === 'input')
  return found?.type === 'element' ? found : undefined
}

function listItem(state: State, item: Element, marker: string, gutter: number): void {
  const { theme, ink } = state
  const tag = ink.open('LI')
  const box = isTask(item) ? checkbox(item) : undefined
  const label = ink.open('Lbl', box ? { actual: box.properties.checked ? '☑' : '☐' } : undefined)
  ink.close(label, true)
  const id = typeof item.properties.id === 'string' ? item.properties.id : undefined
  // The gutter's inner edge, where markers end (in right-to-left text the gutter is on the right).
  const rtl = state.direction === 'rtl'
  const edge = rtl
    ? state.scope.frame.x + state.scope.frame.width - gutter + theme.num('list', 'marker_gap')
    : state.scope.frame.x + gutter - theme.num('list', 'marker_gap')
  const style = state.scope.text
  const font = fontOf(state, style)
  const color = theme.str('list_marker', 'font_color')
  let drawn = false
  const draw = (baseline: number) => {
    drawn = true
    if (id) ink.destination(id, baseline - style.size * style.lineHeight)
    ink.within(label, () => {
      if (box) {
        const size = style.size * theme.num('task', 'box_size')
        const rect = { x: rtl ? edge : edge - size, y: baseline - size * 0.95, w: size, h: size }
        const stroke = theme.str('task', 'box_color')
        ink.contentBox(
          rect,
          { stroke, lineWidth: theme.num('task', 'box_line_width'), radius: size * 0.15 },
          box.properties.checked ? stroke : undefined
        )
      } else {
        const width = ink.measure(font, style.size, marker)
        ink.text(rtl ? visualText(marker, 'rtl') : marker, rtl ? edge : edge - width, baseline, font, style.size, color)
      }
    })
  }
  // A nested list that opens an item shares its first line: both markers go on that baseline.
  const outer = state.flow.marker
  state.flow.marker = outer ? (baseline) => (outer(baseline), draw(baseline)) : draw
  const startY = state.flow.cursor.y
  const placed = state.flow.placed
  const body = ink.open('LBody')
  const content = { ...item, children: box ? item.children.filter((child) => child !== box) : item.children }
  indentedStart(state, gutter, () => all(state, content))
  // An item with nothing in it (`-` alone on its line) still has its line, as in HTML: its marker is
  // set on it, and the next item's goes below, not over it.
  if (state.flow.placed === placed) place(state, style.size * style.lineHeight)
  ink.close(body)
  if (!drawn && !ink.dry) {
    state.flow.marker = undefined
    draw(startY + style.size * style.lineHeight * 0.8)
  }
  ink.close(tag)
}
