import type { OutlineEntry } from '../ink/ink.js'
import type { State } from '../state.js'
import { fontOf } from '../state.js'
import { baseRunStyle, type RunStyle } from '../inline/collect.js'
import { drawLine } from '../inline/set-lines.js'
import { breakLines, type Line } from '../inline/linebreak.js'

// Whole-document work, done last when page numbers are known: contents page numbers, running
// header (the title) and footer ("Page X of Y") as artifacts, and the outline.

/**
 * What a page's running header says, and whether it has a footer: a book (pdf/book.ts) names its
 * chapter on each page and leaves its title page bare. Default: the article's title, on every page
 * but the first unless the theme says so, and a footer everywhere.
 */
export type RunningText = (page: number) => { header: string | undefined; footer: boolean }

/**
 * How pages are numbered (0-based page in): the number the contents print for a page, and the
 * footer's words. Default: 1, 2… and "Page 2 of 9"; a book may number its front matter apart.
 */
export interface PageNumbers {
  label: (page: number) => string
  footer: (page: number) => string
}

export function finish(
  state: State,
  margins: { top: number; bottom: number; left: number; right: number },
  runningText?: RunningText,
  numbers?: PageNumbers
): void {
  const count = state.ink.pageCount
  const numbered = numbers ?? { label: (page: number) => String(page + 1), footer: (page: number) => state.labels.page(page + 1, count) }
  contentsNumbers(state, numbered)
  running(state, margins, numbered, runningText)
  state.ink.outline(outlineOf(state))
}

function contentsNumbers(state: State, numbers: PageNumbers): void {
  const { ink, theme } = state
  const pageOf = new Map(state.headings.filter((entry) => entry.id).map((entry) => [entry.id as string, entry.page]))
  for (const pending of state.pendingNumbers) {
    const page = pageOf.get(pending.id)
    ink.switchToPage(pending.page)
    const font = fontOf(state, pending.style)
    const label = page === undefined ? '' : numbers.label(page)
    const width = ink.measure(font, pending.style.size, label)
    const x = pending.rtl ? pending.right : pending.right - width
    const space = pending.style.size * 0.6
    // The dot leader runs between the entry's text and its number, whichever side each is on.
    const [from, to] = pending.rtl ? [x + width + space, pending.after - space] : [pending.after + space, x - space]
    if (to > from) {
      const y = pending.baseline - pending.style.size * 0.05
      ink.line(
        from,
        y,
        to,
        y,
        theme.str('toc', 'dot_leader_color'),
        theme.num('toc', 'dot_leader_width'),
        pending.style.size * theme.num('toc', 'dot_leader_spacing')
      )
    }
    ink.within(pending.tag, () => {
      if (!label) return
      const link = ink.open('Link')
      ink.text(label, x, pending.baseline, font, pending.style.size, pending.style.color)
      ink.link({ x, y: pending.baseline - pending.style.size, w: width, h: pending.style.size * 1.3 }, { dest: pending.id }, link, label)
      ink.close(link)
    })
  }
}

function running(
  state: State,
  margins: { top: number; bottom: number; left: number; right: number },
  numbers: PageNumbers,
  runningText?: RunningText
): void {
  const { ink, theme, article } = state
  const left = margins.left
  const width = ink.width - margins.left - margins.right
  const header = baseRunStyle(theme.text('header'))
  const footer = baseRunStyle(theme.text('footer'))
  const title = fitted(state, header, article.meta.title, width)
  const titles = new Map<string, Line>()
  const count = ink.pageCount
  for (let page = 0; page < count; page += 1) {
    ink.switchToPage(page)
    const text = runningText?.(page)
    ink.artifact(() => {
      const line =
        text === undefined
          ? page > 0 || theme.bool('header', 'on_first_page')
            ? title
            : undefined
          : text.header === undefined
            ? undefined
            : (titles.get(text.header) ?? titles.set(text.header, fitted(state, header, text.header, width)).get(text.header))
      if (line) {
        const baseline = margins.top - theme.num('header', 'offset')
        centred(state, line, left, baseline, width)
        const rule = theme.color('header', 'rule_color')
        if (rule)
          ink.line(left, baseline + header.size * 0.6, left + width, baseline + header.size * 0.6, rule, theme.num('header', 'rule_width'))
      }
      if (text && !text.footer) return
      const baseline = ink.height - margins.bottom + theme.num('footer', 'offset')
      centred(state, oneLine(state, numbers.footer(page), footer), left, baseline, width)
    }, 'Pagination')
  }
}

/** Running text as one unbroken line: fallback fonts and right-to-left order as in the body. */
function oneLine(state: State, text: string, style: RunStyle): Line {
  return breakLines(state, [{ text, style }], Number.POSITIVE_INFINITY, style, 1)[0] as Line
}

function centred(state: State, line: Line, left: number, baseline: number, width: number): void {
  drawLine(state, line, left, baseline - line.ascent, width, 'center', { open: undefined })
}

/** A line cut with an ellipsis to fit `width`. */
function fitted(state: State, style: RunStyle, text: string, width: number): Line {
  let line = oneLine(state, text, style)
  const chars = [...text]
  while (line.width > width && chars.length > 0) {
    chars.pop()
    line = oneLine(state, `${chars.join('').trimEnd()}…`, style)
  }
  return line
}

/** Headings as placed, nested by depth. */
function outlineOf(state: State): OutlineEntry[] {
  const roots: OutlineEntry[] = []
  const stack: OutlineEntry[] = []
  for (const heading of state.headings) {
    const entry: OutlineEntry = { title: heading.title, depth: heading.depth, page: heading.page, y: heading.y, children: [] }
    while (stack.length > 0 && (stack[stack.length - 1] as OutlineEntry).depth >= heading.depth) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) parent.children.push(entry)
    else roots.push(entry)
    stack.push(entry)
  }
  return roots
}
