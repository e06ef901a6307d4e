import path from 'node:path'
import type { Element, ElementContent } from 'hast'
import { toString } from 'hast-util-to-string'
import type { InlineCollector, LinkTarget, PhrasingHandler } from '../inline/collect.js'
import type { State } from '../state.js'
import { standInText } from '../../../article/passes/images.js'
import { inlinePicture } from './image.js'
import { mathInline } from './math.js'

// Inline elements change the style of their text; each is a line or two, so they share one file
// (block elements get a file each). The map at the bottom names every one.

const children: PhrasingHandler = (c, node) => c.all(node)

const bold: PhrasingHandler = (c, node) => c.with({ bold: true }, () => c.all(node))

const italic: PhrasingHandler = (c, node) => c.with({ italic: true }, () => c.all(node))

const strike: PhrasingHandler = (c, node) => c.with({ strike: true }, () => c.all(node))

const underline: PhrasingHandler = (c, node) => c.with({ underline: true }, () => c.all(node))

/** Inline code, samples and teletype: monospace on a tint. */
const code: PhrasingHandler = (c, node) => {
  const { theme } = c.state
  // In a heading, code is the heading's words in the code's face: its size, weight and colour, no tint.
  if (c.style.heading) {
    c.with({ family: theme.str('codespan', 'font_family'), hyphens: false, code: true }, () => c.all(node))
    return
  }
  c.with(
    {
      family: theme.str('codespan', 'font_family'),
      size: c.style.size * theme.num('codespan', 'font_size_scale'),
      color: c.style.link ? c.style.color : theme.str('codespan', 'font_color'),
      background: theme.color('codespan', 'background_color'),
      inset: c.style.size * theme.num('codespan', 'inset'),
      radius: theme.num('codespan', 'border_radius'),
      hyphens: false,
      code: true,
      bold: false,
      italic: false
    },
    () => c.all(node)
  )
}

/** Keys: monospace in a thin frame. */
const kbd: PhrasingHandler = (c, node) => {
  const { theme } = c.state
  c.with(
    {
      family: theme.str('kbd', 'font_family'),
      size: c.style.size * theme.num('kbd', 'font_size_scale'),
      border: theme.color('kbd', 'border_color'),
      borderWidth: theme.num('kbd', 'border_width'),
      radius: theme.num('kbd', 'border_radius'),
      inset: c.style.size * theme.num('kbd', 'inset'),
      hyphens: false
    },
    () => c.all(node)
  )
}

const script =
  (direction: 1 | -1): PhrasingHandler =>
  (c, node) => {
    const { theme } = c.state
    const scale = theme.num('script', 'font_size_scale')
    const shift = direction > 0 ? theme.num('superscript', 'shift') : theme.num('subscript', 'shift')
    c.with({ size: c.style.size * scale, shift: c.style.shift + c.style.size * shift }, () => c.all(node))
  }

const small: PhrasingHandler = (c, node) =>
  c.with({ size: c.style.size * c.state.theme.num('small', 'font_size_scale') }, () => c.all(node))

const mark: PhrasingHandler = (c, node) => c.with({ background: c.state.theme.color('mark', 'background_color') }, () => c.all(node))

/**
 * Links: http(s) and mailto become URI annotations; `#id` becomes a jump to the named destination
 * with that id — only when the id exists, as pdfkit would otherwise write a broken URI action.
 */
const link: PhrasingHandler = (c, node) => {
  const target = linkTarget(c.state, node)
  if (!target) {
    c.all(node)
    return
  }
  const { theme } = c.state
  const decoration = theme.str('link', 'text_decoration')
  c.with({ link: target, color: theme.str('link', 'font_color'), ...(decoration === 'underline' ? { underline: true } : {}) }, () =>
    c.all(node)
  )
}

/**
 * Where an `a` goes, if anywhere a PDF can take the reader; another article of the build is its PDF,
 * beside this one in the mirrored output folders (transforms/links.ts).
 */
export function linkTarget(state: State, node: Element): LinkTarget | undefined {
  const href = typeof node.properties.href === 'string' ? node.properties.href : ''
  const label = toString(node).trim() || href
  const article = node.properties.dataArticle
  if (typeof article === 'string') {
    const file = `${path.posix.relative(path.posix.dirname(state.article.path), article) || path.posix.basename(article)}.pdf`
    return { file, dest: node.properties.dataFragment as string | undefined, label }
  }
  if (/^(https?:|mailto:)/i.test(href)) return { uri: href, label }
  if (href.startsWith('#') && state.ids.has(decodeFragment(href.slice(1)))) return { dest: decodeFragment(href.slice(1)), label }
  return undefined
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

const lineBreak: PhrasingHandler = (c) => c.lineBreak()

/**
 * An image inside running text: drawn in the line when small, else its alt text stands in, in
 * italics (a remote one as a link to its URL). A linked image with neither (a sponsor's avatar, a
 * badge without alt text) shows where its link goes, so that the link is still there to follow.
 * Stand-ins next to each other stay apart, as the images would.
 */
const image: PhrasingHandler = (c, node) => {
  const box = inlinePicture(c.state, node)
  if (box) {
    c.box(box)
    return
  }
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : ''
  const link = c.style.link
  // A local image that could not be used says so, as its framed stand-in does in HTML.
  const stand = node.properties.dataUnavailable
    ? `${c.state.labels.photo}: ${standInText(node)}`
    : alt || (link?.uri && link.label === link.uri ? link.uri : '')
  // A remote image outside a link links to where it is, as its stand-in as a block does.
  const src = typeof node.properties.src === 'string' ? node.properties.src : ''
  const remote = /^https?:/i.test(src)
  const own = !link && alt && remote ? { link: { uri: src, label: alt }, color: c.state.theme.str('link', 'font_color') } : {}
  if (!stand) return
  // A remote image in a line of text is a badge (build status, version, licence): a small label, or
  // nothing, as the theme says; never a run of italic words.
  if (remote && alt && !node.properties.dataUnavailable) {
    const { theme } = c.state
    if (theme.str('badge', 'display') === 'omit') return
    c.with(
      {
        ...own,
        family: theme.str('badge', 'font_family'),
        size: c.style.size * theme.num('badge', 'font_size_scale'),
        color: theme.str('badge', 'font_color'),
        background: theme.color('badge', 'background_color'),
        border: theme.color('badge', 'border_color'),
        borderWidth: theme.num('badge', 'border_width'),
        radius: theme.num('badge', 'border_radius'),
        inset: c.style.size * theme.num('badge', 'inset'),
        bold: false,
        italic: false,
        hyphens: false
      },
      () => c.standIn(stand)
    )
    return
  }
  c.with({ italic: true, ...own }, () => c.standIn(stand))
}

/** A remote image with alt text, or a link holding only such images: a badge. */
function isBadge(node: ElementContent): boolean {
  if (node.type !== 'element') return false
  if (node.tagName === 'img')
    return Boolean(node.properties.dataRemote) && typeof node.properties.alt === 'string' && node.properties.alt.trim() !== ''
  if (node.tagName !== 'a') return false
  const inside = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  return inside.length > 0 && inside.every(isBadge)
}

/** Phrasing content without its badges: a heading's text is its words (`## API [![docs](…)](…)`). */
export function withoutBadges(children: ElementContent[]): ElementContent[] {
  return children.some(isBadge) ? children.filter((child) => !isBadge(child)) : children
}

/** A check box outside a task list item: the box as a character. */
const input: PhrasingHandler = (c, node) => {
  if (node.properties.type === 'checkbox') c.text(node.properties.checked ? '☑ ' : '☐ ')
}

const quote: PhrasingHandler = (c, node) => {
  c.text('“')
  c.all(node)
  c.text('”')
}

/** Nothing to set: a word break opportunity is not worth a glyph. */
const nothing: PhrasingHandler = () => {}

export const phrasingHandlers: Record<string, PhrasingHandler> = {
  a: link,
  abbr: children,
  b: bold,
  bdi: children,
  bdo: children,
  br: lineBreak,
  cite: italic,
  code,
  data: children,
  del: strike,
  dfn: italic,
  em: italic,
  i: italic,
  img: image,
  input,
  ins: underline,
  kbd,
  mark,
  math: mathInline,
  picture: children,
  q: quote,
  rp: children,
  rt: children,
  ruby: children,
  s: strike,
  samp: code,
  small,
  source: nothing,
  span: children,
  strike,
  strong: bold,
  sub: script(-1),
  sup: script(1),
  time: children,
  tt: code,
  u: underline,
  var: italic,
  wbr: nothing
}

/** Unknown inline element: its text in the surrounding style, never dropped. */
export const phrasingFallback: PhrasingHandler = (c, node: Element) => c.all(node)

export type { InlineCollector }
