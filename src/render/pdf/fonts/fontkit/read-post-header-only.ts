// fontkit 2.0.4 — a font's `post` table decoded in two steps: the fixed header first, the glyph names on first use.
//
// What it changes: puts a table object in fontkit's cache of decoded tables (`_tables.post`) whose
// header fields are read from the table's first 32 bytes; its other fields (version, glyph names)
// decode the whole table with fontkit's own decoder when first asked for.
// Why: pdfkit reads two fields of `post` when it embeds a font (isFixedPitch, italicAngle), and
// fontkit then decoded all of it: in a version 2 table a name for every glyph, ~8 ms a DejaVu face,
// ~30 ms of a one-article build. Pinned by test/font-tables.test.ts (the same fields and glyph names).
// Relies on: `directory.tables.post` ({ offset, length }), `stream.buffer`, `_tables` (the table
// getters return `_tables[tag]` when present) and `_decodeTable(entry)`; fontkit's field names.
import type * as fontkit from 'fontkit'
import { internalsOf } from './internals.js'

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

/** The fields decoded with the whole table. */
export const POST_DECODED_LATER = ['version', 'numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map']

export function readPostHeaderOnly(font: fontkit.Font): void {
  const internals = internalsOf(font)
  const entry = internals.directory.tables['post']
  if (!entry || entry.length < 32 || 'post' in internals._tables) return
  const bytes = internals.stream.buffer
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 32)
  const table: Record<string, unknown> = {}
  for (const [name, at, read] of HEADER) table[name] = read(view, at)
  let whole: Record<string, unknown> | undefined
  const decoded = () => (whole ??= internals._decodeTable(entry) ?? {})
  for (const name of POST_DECODED_LATER) {
    Object.defineProperty(table, name, { enumerable: true, get: () => decoded()[name] })
  }
  internals._tables['post'] = table
}
