import type { Element } from 'hast'
import { toString } from 'hast-util-to-string'
import { ensure, flow, gap, indentedStart, measure, pageRoom } from '../flow/cursor.js'
import { baseRunStyle, runsOf, type RunStyle } from '../inline/collect.js'
import { anchorsOf, closeLink, drawLine, type LinkState } from '../inline/set-lines.js'
import { breakLines } from '../inline/linebreak.js'
import { anonymousParagraph, isPhrasing, nextBlock, one, type BlockHandler, type State } from '../state.js'
import { splitStart, startOf } from '../keep/starts.js'
import { introHeight } from './paragraph.js'
import { withoutBadges } from './phrasing.js'

/** Blocks a heading keeps all of with it when they fit on a page (a table with a caption among them). */
const UNBROKEN = new Set(['table', 'figure', 'img'])

/**
 * h1–h6: an outline entry and a named destination with the heading's id. Keep-with-next: the heading
 * moves to a new page unless the start of what follows fits under it: what that block cannot leave
 * behind (all of a figure, of a short code block or table, of a paragraph too short to split; else
 * its first lines, at least `heading_min_height_after`), and under a next heading, that heading's own.
 */
export const heading: BlockHandler = (state, node, parent) => {
  drawHeading(state, node, Number(node.tagName.slice(1)), scopesOf(node), (ahead) => leadOf(state, node, parent, ahead))
}

const scopesOf = (node: Element): string[] => [`heading_${node.tagName}`, 'heading']

export function drawHeading(state: State, node: Element, depth: number, scopes: string[], lead: (ahead: number) => number): void {
  const { theme, ink } = state
  const style = theme.text(scopes)
  const base = headingStyle(baseRunStyle(style))
  const runs = runsOf(state, withoutBadges(node.children), base)
  if (runs.length === 0) return
  gap(state, theme.num(scopes, 'margin_top'))
  const lines = breakLines(state, runs, state.scope.frame.width, base, style.lineHeight)
  const height = lines.reduce((total, line) => total + line.height, 0)
  const own = height + theme.num(scopes, 'margin_bottom')
  if (!ink.dry) ensure(state, own + lead(own))
  const tag = ink.open(`H${Math.min(depth, 6)}`)
  const id = typeof node.properties.id === 'string' ? node.properties.id : undefined
  const links: LinkState = { open: undefined }
  let first = true
  flow(
    state,
    lines,
    (line, top) => {
      if (first) {
        first = false
        if (id) ink.destination(id, top)
        if (!ink.dry)
          state.headings.push({
            depth,
            title: toString({ ...node, children: withoutBadges(node.children) }).trim(),
            id,
            page: ink.page,
            y: top
          })
      }
      drawLine(state, line, state.scope.frame.x, top, state.scope.frame.width, state.scope.align ?? 'start', links)
    },
    { anchors: anchorsOf }
  )
  closeLink(state, links)
  ink.close(tag)
  gap(state, theme.num(scopes, 'margin_bottom'))
}

/** A heading's run style: one object per text style, as `baseRunStyle` makes them. */
function headingStyle(base: RunStyle): RunStyle {
  let style = headingStyles.get(base)
  if (!style) headingStyles.set(base, (style = Object.freeze({ ...base, heading: true })))
  return style
}
const headingStyles = new WeakMap<RunStyle, RunStyle>()

/** How much of the next block must fit under a heading (`ahead`: the heading and what keeps with it before). */
function leadOf(state: State, node: Element, parent: Parameters<BlockHandler>[2], ahead: number): number {
  const next = nextBlock(parent, node)
  if (!next) return 0
  if (next.tagName === 'p') {
    const intro = introHeight(state, next, parent, ahead)
    if (intro !== undefined) return intro
  }
  const lines = state.theme.num('heading', 'min_height_after') * state.scope.text.size * state.scope.text.lineHeight
  if (/^h[1-6]$/.test(next.tagName)) {
    // Measured alone, the next heading has neither gap around it: the larger of this heading's bottom
    // margin (which the caller counts) and its top margin comes before it, its bottom margin after.
    const own = state.theme.num(scopesOf(node), 'margin_bottom')
    const scopes = scopesOf(next)
    const before = Math.max(0, state.theme.num(scopes, 'margin_top') - own)
    const chained = before + measure(state, () => one(state, next, parent)) + state.theme.num(scopes, 'margin_bottom')
    // A heading of the same rank or higher next: this one's section is empty (a changelog's version
    // with no notes). It keeps with that heading's own lines, and with what that heading keeps with only
    // when its section is not empty too: a run of empty sections is no chain to move whole.
    if (emptySection(node, next) && emptySection(next, nextBlock(parent, next))) return chained
    return chained + leadOf(state, next, parent, ahead + chained)
  }
  if (next.tagName === 'ul' || next.tagName === 'ol') {
    const intro = listIntro(state, next, ahead)
    if (intro !== undefined) return Math.max(lines, intro)
  }
  const unbroken =
    UNBROKEN.has(next.tagName) ||
    (next.tagName === 'p' &&
      next.children.every(
        (child) => (child.type === 'element' && child.tagName === 'img') || (child.type === 'text' && child.value.trim() === '')
      ))
  // A code block is kept together when short (`keptTogether`), else it splits with at least its first
  // two lines here; a table likewise, with its header and first row here; a quote with its first lines.
  const start = splitStart(state, next)
  if (start !== undefined || next.tagName === 'blockquote') return startOf(state, next, parent, lines, ahead, start)
  if (!unbroken && next.tagName === 'p') return paragraphStart(state, next, parent, lines)
  // All of an unbroken block that fits on a page, else its first lines: nothing taller counts.
  const height = measure(state, () => one(state, next, parent), unbroken ? Math.max(pageRoom(state), lines) : lines)
  if (unbroken && height <= pageRoom(state)) return height
  return Math.min(height, lines)
}

/** Whether `heading`'s section is empty: `next` is a heading of its rank or higher. */
function emptySection(heading: Element, next: Element | undefined): boolean {
  return next !== undefined && /^h[1-6]$/.test(next.tagName) && Number(next.tagName[1]) <= Number(heading.tagName[1])
}

/**
 * What a paragraph needs where it starts: it splits only where it leaves `paragraph_orphans` lines on
 * this page and `paragraph_widows` on the next, so one shorter than both together moves whole and all
 * of it counts; a longer one needs its first `lines` (a height), or its orphans.
 */
function paragraphStart(state: State, paragraph: Element, parent: Parameters<BlockHandler>[2], lines: number): number {
  const line = state.scope.text.size * state.scope.text.lineHeight
  const orphans = state.theme.num('paragraph', 'orphans')
  const unsplittable = (orphans + state.theme.num('paragraph', 'widows') - 1) * line + 0.001
  // Counted in lines, not points: a line made taller by a superscript or a key's frame is still one.
  const whole = measure(state, () => one(state, paragraph, parent), unsplittable + line / 2)
  return whole <= unsplittable + line / 2 ? whole : Math.max(lines, orphans * line)
}

/**
 * What a list needs under a heading, from its first item's first paragraph: all of it when it
 * introduces a block ("Ajv implements …:" then a nested list), since it keeps with that block's
 * start; all of it too when it is too short to split (three lines, with two orphans and two widows:
 * it moves whole, and would leave the heading behind). Measured in the list's indented column.
 */
function listIntro(state: State, list: Element, ahead: number): number | undefined {
  const item = list.children.find((child): child is Element => child.type === 'element' && child.tagName === 'li')
  if (!item) return undefined
  const first = item.children.find((child) => child.type === 'element' || child.value.trim() !== '')
  let paragraph: Element | undefined
  if (first?.type === 'element' && first.tagName === 'p') paragraph = first
  else if (first && isPhrasing(state, first)) {
    // A tight item's text, gathered as `all` gathers it into an anonymous paragraph.
    const end = item.children.findIndex((child) => !isPhrasing(state, child))
    const inline = end === -1 ? item.children : item.children.slice(0, end)
    paragraph = anonymousParagraph(inline)
  }
  if (!paragraph) return undefined
  let height: number | undefined
  const lines = state.theme.num('heading', 'min_height_after') * state.scope.text.size * state.scope.text.lineHeight
  indentedStart(
    state,
    state.theme.num('list', 'indent'),
    () => (height = introHeight(state, paragraph, item, ahead) ?? paragraphStart(state, paragraph, item, lines))
  )
  return height === undefined ? undefined : height + state.theme.num('list', 'margin_top')
}
