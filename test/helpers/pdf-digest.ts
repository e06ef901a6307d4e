import type { Element, Root, RootContent } from 'hast'
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js'
import { linearMath } from '../../src/render/pdf/math/linear.js'

/** The 14 fonts every PDF reader has: never embedded, WinAnsi only. Quire must not use them. */
export const STANDARD_FONTS = new Set([
  'Courier',
  'Courier-Bold',
  'Courier-Oblique',
  'Courier-BoldOblique',
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
  'Times-Roman',
  'Times-Bold',
  'Times-Italic',
  'Times-BoldItalic',
  'Symbol',
  'ZapfDingbats'
])

export interface PdfFont {
  /** PostScript name without the subset tag (`ABCDEF+`). */
  name: string
  embedded: boolean
}

export interface PdfPage {
  size: [number, number]
  /** Horizontal extent of all visible text on the page, in points from the left edge (not snapshot). */
  ink?: { left: number; right: number }
  /** Text as a reader extracts it: items in content order, a line feed at each end of line. */
  text: string
  links: string[]
}

export interface PdfOutlineItem {
  title: string
  items?: PdfOutlineItem[]
}

/** What a reader gets from a PDF, for snapshots and assertions: not the bytes. */
export interface PdfDigest {
  pages: number
  info: Record<string, string>
  lang: string | undefined
  tagged: boolean
  /** Structure element roles by count, over all pages. */
  roles: Record<string, number>
  /** Alt text of each Figure, in order. */
  figures: string[]
  outline: PdfOutlineItem[]
  /** Named destinations (targets of internal links), sorted. */
  destinations: string[]
  fonts: PdfFont[]
  /** The page numbers a viewer shows (the catalog's PageLabels), when the PDF gives them. */
  pageLabels?: string[]
  pageList: PdfPage[]
  /** How the content streams break tagged PDF's nesting (see `contentProblems`); not in snapshots. */
  contentProblems?: string[]
}

interface StructNode {
  role?: string
  alt?: string
  children?: StructNode[]
}

/** A PDF opened with pdfjs as the checks read it: no worker, no font loading, no evaluation. Destroy it after use. */
export function openPdf(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
    .promise
}

/** The XMP metadata as pdfjs reads it (property → value; null when the packet is not well-formed XML). */
export async function xmpOf(pdf: Buffer): Promise<Record<string, unknown> | null> {
  const document = await openPdf(pdf)
  try {
    const { metadata } = await document.getMetadata()
    return metadata ? Object.fromEntries(metadata as unknown as Iterable<[string, unknown]>) : null
  } finally {
    await document.destroy()
  }
}

/**
 * Headings left at the foot of a page: pages (but the last) whose last text outside artifacts is
 * marked as H1–H6, as "page N: text". A heading must be followed on its page by what it introduces.
 * A heading whose section is empty (the next page starts with a heading of its level or higher, as
 * in a changelog's chain of version headings with nothing under them) introduces nothing: it is
 * left out here and counted by `emptyHeadingsAtPageFoot`.
 */
export async function headingsAtPageFoot(pdf: Uint8Array): Promise<string[]> {
  return (await headingsAtFoot(pdf)).filter((found) => !found.empty).map((found) => found.text)
}

/** Headings with an empty section at the foot of a page ("page N: text"): see `headingsAtPageFoot`. */
export async function emptyHeadingsAtPageFoot(pdf: Uint8Array): Promise<string[]> {
  return (await headingsAtFoot(pdf)).filter((found) => found.empty).map((found) => found.text)
}

async function headingsAtFoot(pdf: Uint8Array): Promise<{ text: string; empty: boolean }[]> {
  const document = await openPdf(pdf)
  try {
    // Each page's first and last text outside artifacts, with the tag it is marked with.
    const ends: { first?: { tag?: string; text: string }; last?: { tag?: string; text: string } }[] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number)
      const content = await page.getTextContent({ includeMarkedContent: true })
      // A heading's text in a link inside it is marked as the link's: its heading is in the structure tree.
      const headingOf = new Map<string, string>()
      const walk = (node: { role?: string; type?: string; id?: string; children?: unknown[] }, heading?: string) => {
        const here = node.role && /^H[1-6]$/.test(node.role) ? node.role : heading
        if (node.type === 'content' && node.id && here) headingOf.set(node.id, here)
        for (const child of node.children ?? []) walk(child as typeof node, here)
      }
      const tree = (await page.getStructTree()) as Parameters<typeof walk>[0] | null
      if (tree) walk(tree)
      const open: { tag?: string; id?: string }[] = []
      const end: (typeof ends)[number] = {}
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'endMarkedContent') open.pop()
          else open.push(item as { tag?: string; id?: string })
        } else if (item.str.trim() !== '' && !open.some((marked) => marked.tag === 'Artifact')) {
          const innermost = open.at(-1)
          end.last = { tag: (innermost?.id && headingOf.get(innermost.id)) || innermost?.tag, text: item.str }
          end.first ??= end.last
        }
      }
      ends.push(end)
    }
    const rank = (tag: string | undefined) => (tag && /^H[1-6]$/.test(tag) ? Number(tag[1]) : undefined)
    const found: { text: string; empty: boolean }[] = []
    for (let index = 0; index < ends.length - 1; index += 1) {
      const level = rank(ends[index]!.last?.tag)
      if (level === undefined) continue
      const next = rank(ends[index + 1]!.first?.tag)
      found.push({ text: `page ${index + 1}: ${ends[index]!.last!.text}`, empty: next !== undefined && next <= level })
    }
    return found
  } finally {
    await document.destroy()
  }
}

/** Read a PDF with pdfjs (no worker, no font loading) into a digest. */
export async function digestPdf(pdf: Buffer): Promise<PdfDigest> {
  const document = await openPdf(pdf)
  try {
    const metadata = await document.getMetadata()
    const raw = metadata.info as Record<string, unknown>
    const info: Record<string, string> = {}
    for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate']) {
      if (typeof raw[key] === 'string') info[key] = raw[key]
    }
    const markInfo = (await document.getMarkInfo()) as { Marked?: boolean } | null
    const roles: Record<string, number> = {}
    const figures: string[] = []
    const fonts = new Map<string, PdfFont>()
    const pageList: PdfPage[] = []
    let structure = false
    const problems: string[] = []
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number)
      const [x0, y0, x1, y1] = page.view as [number, number, number, number]
      const content = await page.getTextContent()
      let text = ''
      let left = Number.POSITIVE_INFINITY
      let right = Number.NEGATIVE_INFINITY
      for (const item of content.items) {
        if (!('str' in item)) continue
        text += item.str
        if (item.hasEOL) text += '\n'
        if (item.str.trim() !== '') {
          left = Math.min(left, item.transform[4] as number)
          right = Math.max(right, (item.transform[4] as number) + item.width)
        }
      }
      const links: string[] = []
      for (const annotation of (await page.getAnnotations()) as { subtype: string; unsafeUrl?: string; url?: string; dest?: unknown }[]) {
        if (annotation.subtype !== 'Link') continue
        if (typeof annotation.dest === 'string') links.push(`#${annotation.dest}`)
        else if (annotation.unsafeUrl ?? annotation.url) links.push(String(annotation.unsafeUrl ?? annotation.url))
        else links.push(`(other: ${JSON.stringify(annotation.dest ?? null)})`)
      }
      const operators = await page.getOperatorList()
      problems.push(...contentProblems(operators.fnArray).map((problem) => `page ${number}: ${problem}`))
      operators.fnArray.forEach((fn, index) => {
        if (fn !== OPS.setFont) return
        const id = (operators.argsArray[index] as [string])[0]
        const font = page.commonObjs.get(id) as { name?: string; missingFile?: boolean }
        const name = String(font.name ?? id).replace(/^[A-Z]{6}\+/, '')
        fonts.set(name, { name, embedded: font.missingFile !== true })
      })
      const tree = (await page.getStructTree()) as StructNode | null
      if (tree) {
        structure = true
        const walk = (node: StructNode) => {
          if (node.role && node.role !== 'Root') roles[node.role] = (roles[node.role] ?? 0) + 1
          if (node.role === 'Figure') figures.push(node.alt ?? '(no alt)')
          for (const child of node.children ?? []) walk(child)
        }
        walk(tree)
      }
      pageList.push({ size: [round(x1 - x0), round(y1 - y0)], text: text.replace(/[ \t]+\n/g, '\n').trimEnd(), links })
      if (left <= right) Object.defineProperty(pageList[pageList.length - 1], 'ink', { value: { left, right }, enumerable: false })
      page.cleanup()
    }
    const outline = simplifyOutline((await document.getOutline()) ?? [])
    const destinations = Object.keys((await document.getDestinations()) as Record<string, unknown>).sort()
    const pageLabels = await document.getPageLabels()
    const digest: PdfDigest = {
      pages: document.numPages,
      info,
      lang: typeof raw.Language === 'string' ? raw.Language : undefined,
      tagged: markInfo?.Marked === true && structure,
      roles: Object.fromEntries(Object.entries(roles).sort(([a], [b]) => a.localeCompare(b))),
      figures,
      outline,
      destinations,
      fonts: [...fonts.values()].sort((a, b) => a.name.localeCompare(b.name)),
      ...(pageLabels ? { pageLabels } : {}),
      pageList
    }
    Object.defineProperty(digest, 'contentProblems', { value: problems, enumerable: false })
    return digest
  } finally {
    await document.destroy()
  }
}

// What may not stand inside a text object (BT … ET): paths, painting, images, graphics state stacks.
const NOT_IN_TEXT = new Set([
  OPS.save,
  OPS.restore,
  OPS.constructPath,
  OPS.moveTo,
  OPS.lineTo,
  OPS.curveTo,
  OPS.rectangle,
  OPS.stroke,
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.clip,
  OPS.endPath,
  OPS.shadingFill,
  OPS.paintXObject,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintFormXObjectBegin,
  OPS.rawFillPath
])
const OPENS_CONTENT = new Set([OPS.beginMarkedContent, OPS.beginMarkedContentProps])
const SHOWS_TEXT = new Set([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText])

/**
 * How a page's operators break the content stream's nesting, as a checker for tagged PDF reads it:
 * text objects not nested, marked content not crossing a text object's ends, no path, image or
 * graphics state operator inside a text object, and no text shown outside marked content (untagged).
 */
export function contentProblems(operators: number[]): string[] {
  const problems = new Set<string>()
  let inText = false
  // For each open marked-content sequence: whether it began inside the text object.
  const open: boolean[] = []
  for (const operator of operators) {
    if (operator === OPS.beginText) {
      if (inText) problems.add('text object inside a text object')
      inText = true
    } else if (operator === OPS.endText) {
      if (open.length > 0 && open[open.length - 1] === true) problems.add('marked content begun in a text object ends after it')
      inText = false
    } else if (OPENS_CONTENT.has(operator)) {
      open.push(inText)
    } else if (operator === OPS.endMarkedContent) {
      if (open.length === 0) problems.add('marked content ended that was not begun')
      else if (open.pop() !== inText) problems.add('marked content crosses the start or end of a text object')
    } else if (inText && NOT_IN_TEXT.has(operator)) {
      problems.add(`${Object.keys(OPS).find((name) => OPS[name as keyof typeof OPS] === operator)} inside a text object`)
    } else if (SHOWS_TEXT.has(operator) && open.length === 0) {
      problems.add('text shown outside marked content')
    }
  }
  if (inText) problems.add('text object not ended')
  if (open.length > 0) problems.add('marked content not ended')
  return [...problems]
}

function simplifyOutline(items: { title: string; items: unknown[] }[]): PdfOutlineItem[] {
  return items.map((item) => {
    const children = simplifyOutline(item.items as { title: string; items: unknown[] }[])
    return children.length > 0 ? { title: item.title, items: children } : { title: item.title }
  })
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

/** Words (letters and digits) in reading order, lower case. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
}

/**
 * The article's words in the order a reader of the PDF meets them: the body, then each footnote on
 * its own (notes sit at the foot of the page that references them, so they interleave with the body).
 */
export function readingSequences(tree: Root): string[][] {
  const notes: string[][] = []
  const strip = (node: Root | RootContent): Root | RootContent => {
    if (node.type === 'element') {
      // A formula reads as the line of text the PDF lays under its outlines (E=mc^2, not MathML's "mc2").
      if (node.tagName === 'math') return { type: 'text', value: ` ${linearMath(node)} ` }
      const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
      if (node.tagName === 'section' && classes.includes('footnotes')) {
        for (const child of node.children) {
          if (child.type !== 'element' || child.tagName !== 'ol') continue
          for (const item of child.children) if (item.type === 'element') notes.push(wordsOf(blockText(item)))
        }
        return { type: 'text', value: '' }
      }
    }
    if (node.type === 'element' || node.type === 'root') return { ...node, children: node.children.map(strip) } as Element
    return node
  }
  const body = wordsOf(blockText(strip(tree) as Root))
  return [body, ...notes]
}

/** Block and cell boundaries: a space between their texts (hast's toString joins `<td>a</td><td>b</td>` as "ab"). */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul'
])

function blockText(node: Root | RootContent): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element' && node.type !== 'root') return ''
  const inner = node.children.map(blockText).join('')
  return node.type === 'element' && BLOCKS.has(node.tagName) ? ` ${inner} ` : inner
}

/** `wordsInOrder` over each sequence of `readingSequences`, summed. */
export function sequencesInOrder(sequences: string[][], extracted: string): { found: number; total: number; missing: string[] } {
  let found = 0
  let total = 0
  const missing: string[] = []
  for (const sequence of sequences) {
    const result = wordsInOrder(sequence, extracted)
    found += result.found
    total += sequence.length
    missing.push(...result.missing)
  }
  return { found, total, missing }
}

/**
 * Which source words the extracted text has, in order. The extracted letters are joined without
 * spaces, so a word broken across lines still counts; each word is looked for a little way ahead of
 * the last one found (running heads and the contents come in between), and a miss does not move on.
 */
export function wordsInOrder(source: string[], extracted: string): { found: number; missing: string[] } {
  const stream = wordsOf(extracted).join('')
  let position = 0
  let found = 0
  const missing: string[] = []
  for (const word of source) {
    const at = stream.indexOf(word, position)
    if (at !== -1 && at - position <= 6000) {
      found += 1
      position = at + word.length
    } else missing.push(word)
  }
  return { found, missing }
}
