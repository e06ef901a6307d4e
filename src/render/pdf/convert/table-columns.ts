/** What a column's content asks for, padding included. */
export interface ColumnMeasure {
  /** Its widest cell set on one line (forced breaks aside): the max-content width. */
  natural: number
  /** Its widest word (between spaces and the break points of code and URLs). */
  words: number
  /** Its widest piece between any two break opportunities: the min-content width. */
  minimum: number
}

/**
 * Column widths from content, as HTML's automatic table layout does, with a typesetter's order of
 * what gives way first. A table whose content fits on one line a cell keeps its natural widths,
 * stretched evenly to the full width. Else every column gets its widest word, and the room left goes
 * in proportion to how much wider each would like to be: prose wraps between words, and names,
 * numbers and labels stay whole. When even the words cannot all fit (the caller first sets the table
 * smaller), every column gets its widest piece between break opportunities (words break at a hyphen,
 * a code point, a URL's slash), the room left going to the columns whose words are longest; only a
 * table too wide for that shares by those pieces, and its words are cut between letters.
 */
export function columnWidths(columns: ColumnMeasure[], available: number): number[] {
  if (columns.length === 0) return []
  const total = (key: keyof ColumnMeasure) => columns.reduce((sum, column) => sum + column[key], 0)
  const natural = total('natural')
  if (natural <= available) {
    const extra = (available - natural) / columns.length
    return columns.map((column) => column.natural + extra)
  }
  const share = (from: keyof ColumnMeasure, to: keyof ColumnMeasure) => {
    const want = total(to) - total(from)
    const room = available - total(from)
    return columns.map((column) => column[from] + (want > 0 ? ((column[to] - column[from]) * room) / want : room / columns.length))
  }
  if (total('words') <= available) return share('words', 'natural')
  if (total('minimum') <= available) return share('minimum', 'words')
  // Even the pieces do not fit: share by them; lines break inside them.
  const minimum = total('minimum')
  return columns.map((column) => (available * column.minimum) / minimum)
}
