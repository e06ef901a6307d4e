import type { Element, ElementContent, Parents } from 'hast'
import { toString } from 'hast-util-to-string'
import { ensure, gap, measure, pageRoom } from '../flow/cursor.js'
import { baseRunStyle, runsOf } from '../inline/collect.js'
import { flowText } from '../flow/text.js'
import type { Align } from '../inline/set-lines.js'
import { hasClass, nextBlock, one, type BlockHandler, type State } from '../state.js'
import { startOf } from '../keep/starts.js'
import { declaredLarge, drawable, figure, image, inlinePicture } from './image.js'
import { linkTarget } from './phrasing.js'

/**
 * p: running text. An image standing in a paragraph (Markdown's only way to place one) is set as a
 * figure of its own, splitting the text around it.
 */
export const paragraph: BlockHandler = (state, node, parent) => {
  let group: ElementContent[] = []
  let anchor = typeof node.properties.id === 'string' ? node.properties.id : undefined
  const scope = node.properties.dataAnonymous ? ['anonymous', 'paragraph'] : ['paragraph']
  const flush = (after?: number) => {
    textBlock(state, group, 'P', anchor, scope, after)
    anchor = undefined
    group = []
  }
  // Small images in a line of text stay in it, and so does the alt text of one that cannot be drawn;
  // an image alone, or too tall for a line, is a figure; so is an image alone in a link, which then
  // links as a whole.
  const content = node.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
  const alone = content.length === 1
  const only = content[0]
  if (alone && only?.type === 'element' && only.tagName === 'a') {
    const inner = only.children.filter((child) => child.type !== 'text' || child.value.trim() !== '')
    const target = linkTarget(state, only)
    if (
      inner.length === 1 &&
      inner[0]?.type === 'element' &&
      inner[0].tagName === 'img' &&
      target &&
      !inlinePicture(state, inner[0]) &&
      drawable(state, inner[0])
    ) {
      figure(state, inner[0], target)
      return
    }
  }
  keepIntroWithNext(state, node, parent)
  for (const child of node.children) {
    const img =
      child.type === 'element' && child.tagName === 'picture'
        ? child.children.find((inner) => inner.type === 'element' && inner.tagName === 'img')
        : child
    if (img?.type === 'element' && img.tagName === 'img' && (alone || (!inlinePicture(state, img) && !standsInLine(state, img)))) {
      flush()
      image(state, img, node)
    } else group.push(child)
  }
  flush(displayAfter(state, node, parent))
}

/**
 * The height a display formula right after the paragraph takes, with the gap before it: the
 * paragraph's last line stays on its page, as TeX never breaks a page just before a display
 * (`\predisplaypenalty`). Undefined when another block follows.
 */
function displayAfter(state: State, node: Element, parent: Parents | undefined): number | undefined {
  if (state.ink.dry) return undefined
  const next = nextBlock(parent, node)
  if (next?.tagName !== 'div' || !hasClass(next, 'math-display')) return undefined
  const height = measure(state, () => one(state, next, parent), pageRoom(state))
  const { theme } = state
  return Number.isFinite(height)
    ? Math.max(theme.num('paragraph', 'margin_bottom'), theme.num('math_display', 'margin_top')) + height
    : undefined
}

/**
 * An image that cannot be drawn (remote, or a format PDF cannot hold) but has alt text (or is a
 * local one that could not be used, which always stands in as words), in a
 * paragraph with other content (words, other badges): its alt text stands in the line, as a link
 * to it when remote, instead of a box that would split the paragraph; unless it declares a size no
 * line holds (a screenshot), which gets its box as a drawn image would be a figure.
 */
function standsInLine(state: State, img: Element): boolean {
  const described = Boolean(img.properties.dataUnavailable) || (typeof img.properties.alt === 'string' && img.properties.alt.trim() !== '')
  return described && !drawable(state, img) && !declaredLarge(state, img)
}

/** Blocks a paragraph ending in a colon usually introduces. */
const INTRODUCED = new Set(['pre', 'table', 'ul', 'ol', 'dl', 'blockquote'])

/**
 * A short paragraph ending in a colon ("…yields:") stays with the start of the block it introduces:
 * all of it when that block is kept together anyway (`block_keep_together_max_ratio`), else its first
 * `heading_min_height_after` lines, as under a heading. So does an alert's title (transforms/alerts.ts),
 * whatever block follows it.
 */
function keepIntroWithNext(state: State, node: Element, parent: Parents | undefined): void {
  if (state.ink.dry) return
  const height = introHeight(state, node, parent)
  if (height !== undefined) ensure(state, height)
}

/** How much must fit for a paragraph that introduces the next block (`ahead`: what keeps with it before); undefined when it introduces none. */
export function introHeight(state: State, node: Element, parent: Parents | undefined, ahead = 0): number | undefined {
  const title = hasClass(node, 'alert-title')
  if (!title && !/:\s*$/.test(toString(node))) return undefined
  const next = nextBlock(parent, node)
  if (!next || (!title && !INTRODUCED.has(next.tagName))) return undefined
  const { theme } = state
  const line = state.scope.text.size * state.scope.text.lineHeight
  const longest = line * theme.num('paragraph', 'keep_with_next_max_lines') + 0.001
  const own = measure(state, () => paragraph(state, node, undefined), longest)
  if (own > longest) return undefined
  const mine = own + theme.num('paragraph', 'margin_bottom')
  return mine + startOf(state, next, parent, theme.num('heading', 'min_height_after') * line, ahead + mine)
}

/** Inline content as one block of text in the current style, tagged `type`. */
export function textBlock(
  state: State,
  nodes: ElementContent[],
  type: string,
  anchor?: string,
  scope: string | string[] = 'paragraph',
  after?: number
): void {
  const { theme, ink } = state
  const base = baseRunStyle(state.scope.text, theme.bool(scope, 'hyphenate'))
  const runs = runsOf(state, nodes, base)
  if (runs.length === 0) return
  if (anchor) runs.unshift({ text: '', style: base, anchor })
  // Anchors alone (`<a id="setup"></a>` under a heading) draw nothing: their places, and no line, no gap.
  if (runs.every((run) => run.anchor)) {
    const { y, top, gap: owed } = state.flow.cursor
    for (const run of runs) ink.destination(run.anchor as string, y > top ? y + owed : y)
    return
  }
  gap(state, theme.num(scope, 'margin_top'))
  const tag = ink.open(type)
  flowText(state, runs, {
    base,
    lineHeight: state.scope.text.lineHeight,
    align: state.scope.align ?? (theme.str(scope, 'text_align') as Align),
    orphans: theme.num(scope, 'orphans'),
    widows: theme.num(scope, 'widows'),
    ...(after === undefined ? {} : { after })
  })
  ink.close(tag)
  gap(state, theme.num(scope, 'margin_bottom'))
}

export type { Element }
