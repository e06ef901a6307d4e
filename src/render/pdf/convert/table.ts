import type { Element } from 'hast'
import { atTop, ensure, gap, keptTogether, newPage, pageRoom, remaining, splitsWhereItFalls } from '../flow/cursor.js'
import { baseRunStyle, runsOf } from '../inline/collect.js'
import { breakLines, widthsOf, type Line } from '../inline/linebreak.js'
import { alignOf, type BlockHandler, type State } from '../state.js'
import type { Tag } from '../ink/ink.js'
import { caption } from './containers.js'
import { columnWidths, type ColumnMeasure } from './table-columns.js'
import { bandsOf, drawBand, rowHeight, spanOf, type Cell, type Row } from './table-rows.js'
import { widestWord } from './table-words.js'

/**
 * table: columns sized from their content, cells wrapped, rows kept whole unless taller than a page,
 * the header row repeated (as decoration) at the top of each new page. Table > THead/TBody > TR > TH/TD.
 * A cell spanning columns takes their widths together; rows joined by a cell spanning rows are kept
 * on one page as a band (when the band is taller than a page, its cells span one row each).
 * A table whose longest words cannot all fit side by side is set smaller (down to
 * `table_min_font_size`, or `table_overflow_min_font_size` with `table_overflow: scale`) before its
 * words break, and they break at their break opportunities before anywhere.
 */
export const table: BlockHandler = (state, node) => {
  const { theme, ink } = state
  const title = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption')
  if (title) caption(state, title, node)
  const plan = planTable(state, node)
  if (!plan) return
  const { rows, widths, layout, head, pad } = plan
  gap(state, theme.num('table', 'margin_top'))
  const bands = bandsOf(rows)
  const heights = bands.map((band) => band.reduce((total, row) => total + rowHeight(layout(row), pad), 0))
  const whole = heights.reduce((total, height) => total + height, 0)
  // A short table is kept together as a short code block is (unless the chain before it let it
  // split); a longer one starts where its header and first `table_split_rows` rows fit.
  const least = theme.num('table', 'split_rows')
  if (!ink.dry && whole <= keptTogether(state) && !splitsWhereItFalls(state, node)) ensure(state, whole)
  else ensure(state, startHeight(state, plan))
  const tag = ink.open('Table')
  let group: { name: Row['group']; tag: Tag } | undefined
  for (const [index, band] of bands.entries()) {
    const first = band[0] as Row
    if (group?.name !== first.group) {
      if (group) ink.close(group.tag)
      group = { name: first.group, tag: ink.open(first.group) }
    }
    const repeat =
      first.group === 'THead' ? undefined : () => ink.artifact(() => drawBand(state, head, head.map(layout), widths, pad, undefined))
    // This page's rows end early when fewer than `least` would go over.
    if (!ink.dry && first.group !== 'THead' && !atTop(state) && splitBefore(state, heights, index, least) === index) {
      newPage(state)
      repeat?.()
    }
    drawBand(state, band, band.map(layout), widths, pad, repeat)
  }
  if (group) ink.close(group.tag)
  ink.close(tag)
  gap(state, theme.num('table', 'margin_bottom'))
}

interface TablePlan {
  rows: Row[]
  widths: number[]
  layout: (row: Row) => Line[][]
  head: Row[]
  pad: number
}

/**
 * Rows, their cells' runs and the columns' widths. A table whose words cannot all fit side by side is
 * set smaller as a whole (type and cell padding), just enough for them to fit, down to
 * `table_min_font_size`; with `table_overflow: scale`, further, down to `table_overflow_min_font_size`.
 * Only then do its words break, at their break opportunities (`columnWidths`).
 */
function planTable(state: State, node: Element): TablePlan | undefined {
  const { theme } = state
  const lineHeight = theme.num('table', 'line_height')
  const size = theme.num('table', 'font_size')
  const available = state.scope.frame.width
  const setAt = (at: number) => {
    const rows = rowsOf(state, node, at)
    const pad = (theme.num('table', 'cell_padding') * at) / size
    return { size: at, rows, pad, measures: rows.length > 0 ? measureColumns(state, rows, pad) : [] }
  }
  let set = setAt(size)
  if (set.rows.length === 0) return undefined
  const fits = (measures: ColumnMeasure[]) => measures.reduce((sum, column) => sum + column.words, 0) <= available
  const floors = [theme.num('table', 'min_font_size')]
  if (theme.str('table', 'overflow') === 'scale') floors.push(theme.num('table', 'overflow_min_font_size'))
  for (const floor of floors) {
    if (fits(set.measures) || set.size <= floor) break
    set = setAt(smallerSize(set, available, floor))
    // Widths are nearly proportional to the size: a step or two more at most.
    for (let step = 0; step < 4 && !fits(set.measures) && set.size > floor; step += 1)
      set = setAt(Math.max(floor, Math.floor(set.size * 0.98 * 20) / 20))
  }
  const { rows, pad, measures } = set
  const widths = columnWidths(measures, available)
  const layout = (row: Row) => row.cells.map((cell) => breakLines(state, cell.runs, spanOf(widths, cell) - 2 * pad, cell.style, lineHeight))
  return { rows, widths, layout, head: rows.filter((row) => row.group === 'THead'), pad }
}

/** The size at which a table's widest words would just fit `available`, not below `floor`, on a twentieth of a point. */
function smallerSize({ size, measures }: { size: number; measures: ColumnMeasure[] }, available: number, floor: number): number {
  // Everything but the point each column keeps to spare grows with the size.
  const words = measures.reduce((sum, column) => sum + column.words, 0) - measures.length
  const fitting = (size * (available - measures.length)) / words
  return Math.max(floor, Math.min(size, Math.floor(fitting * 20) / 20))
}

/**
 * Where the rows from `index` on break to the next page so that no fewer than `least` go over: the
 * band before which to break (at most `index`'s own), or undefined when they all fit here or more
 * than `least` go over anyway.
 */
function splitBefore(state: State, heights: number[], index: number, least: number): number | undefined {
  let room = remaining(state)
  let fit = index
  while (fit < heights.length && (heights[fit] as number) <= room + 0.001) room -= heights[fit++] as number
  const over = heights.length - fit
  if (over === 0 || over >= least || fit === index) return undefined
  return Math.max(index, fit - (least - over))
}

/** What must fit where a table starts: its header rows and its first `table_split_rows` body rows, or a third of a page of them. */
function startHeight(state: State, { rows, layout, head, pad }: TablePlan): number {
  const headHeight = head.reduce((total, row) => total + rowHeight(layout(row), pad), 0)
  const firstBody = rows.filter((row) => row.group !== 'THead').slice(0, state.theme.num('table', 'split_rows'))
  const bodyHeight = firstBody.reduce((total, row) => total + rowHeight(layout(row), pad), 0)
  return headHeight + Math.min(bodyHeight, pageRoom(state) / 3)
}

/** `startHeight` of a table without a caption, for a heading to keep it with it; undefined with one. */
export function tableStartHeight(state: State, node: Element): number | undefined {
  if (node.children.some((child) => child.type === 'element' && child.tagName === 'caption')) return undefined
  const plan = planTable(state, node)
  return plan ? state.theme.num('table', 'margin_top') + startHeight(state, plan) : 0
}

/**
 * Each column's natural width (no wrapping), widest word and minimum (its widest unbreakable piece),
 * padding included. Cells spanning columns count last: what they need beyond their columns' sum is
 * shared evenly among those columns.
 */
function measureColumns(state: State, rows: Row[], pad: number): ColumnMeasure[] {
  const columns = Math.max(...rows.flatMap((row) => row.cells.map((cell) => cell.column + cell.colSpan)))
  const measures = Array.from({ length: columns }, () => ({ natural: 0, words: 0, minimum: 0 }))
  const cells = rows.flatMap((row) => row.cells).sort((a, b) => a.colSpan - b.colSpan)
  for (const cell of cells) {
    const found = widthsOf(state, cell.runs)
    const spanned = measures.slice(cell.column, cell.column + cell.colSpan)
    // A point to spare: a column exactly as wide as its longest word would cut it by a rounding error.
    const minimum = found.minimum + 2 * pad + 1
    const words = Math.max(minimum, widestWord(state, cell.runs) + 2 * pad + 1)
    const want = { natural: Math.max(words, found.natural + 2 * pad), words, minimum }
    for (const key of ['natural', 'words', 'minimum'] as const) {
      const short = want[key] - spanned.reduce((total, column) => total + column[key], 0)
      if (short > 0) for (const column of spanned) column[key] += short / spanned.length
    }
  }
  for (const column of measures) {
    column.words = Math.max(column.words, column.minimum)
    column.natural = Math.max(column.natural, column.words)
  }
  return measures
}

function rowsOf(state: State, node: Element, size: number): Row[] {
  const rows: Row[] = []
  const base = baseRunStyle({ ...state.scope.text, size, lineHeight: state.theme.num('table', 'line_height') })
  const headStyle = state.theme.str('table_head', 'font_style')
  const head = { ...base, bold: headStyle.includes('bold'), italic: headStyle.includes('italic') }
  // Columns still covered by a cell from a row above, by column: how many more rows.
  let covered: number[] = []
  const visit = (parent: Element, group: Row['group']) => {
    covered = []
    for (const child of parent.children) {
      if (child.type !== 'element') continue
      if (child.tagName === 'thead') visit(child, 'THead')
      else if (child.tagName === 'tbody') visit(child, 'TBody')
      else if (child.tagName === 'tfoot') visit(child, 'TFoot')
      else if (child.tagName === 'tr') {
        const cells = child.children.filter(
          (cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th')
        )
        const header = group === 'THead' || cells.every((cell) => cell.tagName === 'th')
        let column = 0
        const placed = cells.map((cell, index): Cell => {
          while ((covered[column] ?? 0) > 0) column += 1
          const style = cell.tagName === 'th' ? head : base
          const runs = runsOf(state, cell.children, style)
          // Ids of the cell (or of its row, on the first cell) become named destinations there.
          for (const id of [cell.properties.id, index === 0 ? child.properties.id : undefined])
            if (typeof id === 'string' && id !== '') runs.unshift({ text: '', style, anchor: id })
          const colSpan = Math.max(1, Math.floor(Number(cell.properties.colSpan) || 1))
          const rowSpan = Math.max(1, Math.floor(Number(cell.properties.rowSpan) || 1))
          const made = { header: cell.tagName === 'th', align: alignOf(cell) ?? 'start', style, runs, column, colSpan, rowSpan }
          column += colSpan
          return made
        })
        for (let index = 0; index < covered.length; index += 1) covered[index] = Math.max(0, (covered[index] ?? 0) - 1)
        for (const cell of placed) for (let at = cell.column; at < cell.column + cell.colSpan; at += 1) covered[at] = cell.rowSpan - 1
        rows.push({ group: header && group === 'TBody' && rows.length === 0 ? 'THead' : group, cells: placed })
      }
    }
  }
  visit(node, 'TBody')
  return rows
}
