import type * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'
import { shareLayouts } from '../fonts/glyph-runs.js'
import { keepHinting } from '../fonts/subset/ttf-subset.js'
import type { InkOptions } from './types.js'
import type { Doc, DocFont } from './pdfkit-types.js'

// How a document and its fonts are opened in pdfkit, and how its bytes leave it: Ink's adaptations of
// pdfkit, used by Ink alone.

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
  writeMetadata(doc, options.xmp)
  const chunks: Buffer[] = []
  doc.on('data', (chunk) => chunks.push(chunk))
  // What the document writes after its header.
  const written = collectWrites(doc)
  bufferContent(doc)
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat([...chunks, ...written()])))
    doc.on('error', (error) => reject(error))
  })
  return { doc, finished }
}

/** A parsed font as a font of this document, embedded as Quire embeds fonts (see `encode` in ttf-subset.ts). */
export function registerFace(doc: Doc, font: fontkit.Font, hinting: boolean): DocFont {
  const name = font.postscriptName
  // Registered under PostScript names: pdfkit caches a font by that name, and a font opened under
  // another name that matches one already open is re-created (and compared) on every switch.
  doc.registerFont(name, font)
  const face = doc.font(name)._font
  if (hinting) keepHinting(face.subset)
  stateFontFileLength(face)
  shareLayouts(face, font)
  return face
}

// pdfkit turns every operator and every piece of an object into a byte array of its own as it goes
// (a justified line is a few dozen), then joins them. These two keep the strings and turn each run of
// them into bytes once: the bytes are the same, with a fraction of the allocations.

interface WritingDoc {
  _offset: number
  _write(data: string | Uint8Array): void
  page: { content: ContentStream }
}
interface ContentStream {
  write(chunk: string | Uint8Array): void
  end(chunk?: string | Uint8Array): void
}

/** pdfkit writes its strings as Latin-1 bytes (each character's low byte), each followed by a newline. */
function latin1Lines(lines: string[]): Buffer {
  const bytes = Buffer.from(lines.join('\n') + '\n', 'latin1')
  lines.length = 0
  return bytes
}

/** Take over the document's output from here on; the returned function gives what was written. */
function collectWrites(doc: Doc): () => Buffer[] {
  const target = doc as unknown as WritingDoc
  const chunks: Buffer[] = []
  const lines: string[] = []
  target._write = function (this: WritingDoc, data) {
    if (typeof data === 'string') {
      lines.push(data)
      this._offset += data.length + 1
      return
    }
    if (lines.length > 0) chunks.push(latin1Lines(lines))
    chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
    this._offset += data.length
  }
  return () => {
    if (lines.length > 0) chunks.push(latin1Lines(lines))
    return chunks
  }
}

/** Collect the current page's operators as strings, turned into bytes 256 at a time (a document in progress holds fewer objects). */
export function bufferContent(doc: Doc): void {
  const content = (doc as unknown as WritingDoc).page.content
  const write = content.write.bind(content)
  const end = content.end.bind(content)
  const lines: string[] = []
  content.write = (chunk) => {
    if (typeof chunk === 'string') {
      lines.push(chunk)
      if (lines.length >= 256) write(latin1Lines(lines))
      return
    }
    if (lines.length > 0) write(latin1Lines(lines))
    write(chunk)
  }
  content.end = (chunk) => {
    if (chunk !== undefined) content.write(chunk)
    if (lines.length > 0) write(latin1Lines(lines))
    end()
  }
}

interface MetadataDoc {
  endMetadata(): void
  ref(data: object): { compress: boolean; write(data: Uint8Array): void; end(): void }
  _root: { data: Record<string, unknown> }
}

/** Have pdfkit write `xmp` as the document's metadata stream, in place of its own packet. */
function writeMetadata(doc: Doc, xmp: string): void {
  const target = doc as unknown as MetadataDoc
  target.endMetadata = function (this: MetadataDoc) {
    const stream = this.ref({ Type: 'Metadata', Subtype: 'XML' })
    // Uncompressed, so tools that scan files for a packet find it.
    stream.compress = false
    stream.write(Buffer.from(xmp, 'utf8'))
    stream.end()
    this._root.data['Metadata'] = stream
  }
}

interface EmbeddingFont {
  document: { ref(data?: object): FontFileStream }
  subset: { cff?: unknown }
  embed(): void
}
interface FontFileStream {
  data: Record<string, unknown>
  end(chunk: Uint8Array): void
}

/**
 * Have pdfkit state a TrueType font file's length (`/Length1`, required of TrueType font programs by
 * PDF 1.7, Table 127) when it embeds `face`: the file is the first object its `embed` makes.
 */
function stateFontFileLength(face: object): void {
  const font = face as EmbeddingFont
  const embed = font.embed.bind(font)
  font.embed = () => {
    const document = font.document
    const ref = document.ref
    document.ref = (data) => {
      document.ref = ref
      const stream = ref.call(document, data)
      if (font.subset.cff == null) {
        const end = stream.end.bind(stream)
        stream.end = (chunk) => {
          stream.data['Length1'] = chunk.length
          end(chunk)
        }
      }
      return stream
    }
    embed()
  }
}
