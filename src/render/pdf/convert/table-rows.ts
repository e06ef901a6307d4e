import { atTop, newPage, pageRoom, place, remaining } from '../flow/cursor.js'
import type { Run, RunStyle } from '../inline/collect.js'
import { anchorsOf, closeLink, drawLine, type Align, type LinkState } from '../inline/set-lines.js'
import type { Line } from '../inline/linebreak.js'
import type { State } from '../state.js'
import type { StructOptions } from '../ink/ink.js'

// A table's rows as drawn: cells placed in their columns, rows kept whole unless taller than a page,
// bands of rows a cell spans placed together, the header repeated on each new page (table.ts plans them).
export interface Cell {
  header: boolean
  align: Align
  style: RunStyle
  runs: Run[]
  /** First grid column the cell covers, and how many columns and rows it spans. */
  column: number
  colSpan: number
  rowSpan: number
}

export interface Row {
  cells: Cell[]
  group: 'THead' | 'TBody' | 'TFoot'
}

/** Width of the columns a cell spans. */
export function spanOf(widths: number[], cell: Cell): number {
  return widths.slice(cell.column, cell.column + cell.colSpan).reduce((total, width) => total + width, 0)
}

/** Left edge of a cell: right-to-left tables start at the right margin, their first column rightmost. */
function leftOf(state: State, widths: number[], cell: Cell): number {
  const before = widths.slice(0, cell.column).reduce((total, width) => total + width, 0)
  if (state.direction === 'rtl') return state.scope.frame.x + state.scope.frame.width - before - spanOf(widths, cell)
  return state.scope.frame.x + before
}

/** Runs of rows that cells spanning rows join: each is placed as a whole. */
export function bandsOf(rows: Row[]): Row[][] {
  const bands: Row[][] = []
  let start = 0
  while (start < rows.length) {
    let end = start
    for (let index = start; index <= end; index += 1)
      for (const cell of (rows[index] as Row).cells) end = Math.max(end, Math.min(rows.length - 1, index + cell.rowSpan - 1))
    bands.push(rows.slice(start, end + 1))
    start = end + 1
  }
  return bands
}

/**
 * Draw a band of rows. One row goes through `drawRow` (split over pages when taller than one); rows
 * joined by a spanning cell are placed together, each row as tall as its own cells need and the last
 * row of a spanning cell taller when the cell needs more; a band taller than a page is set row by row.
 */
export function drawBand(
  state: State,
  band: Row[],
  cells: Line[][][],
  widths: number[],
  pad: number,
  repeatHead: (() => void) | undefined
): void {
  const { ink, theme } = state
  if (band.length === 1) {
    drawRow(state, band[0] as Row, cells[0] ?? [], widths, pad, repeatHead)
    return
  }
  const content = (lines: Line[]) => lines.reduce((total, line) => total + line.height, 0) + 2 * pad
  const heights = band.map((row, index) =>
    Math.max(2 * pad, ...row.cells.map((cell, at) => (cell.rowSpan === 1 ? content(cells[index]?.[at] ?? []) : 0)))
  )
  band.forEach((row, index) => {
    row.cells.forEach((cell, at) => {
      if (cell.rowSpan === 1) return
      const last = Math.min(band.length, index + cell.rowSpan) - 1
      const short = content(cells[index]?.[at] ?? []) - heights.slice(index, last + 1).reduce((total, height) => total + height, 0)
      if (short > 0) heights[last] = (heights[last] as number) + short
    })
  })
  const height = heights.reduce((total, row) => total + row, 0)
  if (height > pageRoom(state)) {
    band.forEach((row, index) => drawRow(state, row, cells[index] ?? [], widths, pad, repeatHead))
    return
  }
  if (height + notesOf(state, cells.flat()) > remaining(state) + 0.001 && !atTop(state)) {
    newPage(state)
    repeatHead?.()
  }
  const top = place(state, height)
  const border = { stroke: theme.str('table', 'border_color'), lineWidth: theme.num('table', 'border_width') }
  band.forEach((row, index) => {
    const rowTag = ink.open('TR')
    const y = top + heights.slice(0, index).reduce((total, row) => total + row, 0)
    row.cells.forEach((cell, at) => {
      const last = Math.min(band.length, index + cell.rowSpan) - 1
      const rect = {
        x: leftOf(state, widths, cell),
        y,
        w: spanOf(widths, cell),
        h: heights.slice(index, last + 1).reduce((total, row) => total + row, 0)
      }
      const background = cell.header ? theme.color('table_head', 'background_color') : undefined
      if (background) ink.box(rect, { fill: background })
      ink.box(rect, border)
      const tag = ink.open(cell.header ? 'TH' : 'TD', cellOptions(cell))
      const links: LinkState = { open: undefined }
      let lineTop = y + pad
      for (const line of cells[index]?.[at] ?? []) {
        drawLine(state, line, rect.x + pad, lineTop, rect.w - 2 * pad, cell.align, links)
        lineTop += line.height
      }
      closeLink(state, links)
      ink.close(tag)
    })
    ink.close(rowTag)
  })
}

/** Room the footnotes referenced in these cells would take at this page's foot. */
function notesOf(state: State, cells: Line[][]): number {
  if (!state.notes.active) return 0
  return state.notes.extra(
    state,
    state.notes.fresh(
      state,
      cells.flatMap((lines) => lines.flatMap(anchorsOf))
    )
  )
}

/** Structure attributes of a cell: header scope, spans. */
function cellOptions(cell: Cell): StructOptions | undefined {
  const options: StructOptions = {
    ...(cell.header ? { scope: 'Column' as const } : {}),
    ...(cell.colSpan > 1 ? { colSpan: cell.colSpan } : {}),
    ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {})
  }
  return Object.keys(options).length > 0 ? options : undefined
}

export function rowHeight(cells: Line[][], pad: number): number {
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
  // The row's footnotes go to this page's foot too: the row moves on when they do not fit with it.
  const needed = height + notesOf(state, cells)
  if (needed > remaining(state) + 0.001 && !atTop(state) && (needed <= pageRoom(state) || remaining(state) < pageRoom(state) / 4))
    breakPage()
  const rowTag = ink.open('TR')
  // Each cell's element is opened now (document order) and filled part by part below.
  const tags = row.cells.map((cell) => {
    const tag = ink.open(cell.header ? 'TH' : 'TD', cellOptions(cell))
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
    const left = state.direction === 'rtl' ? state.scope.frame.x + state.scope.frame.width - total : state.scope.frame.x
    if (background) ink.box({ x: left, y: top, w: total, h: partHeight }, { fill: background })
    ink.box(
      { x: left, y: top, w: total, h: partHeight },
      { stroke: theme.str('table', 'border_color'), lineWidth: theme.num('table', 'border_width') }
    )
    row.cells.forEach((cell, index) => {
      const x = leftOf(state, widths, cell)
      const width = spanOf(widths, cell)
      const edge = state.direction === 'rtl' ? x + width : x
      if (cell.column > 0)
        ink.line(edge, top, edge, top + partHeight, theme.str('table', 'border_color'), theme.num('table', 'border_width'))
      const lines = cells[index] ?? []
      const tag = tags[index]?.tag
      if (tag) {
        ink.within(
          tag,
          () => {
            let y = top + pad
            for (let line = next[index] as number; line < (parts[index]?.end ?? 0); line += 1) {
              drawLine(state, lines[line] as Line, x + pad, y, width - 2 * pad, cell.align, links[index] as LinkState)
              y += (lines[line] as Line).height
            }
            closeLink(state, links[index] as LinkState)
          },
          true
        )
      }
    })
    parts.forEach((part, index) => (next[index] = part.end))
    if (cells.every((lines, index) => (next[index] as number) >= lines.length)) break
    breakPage()
  }
  for (const { tag } of tags) ink.close(tag)
  ink.close(rowTag)
}
