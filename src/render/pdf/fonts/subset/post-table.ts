import type * as fontkit from 'fontkit'

interface TableEntry {
  tag: string
  offset: number
  length: number
}

interface FontInternals {
  _tables: Record<string, unknown>
  _decodeTable(entry: TableEntry): Record<string, unknown> | undefined
  directory: { tables: Record<string, TableEntry | undefined> }
  stream: { buffer: Uint8Array }
}

// The fields of the table's fixed header (fontkit's names), by offset and reader.
const HEADER: [string, number, (view: DataView, at: number) => number][] = [
  ['italicAngle', 4, (view, at) => view.getInt32(at) / 65536],
  ['underlinePosition', 8, (view, at) => view.getInt16(at)],
  ['underlineThickness', 10, (view, at) => view.getInt16(at)],
  ['isFixedPitch', 12, (view, at) => view.getUint32(at)],
  ['minMemType42', 16, (view, at) => view.getUint32(at)],
  ['maxMemType42', 20, (view, at) => view.getUint32(at)],
  ['minMemType1', 24, (view, at) => view.getUint32(at)],
  ['maxMemType1', 28, (view, at) => view.getUint32(at)]
]

/**
 * pdfkit reads two fields of a font's `post` table when it embeds the font (isFixedPitch,
 * italicAngle), and fontkit then decodes all of it: in a version 2 table, a name for every glyph,
 * ~8 ms a DejaVu face, ~30 ms of a one-article build. The header's fields are read from the table's
 * first 32 bytes instead; anything else (the version, the glyph names) decodes the whole table as
 * fontkit would, on first use.
 */
export function readPostHeaderOnly(font: fontkit.Font): void {
  const internals = font as unknown as FontInternals
  const entry = internals.directory.tables['post']
  if (!entry || entry.length < 32 || 'post' in internals._tables) return
  const bytes = internals.stream.buffer
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 32)
  const table: Record<string, unknown> = {}
  for (const [name, at, read] of HEADER) table[name] = read(view, at)
  let whole: Record<string, unknown> | undefined
  const decoded = () => (whole ??= internals._decodeTable(entry) ?? {})
  for (const name of ['version', 'numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map']) {
    Object.defineProperty(table, name, { enumerable: true, get: () => decoded()[name] })
  }
  internals._tables['post'] = table
}
