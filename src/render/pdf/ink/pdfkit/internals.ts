import type * as fontkit from 'fontkit'
import type { Doc, DocFont, StructElement } from '../pdfkit-types.js'

// pdfkit 0.20.2's private fields and methods that Quire reads or writes, each behind a typed function,
// and the types of the private parts the changes of this folder (index.ts) replace. Outside this
// folder no module names them: Ink calls these functions. test/dependency-internals.test.ts pins
// each name against the installed pdfkit; docs/dependencies.md lists them.

/** pdfkit's PDFReference: an object of the file, a stream when written to. */
export interface Reference {
  data: Record<string, unknown>
  compress: boolean
  write(chunk: string | Uint8Array): void
  end(chunk?: string | Uint8Array): void
}

/** pdfkit's PDFDocument, as far as Quire reads or changes it. */
export interface DocInternals {
  /** Bytes written so far (the cross-reference table's offsets). */
  _offset: number
  /** Writes a piece of the file: a string (as Latin-1, then a newline) or bytes. */
  _write(data: string | Uint8Array): void
  /** Writes the document's XMP metadata stream; called by end(). */
  endMetadata(): void
  /** The document catalog. */
  _root: { data: Record<string, unknown> }
  /** The current font (set by font()): an EmbeddedFont for a font Quire registered. */
  _font: DocFont
  _normalizeColor(color: string): number[] | object | null
  ref(data?: object): Reference
  page: { content: Reference; fonts: Record<string, unknown> }
}

/** pdfkit's EmbeddedFont: a fontkit font as one document's font. */
export interface EmbeddedFont {
  /** The font's resource name in this document (F1, F2…). */
  readonly id: string
  /** The font's PostScript name. */
  readonly name: string
  readonly document: DocInternals
  /** The fontkit subset of the glyphs this document uses. */
  readonly subset: fontkit.Subset & { cff?: unknown }
  /** Advance widths and code points by subset id, for the font's dictionaries. */
  readonly widths: number[]
  readonly unicode: number[][]
  /** 1000 / units per em. */
  readonly scale: number
  /** The font's dictionary, made on first use. */
  ref(): unknown
  /** Writes the font's objects (font file, descriptor, dictionaries) when the document ends. */
  embed(): void
  /** One chunk's run, cached per document; layout() asks it for each chunk of a text (split after spaces). */
  layoutCached(text: string): unknown
}

/** pdfkit's PDFStructureElement, as far as Quire writes it. */
interface StructElementInternals {
  dictionary: { data: { A?: Record<string, unknown> } }
}

/** The document's private side (for the changes of this folder). */
export function internalsOf(doc: Doc): DocInternals {
  return doc as Doc & DocInternals
}

/** A document font's private side (for the changes of this folder). */
export function embeddedFont(face: DocFont): EmbeddedFont {
  return face as DocFont & EmbeddedFont
}

// Quire's replacements of pdfkit's functions are marked by the change that made them (one mark for both dependencies).
export { changeOf, quireChange } from '../../dependency-changes.js'

// Reads and writes ---------------------------------------------------------------------------------

/** The font `doc.font(name)` made current: this document's pdfkit font. */
export function currentFont(doc: Doc): DocFont {
  return internalsOf(doc)._font
}

/** The fontkit subset pdfkit embeds for `face`. */
export function subsetOf(face: DocFont): fontkit.Subset {
  return embeddedFont(face).subset
}

/** The font's resource name in the document, for the `Tf` operator. */
export function resourceName(face: DocFont): string {
  return embeddedFont(face).id
}

/** The name the font was registered under (its PostScript name), as `doc.font()` takes it. */
export function fontName(face: DocFont): string {
  return embeddedFont(face).name
}

/** List `face` among the current page's font resources, as pdfkit's text() does. */
export function addFontToPage(doc: Doc, face: DocFont): void {
  const fonts = internalsOf(doc).page.fonts
  const font = embeddedFont(face)
  if (fonts[font.id] == null) fonts[font.id] = font.ref()
}

/**
 * A glyph's id in the document's subset of `face`, the glyph added (with its advance width and
 * characters, for the font's dictionaries) on first use, as pdfkit's EmbeddedFont.encode does; the
 * characters of this use (`chars`, see PackedRun) when the glyph's own are another text's.
 */
export function includeGlyph(face: DocFont, glyph: fontkit.Glyph, chars: readonly number[] = glyph.codePoints): number {
  const font = embeddedFont(face)
  const gid = font.subset.includeGlyph(glyph.id)
  font.widths[gid] ??= glyph.advanceWidth * font.scale
  font.unicode[gid] ??= [...chars]
  return gid
}

/** A colour as pdfkit understands it: channels from 0 to 1 for RGB, gray and CMYK, or a spot colour. */
export function normalizeColor(doc: Doc, color: string): number[] | object | null {
  return internalsOf(doc)._normalizeColor(color)
}

/** Set an entry of the document's catalog (`PageLabels`); pdfkit writes the catalog when the document ends. */
export function setCatalogEntry(doc: Doc, key: string, value: unknown): void {
  internalsOf(doc)._root.data[key] = value
}

/** Add attributes to a structure element's attribute object (`/A`), after those pdfkit's struct() wrote. */
export function addStructAttributes(element: StructElement, attributes: Record<string, unknown>): void {
  const data = (element as StructElement & StructElementInternals).dictionary.data
  data.A = { ...(data.A ?? {}), ...attributes }
}
