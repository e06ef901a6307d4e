import { createHash } from 'node:crypto'
import { h } from 'hastscript'
import type { Element } from 'xast'
import { x } from 'xastscript'
import type { Article, Asset } from '../../article/article.js'
import { labelsFor } from '../../common/i18n.js'
import { joinNames } from '../html/content.js'
import { xhtmlPage } from './page.js'
import { CSS_HREF, IMAGE_FOLDER } from './xhtml.js'
import { NS, xmlDocument } from './xml.js'

export const COVER_HREF = 'cover.xhtml'

export interface Cover {
  /** The cover page, first in the spine. */
  page: string
  /** The image with `properties="cover-image"`: the article's own, or one Quire draws. */
  image: { href: string; mediaType: Asset['mediaType']; data: Buffer }
  /** True when the image is the article's (`visual` content); false when Quire drew title and authors. */
  fromArticle: boolean
}

/** The front matter `cover` when given, else a typographic SVG cover: title and authors, nothing random. */
export function makeCover(article: Article, identifier: string): Cover {
  const { meta } = article
  const labels = labelsFor(meta.lang)
  const alt = meta.authors.length > 0 ? `${meta.title}. ${labels.by} ${joinNames(meta.authors, meta.lang)}` : meta.title
  const image = meta.cover
    ? { href: IMAGE_FOLDER + meta.cover.name, mediaType: meta.cover.mediaType, data: meta.cover.data }
    : {
        href: IMAGE_FOLDER + 'cover.svg',
        mediaType: 'image/svg+xml' as const,
        data: Buffer.from(coverSvg(article, identifier, alt), 'utf8')
      }
  const page = xhtmlPage({
    title: meta.title,
    lang: meta.lang,
    dir: meta.dir,
    css: CSS_HREF,
    bodyProperties: { className: ['cover'] },
    body: [h('img', { src: image.href, alt, 'epub:type': 'cover', role: 'doc-cover' })]
  })
  return { page, image, fromArticle: meta.cover !== undefined }
}

// The generated cover's whole design: a 2:3 page, colours picked by the book's identifier.
const LAYOUT = {
  width: 1200,
  height: 1800,
  margin: 120,
  frameInset: 48,
  /** Where the middle of the title-and-authors block sits, as a share of the height. */
  blockCentre: 0.42,
  titleSizes: [128, 112, 96, 84, 72, 64],
  titleMaxLines: 6,
  authorSize: 56,
  authorMaxLines: 4,
  publisherSize: 40,
  lineHeight: 1.18,
  ruleWidth: 240,
  gap: 80,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Roboto, sans-serif"
}
const PALETTES = [
  { background: '#1d3557', text: '#f1faee', accent: '#a8dadc' },
  { background: '#2b2d42', text: '#edf2f4', accent: '#ef8354' },
  { background: '#264653', text: '#f4f1de', accent: '#e9c46a' },
  { background: '#3d1f3a', text: '#fbeff5', accent: '#e8a0bf' },
  { background: '#1b4332', text: '#f1f7ed', accent: '#95d5b2' },
  { background: '#3a2e1f', text: '#faf3e0', accent: '#e0b872' }
]

function coverSvg(article: Article, identifier: string, description: string): string {
  const { meta } = article
  const palette = PALETTES[createHash('sha1').update(identifier).digest()[0]! % PALETTES.length]!
  const width = LAYOUT.width - 2 * LAYOUT.margin
  const size =
    LAYOUT.titleSizes.find((candidate) => wrap(meta.title, width, candidate).length <= LAYOUT.titleMaxLines) ?? LAYOUT.titleSizes.at(-1)!
  const titleLines = clip(wrap(meta.title, width, size), LAYOUT.titleMaxLines)
  const authorLines = clip(wrap(joinNames(meta.authors, meta.lang), width, LAYOUT.authorSize), LAYOUT.authorMaxLines)

  const center = LAYOUT.width / 2
  const rtl = meta.dir === 'rtl' ? { direction: 'rtl' } : {}
  const textBlock = (lines: string[], top: number, fontSize: number, fill: string, weight: string): Element =>
    x(
      'text',
      { 'font-family': LAYOUT.fontFamily, 'font-size': String(fontSize), 'font-weight': weight, fill, 'text-anchor': 'middle', ...rtl },
      lines.map((line, index) =>
        x('tspan', { x: String(center), y: String(Math.round(top + fontSize + index * fontSize * LAYOUT.lineHeight)) }, line)
      )
    )
  const titleHeight = Math.round(titleLines.length * size * LAYOUT.lineHeight)
  const authorsHeight = Math.round(authorLines.length * LAYOUT.authorSize * LAYOUT.lineHeight)
  const titleTop = Math.max(LAYOUT.margin, Math.round(LAYOUT.height * LAYOUT.blockCentre - (titleHeight + LAYOUT.gap + authorsHeight) / 2))
  const ruleY = titleTop + titleHeight + LAYOUT.gap / 2
  const inset = LAYOUT.frameInset

  return xmlDocument(
    x(
      'svg',
      {
        xmlns: NS.svg,
        version: '1.1',
        width: String(LAYOUT.width),
        height: String(LAYOUT.height),
        viewBox: `0 0 ${LAYOUT.width} ${LAYOUT.height}`,
        'xml:lang': meta.lang
      },
      [
        x('title', description),
        x('rect', { width: String(LAYOUT.width), height: String(LAYOUT.height), fill: palette.background }),
        x('rect', {
          x: String(inset),
          y: String(inset),
          width: String(LAYOUT.width - 2 * inset),
          height: String(LAYOUT.height - 2 * inset),
          fill: 'none',
          stroke: palette.accent,
          'stroke-width': '4'
        }),
        textBlock(titleLines, titleTop, size, palette.text, '700'),
        x('rect', {
          x: String(center - LAYOUT.ruleWidth / 2),
          y: String(ruleY),
          width: String(LAYOUT.ruleWidth),
          height: '6',
          fill: palette.accent
        }),
        authorLines.length > 0 ? textBlock(authorLines, ruleY + LAYOUT.gap / 2, LAYOUT.authorSize, palette.text, '400') : undefined,
        meta.publisher
          ? textBlock(
              [meta.publisher],
              LAYOUT.height - LAYOUT.margin - LAYOUT.publisherSize * 1.5,
              LAYOUT.publisherSize,
              palette.accent,
              '400'
            )
          : undefined
      ]
    ),
    // Whitespace between tspans would be drawn, shifting centred lines.
    new Set(['text'])
  )
}

/**
 * Greedy line filling at word boundaries (`Intl.Segmenter`, so CJK breaks between words too), with widths
 * estimated from character classes: the reader's font is unknown, so this only needs to be roughly right.
 */
function wrap(text: string, width: number, fontSize: number): string[] {
  const words = [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text.replace(/\s+/g, ' ').trim())].map(
    (part) => part.segment
  )
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    if (estimate(line + word, fontSize) <= width || line.trim() === '') {
      line += word
      continue
    }
    lines.push(line.trim())
    line = word.trimStart()
  }
  if (line.trim() !== '') lines.push(line.trim())
  return lines.flatMap((candidate) => (estimate(candidate, fontSize) <= width ? [candidate] : splitGraphemes(candidate, width, fontSize)))
}

function splitGraphemes(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    if (line !== '' && estimate(line + segment, fontSize) > width) {
      lines.push(line)
      line = ''
    }
    line += segment
  }
  if (line !== '') lines.push(line)
  return lines
}

function clip(lines: string[], max: number): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max - 1), `${lines[max - 1]}…`]
}

function estimate(text: string, fontSize: number): number {
  let ems = 0
  for (const char of text) {
    if (/[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{Extended_Pictographic}\uFF00-\uFF60]/u.test(char)) ems += 1
    else if (/[\s.,:;'!|iIjl]/u.test(char)) ems += 0.3
    else if (/[\p{Lu}mwMW]/u.test(char)) ems += 0.72
    else ems += 0.58
  }
  return ems * fontSize
}
