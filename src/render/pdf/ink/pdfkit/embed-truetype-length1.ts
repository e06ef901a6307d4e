// pdfkit 0.20.2 — EmbeddedFont#embed wrapped: a TrueType font file states its length (/Length1).
//
// What it changes: while the font embeds itself, the first object it asks the document for (the font
// file) gets `/Length1`, the length of the font program, when it is written; CFF font files are left
// as they are. The document's `ref` is put back at once.
// Why: PDF 1.7 (Table 127) requires /Length1 of TrueType font programs; pdfkit leaves it out.
// Pinned by test/pdf.test.ts (PDF font hinting: "states each font file's length").
// Relies on: `embed()` asking `document.ref()` for the font file first and ending it with the whole
// program (`end(bytes)`); `subset.cff` set for CFF subsets only; the stream's `data` dictionary.
import type { DocFont } from '../pdfkit-types.js'
import { embeddedFont, quireChange, type Reference } from './internals.js'

export function embedTrueTypeLength1(face: DocFont): void {
  const font = embeddedFont(face)
  const embed = font.embed.bind(font)
  font.embed = quireChange('embed-truetype-length1', () => {
    const document = font.document
    const ref = document.ref
    document.ref = (data?: object) => {
      document.ref = ref
      const stream: Reference = ref.call(document, data)
      if (font.subset.cff == null) {
        const end = stream.end.bind(stream)
        stream.end = (chunk?: string | Uint8Array) => {
          stream.data['Length1'] = (chunk as Uint8Array).length
          end(chunk)
        }
      }
      return stream
    }
    embed()
  })
}
