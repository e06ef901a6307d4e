// pdfkit 0.20.2 — PDFDocument#endMetadata replaced: Quire's XMP packet is the document's metadata stream.
//
// What it changes: when the document ends, `endMetadata` writes the packet Quire made (ink/xmp.ts)
// as an uncompressed Metadata stream and puts it in the catalog, in place of the packet pdfkit
// builds from the info dictionary.
// Why: pdfkit's packet puts all authors in one entry and does not escape `&` or `<` (a title with
// either made the XMP invalid). Uncompressed, so tools that scan files for a packet find it. Pinned by
// test/pdf.test.ts (PDF metadata: XMP as in the info dictionary, each author, escaped).
// Relies on: end() calling `endMetadata()` (once, for PDF 1.4 and later); `ref(data)` returning a
// stream with `compress`, `write`, `end`; the catalog as `_root.data`.
import type { Doc } from '../pdfkit-types.js'
import { internalsOf, quireChange, type DocInternals } from './internals.js'

/** Have pdfkit write `xmp` as the document's metadata stream, in place of its own packet. */
export function writeOwnMetadata(doc: Doc, xmp: string): void {
  internalsOf(doc).endMetadata = quireChange('write-own-metadata', function (this: DocInternals) {
    const stream = this.ref({ Type: 'Metadata', Subtype: 'XML' })
    stream.compress = false
    stream.write(Buffer.from(xmp, 'utf8'))
    stream.end()
    this._root.data['Metadata'] = stream
  })
}
