import type * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'
import { shareRuns } from '../fonts/glyph-runs.js'
import { keepHinting } from '../fonts/fontkit/index.js'
import type { InkOptions } from './types.js'
import type { Doc, DocFont } from './pdfkit-types.js'
import { applyDocumentChanges, applyFontChanges } from './pdfkit/index.js'
import { currentFont, subsetOf } from './pdfkit/internals.js'

// How a document and its fonts are opened in pdfkit, with Quire's changes to pdfkit (pdfkit/), and
// how its bytes leave it; used by Ink alone.

/** A tagged PDF 1.7 document with Quire's output adaptations; `finished` gives its bytes once it has ended. */
export function openDocument(options: InkOptions, pageOptions: object): { doc: Doc; finished: Promise<Buffer> } {
  // `font` in the constructor: pdfkit would otherwise load (and list) Helvetica for every document.
  // (pdfkit takes a parsed font here too; its types only know names.)
  const doc = new PDFDocument({
    ...pageOptions,
    font: options.fonts.first.font,
    bufferPages: true,
    compress: true,
    tagged: true,
    displayTitle: true,
    pdfVersion: '1.7',
    lang: options.lang,
    info: options.info
  } as unknown as PDFKit.PDFDocumentOptions) as unknown as Doc
  const chunks: Buffer[] = []
  doc.on('data', (chunk) => chunks.push(chunk))
  // What the document writes after its header.
  const written = applyDocumentChanges(doc, options.xmp)
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat([...chunks, ...written()])))
    doc.on('error', (error) => reject(error))
  })
  return { doc, finished }
}

/** A parsed font as a font of this document, embedded as Quire embeds fonts (see fonts/subset/ttf-subset.ts). */
export function registerFace(doc: Doc, font: fontkit.Font, hinting: boolean): DocFont {
  const name = font.postscriptName
  // Registered under PostScript names: pdfkit caches a font by that name, and a font opened under
  // another name that matches one already open is re-created (and compared) on every switch.
  doc.registerFont(name, font)
  const face = currentFont(doc.font(name))
  if (hinting) keepHinting(subsetOf(face))
  // Quire draws from the runs every document of the parsed font shares (glyph-runs.ts: eachRun).
  shareRuns(face, font)
  applyFontChanges(face, font)
  return face
}
