// Types for the slice of pdfkit 0.20's public API that Quire uses, checked against its source:
// @types/pdfkit (0.17) lacks or mistypes several (struct, markStructureContent, goTo options, outline
// items). Its private parts are typed, and read, in ink/pdfkit/internals.ts only.

export interface StructElement {
  add(child: StructElement | StructContent | AnnotationRef): StructElement
  end(): void
}
export type StructContent = { readonly refs: unknown[] }
export type AnnotationRef = { readonly annotationRef: unknown }
export interface OutlineItem {
  addItem(title: string, options: { pageNumber: number; fit: false; top: number; left: number; zoom: 0; expanded?: boolean }): OutlineItem
}
export type PdfImage = { readonly width: number; readonly height: number }
/** A glyph's place from fontkit, in font units per 1,000 of the size. */
export interface GlyphPosition {
  xAdvance: number
  yAdvance: number
  xOffset: number
  yOffset: number
  advanceWidth: number
}
/** Glyphs and their positions in thousandths of an em, as pdfkit lays out a text. */
export interface GlyphRun {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[]
  positions: GlyphPosition[]
}
declare const embeddedFont: unique symbol
/** pdfkit's font as used by one document (its EmbeddedFont): opaque, read through ink/pdfkit/internals.ts. */
export interface DocFont {
  readonly [embeddedFont]: true
}
export interface Doc {
  page: { width: number; height: number }
  addContent(data: string): Doc
  transform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): Doc
  outline: OutlineItem
  registerFont(name: string, font: unknown): Doc
  font(name: string): Doc
  fillColor(color: string): Doc
  strokeColor(color: string): Doc
  lineWidth(width: number): Doc
  lineCap(cap: 'butt' | 'round' | 'square'): Doc
  lineJoin(join: 'miter' | 'round' | 'bevel'): Doc
  dash(length: number, options: { space: number }): Doc
  widthOfString(text: string): number
  rect(x: number, y: number, w: number, h: number): Doc
  roundedRect(x: number, y: number, w: number, h: number, r: number): Doc
  moveTo(x: number, y: number): Doc
  lineTo(x: number, y: number): Doc
  fill(color?: string): Doc
  stroke(color?: string): Doc
  save(): Doc
  translate(x: number, y: number): Doc
  scale(x: number, y: number): Doc
  restore(): Doc
  /** An opened image is embedded once however often it is drawn. */
  openImage(data: Buffer): PdfImage
  image(image: PdfImage, x: number, y: number, options: { width: number; height: number }): Doc
  link(x: number, y: number, w: number, h: number, url: string, options: object): Doc
  goTo(x: number, y: number, w: number, h: number, name: string, options: object): Doc
  annotate(x: number, y: number, w: number, h: number, options: object): Doc
  ref(data: object): { end(): void }
  addNamedDestination(name: string, fit: 'XYZ', left: null, top: number, zoom: null): void
  addPage(options: object): Doc
  switchToPage(index: number): unknown
  struct(type: string, options?: StructOptions): StructElement
  addStructure(element: StructElement): Doc
  markContent(tag: 'Artifact', options?: { type: 'Pagination' | 'Layout' }): Doc
  markStructureContent(tag: string): StructContent
  endMarkedContent(): Doc
  on(event: 'data', listener: (chunk: Buffer) => void): Doc
  on(event: 'end' | 'error', listener: (error?: Error) => void): Doc
  end(): void
}

export interface StructOptions {
  alt?: string
  actual?: string
  lang?: string
  /** Layout box [left, top, right, bottom] in page points from the top, for figures. */
  bbox?: [number, number, number, number]
  placement?: 'Block' | 'Inline'
  scope?: 'Row' | 'Column' | 'Both'
  /** Table cell spans, written as the cell's ColSpan and RowSpan attributes (Quire sets these itself). */
  colSpan?: number
  rowSpan?: number
}
