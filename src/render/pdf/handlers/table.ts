import type { Element } from 'hast'
import { atTop, ensure, gap, newPage, pageRoom, place, remaining } from '../layout/arrange.js'
import { baseRunStyle, type Run, type RunStyle } from '../layout/inline.js'
import { closeLink, drawLine, type Align, type LinkState } from '../layout/lines.js'
import { breakLines, widthsOf, type Line } from '../layout/measure.js'
import { runsOf, type BlockHandler, type State } from '../state.js'
import type { Tag } from '../layout/ink.js'
import { caption } from './containers.js'
import { columnWidths } from './table-columns.js'

interface Cell {
  header: boolean
  align: Align
  style: RunStyle
  runs: Run[]
}

interface Row {
  cells: Cell[]
  group: 'THead' | 'TBody' | 'TFoot'
}

/**
 * table: columns sized from their content, cells wrapped, rows kept whole unless taller than a page,
 * the header row repeated (as decoration) at the top of each new page. Table > THead/TBody > TR > TH/TD.
 * A table whose longest words cannot all fit side by side is set smaller (down to
 * `table_min_font_size`) rather than cutting words.
 */
export const table: BlockHandler = (state, node) => {
  const { theme, ink } = state
  const title = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption')
  if (title) caption(state, title, node)
  const pad = theme.num('table', 'cell_padding')
  const lineHeight = theme.num('table', 'line_height')
  const size = theme.num('table', 'font_size')
  let rows = rowsOf(state, node, size)
  if (rows.length === 0) return
  let measures = measureColumns(state, rows, pad)
  const minimum = measures.reduce((sum, column) => sum + column.minimum, 0)
  if (minimum > state.frame.width) {
    const smaller = Math.max(theme.num('table', 'min_font_size', size), (size * (state.frame.width - measures.length * (2 * pad + 1))) / (minimum - measures.length * (2 * pad + 1)))
    rows = rowsOf(state, node, Math.min(size, smaller))
    measures = measureColumns(state, rows, pad)
  }
  const widths = columnWidths(measures, state.frame.width)
  const layout = (row: Row) => row.cells.map((cell, index) => breakLines(state, cell.runs, (widths[index] ?? 0) - 2 * pad, cell.style, lineHeight))
  const head = rows.filter((row) => row.group === 'THead')
  const headHeight = head.reduce((total, row) => total + rowHeight(layout(row), pad), 0)
  gap(state, theme.num('table', 'margin_top'))
  const firstBody = rows.find((row) => row.group !== 'THead')
  ensure(state, headHeight + (firstBody ? Math.min(rowHeight(layout(firstBody), pad), pageRoom(state) / 3) : 0))
  const tag = ink.open('Table')
  let group: { name: Row['group']; tag: Tag } | undefined
  for (const row of rows) {
    if (group?.name !== row.group) {
      if (group) ink.close(group.tag)
      group = { name: row.group, tag: ink.open(row.group) }
    }
    const cells = layout(row)
    const repeat = row.group === 'THead' ? undefined : () => head.forEach((headRow) => ink.artifact(() => drawRow(state, headRow, layout(headRow), widths, pad, undefined)))
    drawRow(state, row, cells, widths, pad, repeat)
  }
  if (group) ink.close(group.tag)
  ink.close(tag)
  gap(state, theme.num('table', 'margin_bottom'))
}

/** Each column's natural width (no wrapping) and minimum (its longest unbreakable piece), padding included. */
function measureColumns(state: State, rows: Row[], pad: number): { natural: number; minimum: number }[] {
  const columns = Math.max(...rows.map((row) => row.cells.length))
  const measures = Array.from({ length: columns }, () => ({ natural: 0, minimum: 0 }))
  for (const row of rows) {
    row.cells.forEach((cell, index) => {
      const found = widthsOf(state, cell.runs)
      const column = measures[index] as { natural: number; minimum: number }
      column.natural = Math.max(column.natural, found.natural + 2 * pad)
      // A point to spare: a column exactly as wide as its longest word would cut it by a rounding error.
      column.minimum = Math.max(column.minimum, found.minimum + 2 * pad + 1)
    })
  }
  return measures
}

function rowHeight(cells: Line[][], pad: number): number {
  return Math.max(0, ...cells.map((lines) => lines.reduce((total, line) => total + line.height, 0))) + 2 * pad
}

/** Draw one row; a row taller than the room left goes to a new page, or is split when taller than a page. */
function drawRow(state: State, row: Row, cells: Line[][], widths: number[], pad: number, repeatHead: (() => void) | undefined): void {
  const { ink, theme } = state
  const height = rowHeight(cells, pad)
  const breakPage = () => {
    newPage(state)
    repeatHead?.()
  }
  if (height > remaining(state) + 0.001 && !atTop(state) && (height <= pageRoom(state) || remaining(state) < pageRoom(state) / 4)) breakPage()
  const rowTag = ink.open('TR')
  // Each cell's element is opened now (document order) and filled part by part below.
  const tags = row.cells.map((cell) => {
    const tag = ink.open(cell.header ? 'TH' : 'TD', cell.header ? { scope: 'Column' } : undefined)
    ink.close(tag, true)
    return { cell, tag }
  })
  const next = cells.map(() => 0)
  const links = row.cells.map((): LinkState => ({ open: undefined }))
  for (;;) {
    // Lines of each cell that fit in the room left (all of them when the row fits).
    const room = Math.max(remaining(state), 0) - 2 * pad
    const parts = cells.map((lines, index) => {
      let used = 0
      let end = next[index] as number
      while (end < lines.length && used + (lines[end] as Line).height <= room + 0.001) used += (lines[end++] as Line).height
      if (end === next[index] && end < lines.length && atTop(state)) used += (lines[end++] as Line).height
      return { end, used }
    })
    const partHeight = Math.max(0, ...parts.map((part) => part.used)) + 2 * pad
    const top = place(state, partHeight)
    const background = row.cells.some((cell) => cell.header) ? theme.color('table_head', 'background_color') : undefined
    const total = widths.reduce((sum, width) => sum + width, 0)
    // Right-to-left tables start at the right margin, their first column rightmost.
    const rtl = state.direction === 'rtl'
    const left = rtl ? state.frame.x + state.frame.width - total : state.frame.x
    if (background) ink.box({ x: left, y: top, w: total, h: partHeight }, { fill: background })
    ink.box({ x: left, y: top, w: total, h: partHeight }, { stroke: theme.str('table', 'border_color'), lineWidth: theme.num('table', 'border_width') })
    let edge = rtl ? left + total : left
    widths.forEach((width, index) => {
      if (index > 0) ink.line(edge, top, edge, top + partHeight, theme.str('table', 'border_color'), theme.num('table', 'border_width'))
      const x = rtl ? edge - width : edge
      const lines = cells[index] ?? []
      const cell = row.cells[index]
      const tag = tags[index]?.tag
      if (cell && tag) {
        ink.within(tag, () => {
          let y = top + pad
          for (let line = next[index] as number; line < (parts[index]?.end ?? 0); line += 1) {
            drawLine(state, lines[line] as Line, x + pad, y, width - 2 * pad, cell.align, links[index] as LinkState)
            y += (lines[line] as Line).height
          }
          closeLink(state, links[index] as LinkState)
        }, true)
      }
      edge = rtl ? edge - width : edge + width
    })
    parts.forEach((part, index) => (next[index] = part.end))
    if (cells.every((lines, index) => (next[index] as number) >= lines.length)) break
    breakPage()
  }
  for (const { tag } of tags) ink.close(tag)
  ink.close(rowTag)
}

function rowsOf(state: State, node: Element, size: number): Row[] {
  const rows: Row[] = []
  const base = baseRunStyle({ ...state.text, size, lineHeight: state.theme.num('table', 'line_height') })
  const headStyle = state.theme.str('table_head', 'font_style', 'bold')
  const head = { ...base, bold: headStyle.includes('bold'), italic: headStyle.includes('italic') }
  const visit = (parent: Element, group: Row['group']) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'thead') visit(child, 'THead')
      else if (child.tagName === 'tbody') visit(child, 'TBody')
      else if (child.tagName === 'tfoot') visit(child, 'TFoot')
      else if (child.tagName === 'tr') {
        const cells = child.children.filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'))
        const header = group === 'THead' || cells.every((cell) => cell.tagName === 'th')
        rows.push({
          group: header && group === 'TBody' && rows.length === 0 ? 'THead' : group,
          cells: cells.map((cell, index) => {
            const style = cell.tagName === 'th' ? head : base
            const runs = runsOf(state, cell.children, style)
            // Ids of the cell (or of its row, on the first cell) become named destinations there.
            for (const id of [cell.properties.id, index === 0 ? child.properties.id : undefined]) if (typeof id === 'string' && id !== '') runs.unshift({ text: '', style, anchor: id })
            return { header: cell.tagName === 'th', align: alignOf(cell), style, runs }
          })
        })
      }
    }
  }
  visit(node, 'TBody')
  return rows
}

function alignOf(cell: Element): Align {
  const classes = Array.isArray(cell.properties.className) ? cell.properties.className.map(String) : []
  if (classes.includes('align-center')) return 'center'
  if (classes.includes('align-right')) return 'right'
  if (classes.includes('align-left')) return 'left'
  return 'start'
}
