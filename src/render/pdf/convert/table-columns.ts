/**
 * Column widths from content, as HTML's automatic table layout does: every column gets at least its
 * widest unbreakable piece; what is left goes in proportion to how much more each would like; a table
 * whose content is narrower than the column keeps its natural widths, stretched to the full width.
 */
export function columnWidths(columns: { natural: number; minimum: number }[], available: number): number[] {
  const natural = columns.reduce((sum, column) => sum + column.natural, 0)
  const minimum = columns.reduce((sum, column) => sum + column.minimum, 0)
  if (columns.length === 0) return []
  if (natural <= available) {
    const extra = (available - natural) / columns.length
    return columns.map((column) => column.natural + extra)
  }
  if (minimum >= available) {
    // Even the longest words do not fit: share by minimum; lines break inside words.
    return columns.map((column) => (available * column.minimum) / minimum)
  }
  const want = natural - minimum
  return columns.map((column) => column.minimum + ((column.natural - column.minimum) * (available - minimum)) / want)
}
