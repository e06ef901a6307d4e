// pdfkit 0.20.2 — PDFDocument#_write replaced: the file's pieces collected, strings turned into bytes a run at a time.
//
// What it changes: from the moment it is applied (after the file's header), every piece pdfkit writes
// goes to Quire's collector instead of the document's stream: strings are kept and joined into one
// Latin-1 buffer (each followed by a newline, as pdfkit writes them) before the next bytes, and the
// offset pdfkit keeps for its cross-reference table grows as pdfkit's own `_write` would grow it.
// The collected pieces follow the stream's own chunks (the header) when the document ends.
// Why: pdfkit turns every piece of every object into a byte array of its own (a justified line is a
// few dozen), then joins them: the bytes are the same with a fraction of the allocations. Pinned by
// the PDF byte comparisons (test/pdf.test.ts: reproducibility; every PDF reads as reviewed).
// Relies on: `_write(data)` being the one way pdfkit writes the file after its header (objects,
// cross-reference table, trailer), `_offset`, strings as Latin-1 plus a newline; push(null) still
// ending the stream ('end').
import type { Doc } from '../pdfkit-types.js'
import { internalsOf, quireChange, type DocInternals } from './internals.js'

/** pdfkit writes its strings as Latin-1 bytes (each character's low byte), each followed by a newline. */
export function latin1Lines(lines: string[]): Buffer {
  const bytes = Buffer.from(lines.join('\n') + '\n', 'latin1')
  lines.length = 0
  return bytes
}

/** Take over the document's output from here on; the returned function gives what was written. */
export function collectWrites(doc: Doc): () => Buffer[] {
  const target = internalsOf(doc)
  const chunks: Buffer[] = []
  const lines: string[] = []
  target._write = quireChange('collect-writes', function (this: DocInternals, data: string | Uint8Array) {
    if (typeof data === 'string') {
      lines.push(data)
      this._offset += data.length + 1
      return
    }
    if (lines.length > 0) chunks.push(latin1Lines(lines))
    chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
    this._offset += data.length
  })
  return () => {
    if (lines.length > 0) chunks.push(latin1Lines(lines))
    return chunks
  }
}
