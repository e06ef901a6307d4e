import type { Element, ElementContent, Parents } from 'hast'
import type { Article } from '../../article/article.js'
import type { Labels } from '../../common/i18n.js'
import type { FontSet } from './fonts/font-set.js'
import type { Ink, Tag } from './ink/ink.js'
import type { FootNotes } from './flow/notes.js'
import type { MeasureStop } from './flow/cursor.js'
import type { PhrasingHandler } from './inline/collect.js'
import type { Align } from './inline/set-lines.js'
import type { TextStyle, Theme } from './theme.js'
import type { TypesetReport } from './report.js'

/** Where the next block goes, in points from the page top. `gap` is collapsible space still owed. */
export interface Cursor {
  y: number
  top: number
  bottom: number
  gap: number
}

/** The column text is set in: lists and quotes narrow it. */
export interface Frame {
  x: number
  width: number
}

/** A mark that follows its block across pages (a quote's rule): drawn one page slice at a time. */
export interface Decoration {
  start: number
  draw(top: number, bottom: number): void
}

export interface PlacedHeading {
  depth: number
  title: string
  id?: string
  page: number
  y: number
}

/** A contents entry whose page number is written once the body is laid out. */
export interface PendingNumber {
  id: string
  page: number
  /** Where the entry's text ends and where its number must end, on the entry's last baseline. */
  after: number
  right: number
  /** Right to left: `after` is the text's left end, `right` the left edge the number starts from. */
  rtl?: boolean
  baseline: number
  tag: Tag
  style: TextStyle
}

export type BlockHandler = (state: State, node: Element, parent: Parents | undefined) => void

export interface Handlers {
  block: Record<string, BlockHandler>
  phrasing: Record<string, PhrasingHandler>
  /**
   * For blocks that split across pages only after their start (a code block's first lines, a table's
   * header and first row): the height that start needs (keep/starts.ts).
   */
  start: Record<string, (state: State, node: Element) => number | undefined>
  /** Unknown block element: its content still reaches the page. */
  blockFallback: BlockHandler
  /** Unknown inline element: its text, in the surrounding style. */
  phrasingFallback: PhrasingHandler
}

/**
 * The scope a block is laid out in: set by the blocks around it (a list's indent, a quote's colour, a
 * centred `div`), one value replaced as a whole by `within` and put back on every exit, so no block
 * can leave its settings to the next.
 */
export interface Scope {
  /** The column text is set in: lists and quotes narrow it. */
  readonly frame: Frame
  /** The text style blocks inherit here (a quote's colour, the footnotes' size). */
  readonly text: TextStyle
  /** Text alignment set by an enclosing block's `align-*` class (`<p align="center">`), else the theme's. */
  readonly align?: Align | undefined
  /** How many lists enclose the current block (bullets change with depth). */
  readonly listDepth: number
  /** Justified paragraphs here are set ragged right: a tight list one of whose items could not be justified (`list_ragged_whole`). */
  readonly ragged?: boolean
}

/**
 * Where the layout stands on the page: the cursor and what waits for the next box placed. A dry run
 * (`measure`) works on a copy and puts the whole back.
 */
export interface Flow {
  cursor: Cursor
  /** Marks that follow their block across pages (a quote's rule). */
  decorations: Decoration[]
  /** A list marker waiting for the first baseline of its item. */
  marker: ((baseline: number) => void) | undefined
  /** While measuring with a cap: where the measurement stops (see `measure`). */
  stop?: MeasureStop | undefined
  /** How many boxes `place` has set: a block that set none drew nothing (an empty list item). */
  placed: number
}

/**
 * One document's layout: what the whole document shares (read-only, or filled as it goes: headings,
 * notes, page numbers), where it stands (`flow`) and the scope of the current block (`scope`). Built
 * once per render, never shared between renders.
 */
export interface State {
  readonly article: Article
  readonly theme: Theme
  readonly fonts: FontSet
  readonly ink: Ink
  readonly labels: Labels
  readonly handlers: Handlers
  /** Ids in the tree: only these may be the target of an internal link. */
  readonly ids: ReadonlySet<string>
  /** The page's full text column. */
  readonly column: Frame
  /** Adds soft hyphens to plain words in the article's language; absent without patterns. */
  readonly hyphenate: ((text: string) => string) | undefined
  /** The article's language and direction: fallback fonts, line order and the side text aligns to. */
  readonly lang: string
  readonly direction: 'ltr' | 'rtl'
  readonly headings: PlacedHeading[]
  readonly pendingNumbers: PendingNumber[]
  /** Characters no font has (drawn as U+FFFD), for one warning. */
  readonly missing: Set<string>
  /** Footnotes waiting for, or placed at, the foot of the current page. */
  readonly notes: FootNotes
  /** What the setting looks like, counted as it is drawn (scripts/typeset-check.ts); absent: nothing counted. */
  readonly report?: TypesetReport | undefined
  flow: Flow
  scope: Scope
}

/** Run `inner` in a scope changed by `patch`; the enclosing scope comes back however `inner` ends. */
export function within<T>(state: State, patch: Partial<Scope>, inner: () => T): T {
  const saved = state.scope
  state.scope = { ...saved, ...patch }
  try {
    return inner()
  } finally {
    state.scope = saved
  }
}

/** Elements that place the named destination for their id themselves, at their first line. */
const SELF_ANCHORED = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'p', 'dt', 'summary', 'caption', 'figcaption'])

/** Dispatch one block-level node; an id becomes a named destination where the block starts. */
export function one(state: State, node: ElementContent, parent: Parents | undefined): void {
  if (node.type !== 'element') return
  const id = node.properties.id
  if (typeof id === 'string' && id !== '' && !SELF_ANCHORED.has(node.tagName)) {
    const { y, top, gap } = state.flow.cursor
    state.ink.destination(id, y > top ? y + gap : y)
  }
  const handler = state.handlers.block[node.tagName] ?? state.handlers.blockFallback
  const align = alignOf(node)
  if (align === undefined || align === state.scope.align) return handler(state, node, parent)
  within(state, { align }, () => handler(state, node, parent))
}

const ALIGNMENTS: Record<string, Align> = {
  'align-left': 'left',
  'align-center': 'center',
  'align-right': 'right',
  'align-justify': 'justify'
}

/** The alignment an element's `align-*` class asks for (transforms/presentational.ts makes them from `align`). */
export function alignOf(node: Element): Align | undefined {
  const classes = node.properties.className
  if (!Array.isArray(classes)) return undefined
  for (const name of classes) if (typeof name === 'string' && ALIGNMENTS[name]) return ALIGNMENTS[name]
  return undefined
}

export function isPhrasing(state: State, node: ElementContent): boolean {
  return node.type === 'text' || (node.type === 'element' && node.tagName in state.handlers.phrasing)
}

/**
 * Lay out a parent's children as blocks. Consecutive inline content (text and phrasing elements,
 * as in a tight list item or a `div` with bare text) becomes one anonymous paragraph: no margins of
 * its own, as in HTML.
 */
export function all(state: State, parent: Element | Parents): void {
  let inline: ElementContent[] = []
  const flush = () => {
    if (inline.some((node) => node.type !== 'text' || node.value.trim() !== '')) {
      one(state, anonymousParagraph(inline), parent)
    }
    inline = []
  }
  for (const child of parent.children as ElementContent[]) {
    if (isPhrasing(state, child)) inline.push(child)
    else if (child.type === 'element') {
      flush()
      one(state, child, parent)
    }
  }
  flush()
}

/** Inline content gathered into a paragraph of its own (see `all`). */
export function anonymousParagraph(children: ElementContent[]): Element {
  return { type: 'element', tagName: 'p', properties: { dataAnonymous: true }, children }
}

/** Whether an element has a class. */
export function hasClass(node: Element, name: string): boolean {
  return Array.isArray(node.properties.className) && node.properties.className.includes(name)
}

/** The next sibling element that is not white space, for keep-with-next. */
export function nextBlock(parent: Parents | undefined, node: Element): Element | undefined {
  if (!parent) return undefined
  const siblings = parent.children
  // An anonymous paragraph (inline content gathered by `all`) is not among the children: its last piece is.
  const at = siblings.indexOf((node.properties.dataAnonymous ? node.children[node.children.length - 1] : node) as never)
  if (at < 0) return undefined
  for (let index = at + 1; index < siblings.length; index += 1) {
    const sibling = siblings[index]
    // An anchor alone (`<a id="setup"></a>`) or an empty block draws nothing: the next block is after it.
    if (sibling?.type === 'element' && drawsNothing(sibling)) continue
    if (sibling?.type === 'element') return sibling
    if (sibling?.type === 'text' && sibling.value.trim() !== '') return undefined
  }
  return undefined
}

// Elements that show something though they hold no text.
const VISIBLE = new Set([
  'img',
  'svg',
  'picture',
  'video',
  'audio',
  'iframe',
  'object',
  'embed',
  'canvas',
  'input',
  'hr',
  'math',
  'table',
  'pre',
  'ul',
  'ol',
  'dl',
  'li',
  'br'
])

/** An element with no text and nothing visible inside it: an anchor, an empty `div`. */
function drawsNothing(node: Element): boolean {
  if (VISIBLE.has(node.tagName)) return false
  return node.children.every((child) =>
    child.type === 'text' ? child.value.trim() === '' : child.type === 'element' ? drawsNothing(child) : true
  )
}

/** Run `inner` with a changed inherited text style. */
export function withText(state: State, patch: Partial<TextStyle>, inner: () => void): void {
  within(state, { text: { ...state.scope.text, ...patch } }, inner)
}

/** The registered font key of a text style. */
export function fontOf(state: State, style: { family: string; bold: boolean; italic: boolean }): string {
  return state.fonts.key(style.family, style.bold, style.italic)
}

/** A warning on the article's file, once: rendering the same article again adds no duplicate. */
export function warn(file: Article['file'], reason: string, options: { ruleId: string; place?: Element['position'] }): void {
  if (file.messages.some((message) => message.reason === reason && message.ruleId === options.ruleId)) return
  file.message(reason, { ...options, source: 'quire' })
}
