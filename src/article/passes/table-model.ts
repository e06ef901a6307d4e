import type { Element, Root } from 'hast'
import { SKIP, visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

const isElement = (node: unknown, ...names: string[]): node is Element =>
  (node as Element).type === 'element' && names.includes((node as Element).tagName)

/**
 * Repair the table model of hand-written HTML tables (READMEs do this often): drop empty rows, keep
 * `rowspan` inside its row group, and shrink `colspan`s over columns where no cell begins, so the
 * table means the same to a browser, a screen reader, the Nu checker and the PDF's table layout.
 */
export function repairTables(tree: Root, file: VFile, maxCells: number): void {
  visit(tree, 'element', (table) => {
    if (table.tagName !== 'table') return
    let cells = 0
    visit(table, 'element', (cell) => {
      if (cell.tagName === 'td' || cell.tagName === 'th') cells++
    })
    if (cells > maxCells) {
      file.message(`Table of ${cells} cells is over the limit of ${maxCells}: split it`, {
        place: table.position,
        ruleId: 'limit-table-size',
        source: 'quire'
      }).fatal = true
      return SKIP
    }
    const groups = table.children.some((child) => isElement(child, 'thead', 'tbody', 'tfoot'))
      ? table.children.filter((child) => isElement(child, 'thead', 'tbody', 'tfoot'))
      : [table]
    const allCells: { cell: Element; column: number; span: number }[] = []
    for (const group of groups as Element[]) {
      group.children = group.children.filter((row) => !isElement(row, 'tr') || row.children.some((cell) => isElement(cell, 'td', 'th')))
      const rows = group.children.filter((row): row is Element => isElement(row, 'tr'))
      const occupied: number[] = [] // rows still covered, by column
      rows.forEach((row, rowIndex) => {
        let column = 0
        for (const cell of row.children.filter((child): child is Element => isElement(child, 'td', 'th'))) {
          while ((occupied[column] ?? 0) > 0) column++
          const rowSpan = Math.max(1, Math.min(Number(cell.properties.rowSpan) || 1, rows.length - rowIndex))
          const span = Math.max(1, Number(cell.properties.colSpan) || 1)
          if (cell.properties.rowSpan !== undefined) cell.properties.rowSpan = rowSpan === 1 ? undefined : rowSpan
          for (let c = column; c < column + span; c++) occupied[c] = rowSpan
          allCells.push({ cell, column, span })
          column += span
        }
        for (let c = 0; c < occupied.length; c++) occupied[c] = Math.max(0, (occupied[c] ?? 0) - 1)
      })
    }
    // A header cell with nothing in it heads nothing: make it a data cell.
    for (const { cell } of allCells)
      if (cell.tagName === 'th' && cell.children.every((child) => child.type === 'text' && child.value.trim() === '')) cell.tagName = 'td'
    const starts = new Set(allCells.map(({ column }) => column))
    for (const { cell, column, span } of allCells) {
      let kept = 0
      for (let c = column; c < column + span; c++) if (starts.has(c)) kept++
      if (cell.properties.colSpan !== undefined) cell.properties.colSpan = kept <= 1 ? undefined : kept
    }
  })
}
