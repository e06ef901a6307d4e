import type { Element } from 'hast'
import type { Asset } from '../../../article/article.js'
import { atTop, ensure, gap, pageRoom, place, remaining } from '../flow/cursor.js'
import { baseRunStyle, type InlineBox, type LinkTarget, type Run } from '../inline/collect.js'
import type { Rect } from '../ink/ink.js'
import { drawLine, closeLink, type LinkState } from '../inline/set-lines.js'
import { breakLines } from '../inline/linebreak.js'
import { standInText } from '../../../article/passes/images.js'
import { fontOf, warn, type BlockHandler, type State } from '../state.js'

/** An image Quire can draw, at its display size in points (before fitting to a page). */
interface Picture {
  asset: Asset
  alt: string
  w: number
  h: number
}

/** The drawable image of an `img`, or undefined when only a stand-in can show it. */
function pictureOf(state: State, node: Element): Picture | undefined {
  const name = typeof node.properties.dataAsset === 'string' ? node.properties.dataAsset : undefined
  const asset = name ? state.article.assets.get(name) : undefined
  if (node.properties.dataRemote || !asset || !DRAWABLE.has(asset.mediaType)) return undefined
  const scale = state.theme.num('image', 'px_to_pt')
  // Width or height alone keeps the image's own proportions, as in HTML.
  const askedW = numeric(node.properties.width)
  const askedH = numeric(node.properties.height)
  const w = askedW ?? (askedH ? (askedH * asset.width) / asset.height : asset.width)
  const h = askedH ?? (askedW ? (askedW * asset.height) / asset.width : asset.height)
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : ''
  return { asset, alt, w: w * scale, h: h * scale }
}

const DRAWABLE = new Set<Asset['mediaType']>(['image/png', 'image/jpeg', 'image/svg+xml'])

/** Whether Quire can draw this image (a local PNG, JPEG or SVG). */
export function drawable(state: State, node: Element): boolean {
  return pictureOf(state, node) !== undefined
}

/**
 * Whether an image that cannot be drawn is declared too large to stand in a line as its alt text:
 * taller than an inline picture may be (`image_inline_max_lines`), or wider than half the column,
 * by its `width` and `height` attributes (a screenshot written as `<img width="647">`). Badges and
 * images declaring no size stay in the line.
 */
export function declaredLarge(state: State, node: Element): boolean {
  const scale = state.theme.num('image', 'px_to_pt')
  const w = (numeric(node.properties.width) ?? 0) * scale
  const h = (numeric(node.properties.height) ?? 0) * scale
  return (
    h > state.theme.num('image', 'inline_max_lines') * state.scope.text.size * state.scope.text.lineHeight ||
    w > state.scope.frame.width / 2
  )
}

/** A small image that can sit in a line of text (an icon, a key), as a box; else undefined. */
export function inlinePicture(state: State, node: Element): InlineBox | undefined {
  const picture = pictureOf(state, node)
  const line = state.scope.text.size * state.scope.text.lineHeight
  // Up to `image_inline_max_lines` tall it stays in the line, scaled to at most `image_inline_max_height` lines.
  if (!picture || picture.h > state.theme.num('image', 'inline_max_lines') * line) return undefined
  const scale = Math.min(1, (state.theme.num('image', 'inline_max_height') * line) / picture.h, state.scope.frame.width / picture.w)
  const w = picture.w * scale
  const h = picture.h * scale
  return { width: w, height: h, draw: (x, top) => drawPicture(state, picture, { x, y: top, w, h }, 'Inline') }
}

/**
 * img as a block: PNG and JPEG drawn, SVG drawn as vectors, scaled to the column and page, tagged
 * Figure with its alt text. Remote images are never fetched: their alt text and URL (a link) stand
 * in, as do formats PDF cannot hold (GIF, WebP).
 */
export const image: BlockHandler = (state, node) => figure(state, node)

/** A block image; with `link`, the whole image is a link (an image wrapped in `a`). */
export function figure(state: State, node: Element, link?: LinkTarget): void {
  const picture = pictureOf(state, node)
  if (!picture) {
    const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : ''
    const src = typeof node.properties.src === 'string' ? node.properties.src : ''
    standIn(state, node.properties.dataRemote ? alt : standInText(node), /^https?:/i.test(src) ? src : undefined)
    return
  }
  const { theme } = state
  const ratio = picture.h / picture.w
  let w = Math.min(picture.w, state.scope.frame.width)
  let h = w * ratio
  const tallest = pageRoom(state) * theme.num('image', 'max_height_ratio')
  if (h > tallest) {
    h = tallest
    w = h / ratio
  }
  gap(state, theme.num('image', 'margin_top'))
  // Rather than leave a large hole at the foot of a page, shrink the image a little to fit there.
  const room = remaining(state)
  if (h > room && !atTop(state) && room >= h * theme.num('image', 'min_fit_scale')) {
    h = room
    w = h / ratio
  }
  ensure(state, h)
  const rect = { x: state.scope.frame.x + (state.scope.frame.width - w) / 2, y: place(state, h), w, h }
  const tag = link ? state.ink.open('Link') : undefined
  drawPicture(state, picture, rect, 'Block')
  if (link && tag) {
    state.ink.link(rect, link, tag, picture.alt || link.label)
    state.ink.close(tag)
  }
  gap(state, theme.num('image', 'margin_bottom'))
}

function drawPicture(state: State, picture: Picture, rect: Rect, placement: 'Block' | 'Inline'): void {
  const { ink } = state
  const { asset } = picture
  const tag = ink.open('Figure', {
    alt: picture.alt || state.labels.photo,
    bbox: [rect.x, rect.y, rect.x + rect.w, rect.y + rect.h],
    placement
  })
  if (asset.mediaType === 'image/svg+xml') {
    // svg-to-pdfkit sets SVG pixels at 0.75 pt, as image-size measured them.
    const natural = { w: asset.width * 0.75, h: asset.height * 0.75 }
    const warnings = ink.svg(asset.data.toString('utf8'), rect, natural, (family, bold, italic) =>
      fontOf(state, { family: familyOf(family), bold, italic })
    )
    if (warnings.length > 0 && !ink.dry) warn(state.article.file, `PDF: SVG image \`${asset.src}\`: ${warnings[0]}`, { ruleId: 'pdf-svg' })
  } else {
    ink.image(asset.data, rect)
  }
  ink.close(tag)
}

function numeric(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN
  return Number.isFinite(number) && number > 0 ? number : undefined
}

/** An SVG font-family list mapped onto the theme's three families. */
function familyOf(family: string): string {
  const name = family.toLowerCase()
  if (/mono|courier|consol|menlo/.test(name)) return 'mono'
  if (/sans|arial|helvetica|verdana/.test(name)) return 'sans'
  if (/serif|times|georgia/.test(name)) return 'serif'
  return 'sans'
}

/** A framed note in place of an image: "Image: alt" and, for a remote image, its URL as a link. */
function standIn(state: State, alt: string, url: string | undefined): void {
  const { theme, ink } = state
  const style = {
    ...baseRunStyle(state.scope.text),
    size: theme.num('image_fallback', 'font_size'),
    color: theme.str('image_fallback', 'font_color')
  }
  // "Image: alt", then the URL as a link on a line of its own; without alt text, the URL once.
  const runs: Run[] = [{ text: `${state.labels.photo}: ${alt}`, style }]
  if (url) {
    if (alt) runs.push({ text: '\n', style })
    runs.push({ text: url, style: { ...style, color: theme.str('link', 'font_color'), link: { uri: url, label: url } } })
  }
  const pad = theme.num('image_fallback', 'padding')
  const lines = breakLines(state, runs, state.scope.frame.width - 2 * pad, style, state.scope.text.lineHeight)
  const height = lines.reduce((total, line) => total + line.height, 0) + 2 * pad
  gap(state, theme.num('image', 'margin_top'))
  ensure(state, height)
  const y = place(state, height)
  const { x, width } = state.scope.frame
  ink.box(
    { x, y, w: width, h: height },
    {
      fill: theme.color('image_fallback', 'background_color'),
      stroke: theme.color('image_fallback', 'border_color'),
      lineWidth: theme.num('image_fallback', 'border_width')
    }
  )
  const tag = ink.open('P')
  const links: LinkState = { open: undefined }
  let top = y + pad
  for (const line of lines) {
    drawLine(state, line, x + pad, top, width - 2 * pad, 'start', links)
    top += line.height
  }
  closeLink(state, links)
  ink.close(tag)
  gap(state, theme.num('image', 'margin_bottom'))
}

export type { Element }
