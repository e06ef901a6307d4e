// pdfkit 0.20.2 — a page's content stream (PDFPage#content, a PDFReference) keeps its operators as strings.
//
// What it changes: the current page's `content.write` keeps string chunks (operators) and turns them
// into Latin-1 bytes 256 at a time (each followed by a newline, as pdfkit writes them), before any
// bytes written to it; `content.end` writes what is left, then ends the stream. Applied to each page
// when it is made (the first in index.ts, the others in Ink.addPage).
// Why: as for collect-writes.ts: pdfkit makes a byte array of every operator; the bytes are the same.
// Pinned by the PDF byte comparisons (test/pdf.test.ts).
// Relies on: `doc.page.content` being the page's content stream, written to by addContent() through
// `page.write(chunk)` → `content.write(chunk)`, ended by `content.end()` when the page ends.
import type { Doc } from '../pdfkit-types.js'
import { latin1Lines } from './collect-writes.js'
import { internalsOf, quireChange } from './internals.js'

/** Collect the current page's operators as strings, turned into bytes 256 at a time (a document in progress holds fewer objects). */
export function bufferPageContent(doc: Doc): void {
  const content = internalsOf(doc).page.content
  const write = content.write.bind(content)
  const end = content.end.bind(content)
  const lines: string[] = []
  content.write = quireChange('buffer-page-content', (chunk: string | Uint8Array) => {
    if (typeof chunk === 'string') {
      lines.push(chunk)
      if (lines.length >= 256) write(latin1Lines(lines))
      return
    }
    if (lines.length > 0) write(latin1Lines(lines))
    write(chunk)
  })
  content.end = quireChange('buffer-page-content', (chunk?: string | Uint8Array) => {
    if (chunk !== undefined) content.write(chunk)
    if (lines.length > 0) write(latin1Lines(lines))
    end()
  })
}
