import SVGtoPDF from 'svg-to-pdfkit'
import type { FontSet } from '../fonts/font-set.js'
import type { InkLinkTarget, InkOptions, OutlineEntry, Rect, Tag } from './types.js'
import { openDocument, registerFace } from './output.js'
import { colorOperator, GlyphShower, number } from './glyph-operators.js'
import { applyPageChanges } from './pdfkit/index.js'
import { addFontToPage, addStructAttributes, fontName, resourceName, setCatalogEntry } from './pdfkit/internals.js'
import type { Doc, DocFont, OutlineItem, PdfImage, StructContent, StructElement, StructOptions } from './pdfkit-types.js'

// The only module that calls pdfkit. Everything above it works in points from the top-left corner of
// the page; `dry` turns every mark into a no-op so layout can measure by running the same code.

export type { InkOptions, Margins, OutlineEntry, Rect, Tag } from './types.js'
export type { StructOptions }

/** Structure types that sit inside a line: an element placed elsewhere must not go inside them. */
const INLINE_TAGS = new Set(['Link', 'Span', 'Lbl', 'Code', 'Quote', 'Note'])

interface TextObject {
  face: DocFont | undefined
  size: number
  color: string | undefined
  /** Character spacing (Tc) in points: letter spacing of a justified line. */
  tracking: number
}

export class Ink {
  /** While true, nothing is drawn, tagged or linked: layout is measuring. */
  dry = false
  readonly width: number
  readonly height: number
  private readonly doc: Doc
  /** The document's bytes, once it has ended. */
  private readonly finished: Promise<Buffer>
  private stack: Tag[] = []
  /** Marked content being written; `inText` when it began inside the open text object. */
  private openContent: { tag: Tag; content: StructContent; inText: boolean } | undefined
  private readonly pageOptions: object
  private readonly faces = new Map<string, DocFont>()
  private readonly glyphs = new GlyphShower()
  /** The text object open in the content stream, with the font, size and colour set in it. */
  private textObject: TextObject | undefined
  private readonly fonts: FontSet
  private readonly images = new Map<Buffer, PdfImage>()
  private current = 0
  private pages = 1
  /** Inside an artifact every mark is decoration: no structure, no links. */
  private decorative = false

  constructor(options: InkOptions) {
    this.fonts = options.fonts
    this.pageOptions = { size: options.size, margins: options.margins }
    const opened = openDocument(options, this.pageOptions)
    this.doc = opened.doc
    this.finished = opened.finished
    this.width = this.doc.page.width
    this.height = this.doc.page.height
    const root = this.doc.struct('Document')
    this.doc.addStructure(root)
    this.stack.push({ type: 'Document', element: root })
  }

  // Measuring works in dry runs too.
  measure(font: string, size: number, text: string): number {
    return this.fonts.width(font, size, text)
  }

  /** A face of the font set as this document's font, registered with pdfkit on first use. */
  private face(key: string): DocFont {
    let face = this.faces.get(key)
    if (face === undefined) {
      face = registerFace(this.doc, this.fonts.get(key).font, this.fonts.hinting)
      this.faces.set(key, face)
    }
    return face
  }

  get page(): number {
    return this.current
  }

  get pageCount(): number {
    return this.pages
  }

  addPage(): void {
    if (this.dry) return
    this.endText()
    this.closeContent()
    // A link whose text runs onto the next page becomes two Link elements, one per page: pdfkit
    // records the page of a link annotation when the element ends, which must be the annotation's page.
    this.stack.forEach((tag, index) => {
      if (tag.type !== 'Link' || !tag.element || index === 0) return
      tag.element.end()
      const fresh = this.doc.struct('Link')
      this.stack[index - 1]?.element?.add(fresh)
      ;(tag as { element: StructElement }).element = fresh
    })
    this.doc.addPage(this.pageOptions)
    applyPageChanges(this.doc)
    this.pages += 1
    this.current = this.pages - 1
  }

  switchToPage(index: number): void {
    this.endText()
    this.closeContent()
    this.doc.switchToPage(index)
    this.current = index
  }

  // Structure ------------------------------------------------------------------------------------

  /** Open a structure element under the current one; content drawn until `close` belongs to it. */
  open(type: string, options?: StructOptions): Tag {
    if (this.dry || this.decorative) return { type, element: undefined }
    this.closeContent()
    const element = this.doc.struct(type, options)
    if (options?.colSpan || options?.rowSpan) {
      // pdfkit's struct() writes a cell's Scope but not its spans: add them to its attribute object.
      addStructAttributes(element, {
        O: 'Table',
        ...(options.colSpan ? { ColSpan: options.colSpan } : {}),
        ...(options.rowSpan ? { RowSpan: options.rowSpan } : {})
      })
    }
    this.top().element?.add(element)
    const tag = { type, element }
    this.stack.push(tag)
    return tag
  }

  /** Close `tag` (and anything left open inside it). With `keep`, it stays open for `within` later. */
  close(tag: Tag, keep = false): void {
    if (this.dry || !tag.element) return
    this.closeContent()
    const index = this.stack.lastIndexOf(tag)
    if (index < 1) return
    for (const open of this.stack.splice(index).reverse()) if (!keep || open !== tag) open.element?.end()
  }

  /** Draw into an element kept open earlier (a TOC entry's page number), then close it unless `keep`. */
  within(tag: Tag, draw: () => void, keep = false): void {
    if (this.dry) return
    if (this.decorative || !tag.element) {
      draw()
      return
    }
    this.closeContent()
    this.stack.push(tag)
    draw()
    this.closeContent()
    this.stack.pop()
    if (!keep) tag.element.end()
  }

  /**
   * An element drawn away from where the open ones are (a footnote at the page foot): a child of the
   * innermost open block, never of a link or span running across the page break.
   */
  aside(type: string, draw: () => void): void {
    if (this.dry || this.decorative) {
      draw()
      return
    }
    this.closeContent()
    const saved = this.stack
    let depth = saved.length
    while (depth > 1 && INLINE_TAGS.has((saved[depth - 1] as Tag).type)) depth -= 1
    this.stack = saved.slice(0, depth)
    const tag = this.open(type)
    try {
      draw()
    } finally {
      this.close(tag)
      this.stack = saved
    }
  }

  /** Marks that carry no content (rules, backgrounds, running heads): readers skip them. */
  artifact(draw: () => void, type: 'Pagination' | 'Layout' = 'Layout'): void {
    if (this.dry) return
    if (this.decorative) {
      draw()
      return
    }
    this.endText()
    this.closeContent()
    this.doc.markContent('Artifact', { type })
    this.decorative = true
    try {
      draw()
    } finally {
      this.decorative = false
      this.endText()
      this.doc.endMarkedContent()
    }
  }

  private top(): Tag {
    return this.stack[this.stack.length - 1] as Tag
  }

  /** Open marked content for the current element, unless it is open already. */
  private content(): void {
    if (this.decorative) return
    const tag = this.top()
    if (this.openContent?.tag === tag) return
    this.closeContent()
    this.openContent = { tag, content: this.doc.markStructureContent(tag.type), inText: this.textObject !== undefined }
  }

  /** End the open marked content; a text object open around it stays open. */
  private closeContent(): void {
    if (!this.openContent) return
    this.doc.endMarkedContent()
    this.openContent.tag.element?.add(this.openContent.content)
    this.openContent = undefined
  }

  // Marks ----------------------------------------------------------------------------------------

  /**
   * Set `text` with its baseline at `baseline`. Texts drawn one after another share one text object
   * (BT … ET), across the elements they belong to (their marked content sits inside it): the font
   * and colour are set when they change and each text is placed with its own matrix. pdfkit's text()
   * wrote a graphics state, font, colour and text object for every call (a justified line is drawn
   * word by word). `tracking` points are added after each glyph (letter spacing of a justified line),
   * and `spacing.extra` before each glyph that starts a cluster at one of the offsets `spacing.at`
   * (the units of a justified line of Thai, Lao, Khmer or Myanmar).
   */
  text(
    text: string,
    x: number,
    baseline: number,
    font: string,
    size: number,
    color: string,
    tracking = 0,
    spacing?: { at: readonly number[]; extra: number }
  ): void {
    if (this.dry || text === '') return
    if (this.textObject === undefined) {
      // Marked content begun outside the text object would cross its end: it ends here instead.
      this.closeContent()
      this.beginText()
    }
    this.content()
    const face = this.face(font)
    const doc = this.doc
    const open = this.textObject as TextObject
    if (open.face !== face || open.size !== size) {
      doc.addContent(`/${resourceName(face)} ${number(size)} Tf`)
      open.face = face
      open.size = size
    }
    if (open.color !== color) {
      this.setColor(color)
      open.color = color
    }
    if (open.tracking !== tracking) {
      doc.addContent(`${number(tracking)} Tc`)
      open.tracking = tracking
    }
    addFontToPage(doc, face)
    const y = this.height - baseline
    doc.addContent(`1 0 0 1 ${number(x)} ${number(y)} Tm`)
    const operators = this.glyphs.show(face, text, x, y, size, spacing)
    if (operators !== '') doc.addContent(operators)
  }

  /**
   * `text` that is read but not seen (render mode 3), scaled across `width` (Tz): what a drawing
   * made of outlines (a formula) says to copy, search and text extraction.
   */
  hiddenText(text: string, x: number, baseline: number, width: number, font: string, size: number): void {
    const natural = this.fonts.width(font, size, text)
    if (this.dry || text === '' || !(natural > 0) || !(width > 0)) return
    if (this.textObject === undefined) {
      this.closeContent()
      this.beginText()
    }
    this.content()
    const face = this.face(font)
    const doc = this.doc
    const open = this.textObject as TextObject
    if (open.face !== face || open.size !== size) {
      doc.addContent(`/${resourceName(face)} ${number(size)} Tf`)
      open.face = face
      open.size = size
    }
    addFontToPage(doc, face)
    const y = this.height - baseline
    doc.addContent(`3 Tr ${number((100 * width) / natural)} Tz 1 0 0 1 ${number(x)} ${number(y)} Tm`)
    const operators = this.glyphs.show(face, text, x, y, size)
    if (operators !== '') doc.addContent(operators)
    doc.addContent('0 Tr 100 Tz')
  }

  /** pdfkit's text frame, y going up from the page's foot, around a run of texts. */
  private beginText(): void {
    this.doc.save().transform(1, 0, 0, -1, 0, this.height)
    this.doc.addContent('BT')
    this.textObject = { face: undefined, size: 0, color: undefined, tracking: 0 }
  }

  /** Close the open text object (and marked content begun in it): before any other mark or page. */
  private endText(): void {
    if (!this.textObject) return
    if (this.openContent?.inText) this.closeContent()
    this.doc.addContent('ET')
    this.doc.restore()
    this.textObject = undefined
  }

  box(rect: Rect, style: { fill?: string; stroke?: string; lineWidth?: number; radius?: number }): void {
    if (this.dry) return
    this.artifact(() => this.shape(rect, style))
  }

  /** A box that is content (a task list's check box), drawn inside the current element. */
  contentBox(rect: Rect, style: { fill?: string; stroke?: string; lineWidth?: number; radius?: number }, tick?: string): void {
    if (this.dry) return
    this.endText()
    this.content()
    this.shape(rect, style)
    if (tick)
      this.path(
        [
          [rect.x + rect.w * 0.2, rect.y + rect.h * 0.52],
          [rect.x + rect.w * 0.42, rect.y + rect.h * 0.75],
          [rect.x + rect.w * 0.8, rect.y + rect.h * 0.25]
        ],
        tick,
        (style.lineWidth ?? 0.7) * 1.6
      )
  }

  /** A straight rule; with `dotted`, round dots that far apart (a contents leader). */
  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number, dotted?: number): void {
    if (this.dry) return
    this.artifact(() =>
      this.path(
        [
          [x1, y1],
          [x2, y2]
        ],
        color,
        width,
        dotted
      )
    )
  }

  /** An open polyline, e.g. a code block's continuation mark. */
  polyline(points: [number, number][], color: string, width: number): void {
    if (this.dry) return
    this.artifact(() => this.path(points, color, width))
  }

  private shape(rect: Rect, style: { fill?: string; stroke?: string; lineWidth?: number; radius?: number }): void {
    this.endText()
    const doc = this.doc.save()
    const draw = () =>
      style.radius ? doc.roundedRect(rect.x, rect.y, rect.w, rect.h, style.radius) : doc.rect(rect.x, rect.y, rect.w, rect.h)
    if (style.fill) {
      this.setColor(style.fill)
      draw().fill()
    }
    if (style.stroke) {
      doc.lineWidth(style.lineWidth ?? 0.5)
      this.setColor(style.stroke, true)
      draw().stroke()
    }
    doc.restore()
  }

  private path(points: [number, number][], color: string, width: number, dotted?: number): void {
    this.endText()
    const doc = this.doc.save().lineWidth(width).lineCap('round').lineJoin('round')
    if (dotted) doc.dash(0.001, { space: dotted })
    // The colour before the path: only path operators may stand between its start and its painting.
    this.setColor(color, true)
    points.forEach(([x, y], index) => (index === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)))
    doc.stroke().restore()
  }

  /** The fill (or stroke) colour for what is drawn next. */
  private setColor(color: string, stroke = false): void {
    const operator = colorOperator(this.doc, color, stroke)
    if (operator !== undefined) this.doc.addContent(operator)
    else if (stroke) this.doc.strokeColor(color)
    else this.doc.fillColor(color)
  }

  /** A PNG or JPEG; the same data drawn twice is embedded once. */
  image(data: Buffer, rect: Rect): void {
    if (this.dry) return
    this.endText()
    this.content()
    let opened = this.images.get(data)
    if (!opened) {
      opened = this.doc.openImage(data)
      this.images.set(data, opened)
    }
    this.doc.image(opened, rect.x, rect.y, { width: rect.w, height: rect.h })
  }

  /**
   * Draw SVG markup scaled into `rect`; `natural` is its own size in points. svg-to-pdfkit takes the
   * SVG's own width and height over the ones it is given, so the scaling is done here. Never loads
   * files or URLs the SVG names.
   */
  svg(
    markup: string,
    rect: Rect,
    natural: { w: number; h: number },
    fontFor: (family: string, bold: boolean, italic: boolean) => string
  ): string[] {
    const warnings: string[] = []
    if (this.dry) return warnings
    this.endText()
    this.content()
    this.doc.save()
    this.doc.translate(rect.x, rect.y).scale(rect.w / natural.w, rect.h / natural.h)
    SVGtoPDF(this.doc, markup, 0, 0, {
      width: natural.w,
      height: natural.h,
      fontCallback: (family, bold, italic) => {
        const key = fontFor(family, bold, italic)
        return fontName(this.face(key))
      },
      imageCallback: () => undefined,
      documentCallback: () => undefined,
      warningCallback: (message) => warnings.push(message)
    })
    this.doc.restore()
    return warnings
  }

  // Navigation -----------------------------------------------------------------------------------

  /**
   * A link annotation over `rect`: a URI, a named destination inside this document, or another PDF
   * file (a remote go-to, PDF 1.7 §12.6.4.3), at its named destination or its first page.
   */
  link(rect: Rect, target: InkLinkTarget, tag: Tag, label: string): void {
    if (this.dry || this.decorative || !tag.element) return
    const options = { structParent: tag.element, Contents: new String(label) }
    if (target.uri !== undefined) this.doc.link(rect.x, rect.y, rect.w, rect.h, target.uri, options)
    else if (target.file !== undefined) {
      const action = this.doc.ref({
        S: 'GoToR',
        F: new String(target.file),
        D: target.dest !== undefined ? new String(target.dest) : [0, 'Fit'],
        NewWindow: false
      })
      action.end()
      this.doc.annotate(rect.x, rect.y, rect.w, rect.h, { ...options, Subtype: 'Link', A: action })
    } else this.doc.goTo(rect.x, rect.y, rect.w, rect.h, target.dest ?? '', options)
  }

  destination(name: string, y: number): void {
    if (this.dry) return
    this.doc.addNamedDestination(name, 'XYZ', null, y, null)
  }

  /** The document outline from a tree of entries, each pointing at a page and a height on it. */
  outline(entries: OutlineEntry[]): void {
    const add = (parent: OutlineItem, list: OutlineEntry[]) => {
      for (const entry of list) {
        // pdfkit computes `left` as page width minus the option: pass the width to get 0.
        const item = parent.addItem(entry.title, {
          pageNumber: entry.page,
          fit: false,
          top: entry.y,
          left: this.width,
          zoom: 0,
          expanded: entry.depth < 2
        })
        add(item, entry.children)
      }
    }
    add(this.doc.outline, entries)
  }

  /**
   * The page numbers a viewer shows beside its own count: from each range's first page (0-based) on,
   * numbered from 1 in its style (`r`: i, ii, iii…; `D`: 1, 2, 3…). The catalog's PageLabels.
   */
  pageLabels(ranges: { from: number; style: 'r' | 'D' }[]): void {
    setCatalogEntry(this.doc, 'PageLabels', { Nums: ranges.flatMap((range) => [range.from, { S: range.style }]) })
  }

  async end(): Promise<Buffer> {
    this.endText()
    this.closeContent()
    for (const tag of this.stack.splice(1).reverse()) tag.element?.end()
    this.doc.end()
    return this.finished
  }
}
