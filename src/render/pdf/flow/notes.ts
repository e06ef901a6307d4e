import type { Element, Root, RootContent } from 'hast'
import { one, type State } from '../state.js'
import { measure } from './cursor.js'

/** A GFM footnote: its list item (id `fn-…`, back link inside) and the number the reader sees. */
interface Note {
  item: Element
  number: number
}

/**
 * Footnotes at the foot of the page that references them, above the footer, under a short rule. A
 * line holding a reference reserves its note's height there, so the body on that page gets shorter;
 * when line and note do not fit together, the line goes to the next page with its note (notes are
 * never split). A note that still finds no room where it is referenced (several tall notes on one
 * line, a reference in a table row) goes to the foot of the next page; a note taller than
 * `footnotes_max_height_ratio` of the page stays an endnote, after the body.
 */
export class FootNotes {
  private readonly byRef = new Map<string, Note>()
  private readonly all: Note[] = []
  private readonly heights = new Map<Note, number>()
  private readonly drawn = new Set<Note>()
  private page: Note[] = []
  private carry: Note[] = []
  /** While the notes of a page are drawn: references there reserve nothing. */
  private drawing = false

  /** `bottom`: where the body ends on a page without notes. */
  constructor(
    tree: Root,
    readonly bottom: number
  ) {
    const items = new Map<string, Note>()
    const visit = (node: Root | RootContent, inNotes: boolean) => {
      if (node.type !== 'root' && node.type !== 'element') return
      if (node.type === 'element') {
        const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : []
        if (node.tagName === 'section' && classes.includes('footnotes')) {
          const list = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'ol')
          const start = Number.parseInt(String(list?.properties.start ?? '1'), 10) || 1
          for (const item of list?.children ?? []) {
            if (item.type !== 'element' || item.tagName !== 'li' || typeof item.properties.id !== 'string') continue
            const note = { item, number: start + this.all.length }
            this.all.push(note)
            items.set(item.properties.id, note)
          }
          return
        }
        const href = node.properties.href
        if (
          !inNotes &&
          node.tagName === 'a' &&
          node.properties.dataFootnoteRef !== undefined &&
          typeof node.properties.id === 'string' &&
          typeof href === 'string' &&
          href.startsWith('#')
        ) {
          refs.push([node.properties.id, href.slice(1)])
        }
      }
      for (const child of node.children) visit(child, inNotes)
    }
    const refs: [string, string][] = []
    visit(tree, false)
    for (const [ref, target] of refs) {
      const note = items.get(target)
      if (note) this.byRef.set(ref, note)
    }
  }

  get active(): boolean {
    return this.byRef.size > 0
  }

  /** Notes that `anchors` (ids in a line) reference and that no page has taken yet, beyond `taken`. */
  fresh(state: State, anchors: readonly string[], taken: readonly unknown[] = []): unknown[] {
    if (this.drawing || state.ink.dry || anchors.length === 0) return []
    const found: Note[] = []
    for (const anchor of anchors) {
      const note = this.byRef.get(anchor)
      if (
        !note ||
        found.includes(note) ||
        taken.includes(note) ||
        this.drawn.has(note) ||
        this.page.includes(note) ||
        this.carry.includes(note) ||
        this.tall(state, note)
      )
        continue
      found.push(note)
    }
    return found
  }

  /** How much more of this page the notes' area takes with `more` notes added. */
  extra(state: State, more: readonly unknown[]): number {
    if (more.length === 0) return 0
    return this.area(state, [...this.page, ...(more as Note[])]) - this.area(state, this.page)
  }

  /**
   * Take the notes `anchors` reference onto this page when they fit under `contentBottom` (the end of
   * what is drawn so far), else onto the next; the body's bottom moves up by the notes' area.
   */
  reserve(state: State, anchors: readonly string[], contentBottom: number): void {
    for (const note of this.fresh(state, anchors) as Note[]) {
      if (this.carry.length === 0 && this.bottom - this.area(state, [...this.page, note]) >= contentBottom - 0.001) this.page.push(note)
      else this.carry.push(note)
    }
    state.flow.cursor.bottom = this.bottom - this.area(state, this.page)
  }

  /** Notes carried over wait for the next page. */
  get waiting(): boolean {
    return this.carry.length > 0
  }

  /** A new page: carried notes go to its foot first (at least one, however tall). */
  startPage(state: State): void {
    this.page = []
    while (this.carry.length > 0) {
      const next = this.carry[0] as Note
      if (
        this.page.length > 0 &&
        this.bottom - this.area(state, [...this.page, next]) <
          state.flow.cursor.top + state.scope.text.size * state.scope.text.lineHeight * 2
      )
        break
      this.page.push(next)
      this.carry.shift()
    }
    state.flow.cursor.bottom = this.bottom - this.area(state, this.page)
  }

  /** Draw this page's notes at its foot, each tagged Note, after the page's body text. */
  finishPage(state: State): void {
    if (this.page.length === 0 || state.ink.dry) return
    const notes = this.page
    this.page = []
    const { theme, ink } = state
    const top = this.bottom - this.area(state, notes)
    const ruleWidth = theme.num('footnotes', 'rule_width')
    this.inNoteContext(state, () => {
      const y = top + theme.num('footnotes', 'separator_margin_top') + ruleWidth / 2
      // The rule starts where the lines do: at the right margin in a right-to-left article.
      const length = state.column.width * theme.num('footnotes', 'rule_length')
      const start = state.direction === 'rtl' ? state.column.x + state.column.width - length : state.column.x
      ink.line(start, y, start + length, y, theme.str('footnotes', 'rule_color'), ruleWidth)
      let next = top + this.head(state)
      notes.forEach((note, index) => {
        if (index > 0) next += theme.num('footnotes', 'item_spacing')
        state.flow.cursor = { y: next, top: next, bottom: Number.POSITIVE_INFINITY, gap: 0 }
        ink.aside('Note', () => this.drawNote(state, note))
        next += this.height(state, note)
        this.drawn.add(note)
      })
    })
    state.flow.cursor.bottom = this.bottom
  }

  /** Notes no page foot took: the tall ones, and any whose reference was never drawn. */
  endnotes(): Element[] {
    return this.all.filter((note) => !this.drawn.has(note) && !this.page.includes(note) && !this.carry.includes(note)).map(listOf)
  }

  private tall(state: State, note: Note): boolean {
    return this.height(state, note) > (this.bottom - state.flow.cursor.top) * state.theme.num('footnotes', 'max_height_ratio')
  }

  private height(state: State, note: Note): number {
    let height = this.heights.get(note)
    if (height === undefined) {
      height = 0
      this.inNoteContext(state, () => {
        height = measure(state, () => this.drawNote(state, note))
      })
      this.heights.set(note, height)
    }
    return height
  }

  /** Space above the first note: gap, rule, gap. */
  private head(state: State): number {
    const { theme } = state
    return (
      theme.num('footnotes', 'separator_margin_top') +
      theme.num('footnotes', 'rule_width') +
      theme.num('footnotes', 'separator_margin_bottom')
    )
  }

  private area(state: State, notes: readonly Note[]): number {
    if (notes.length === 0) return 0
    const spacing = state.theme.num('footnotes', 'item_spacing') * (notes.length - 1)
    return this.head(state) + spacing + notes.reduce((total, note) => total + this.height(state, note), 0)
  }

  private drawNote(state: State, note: Note): void {
    one(state, listOf(note), undefined)
  }

  /**
   * The full column, the notes' type, no list, quote or alignment around: as on any page foot,
   * whatever block the page broke in. The flow and the scope are put back whole.
   */
  private inNoteContext(state: State, inner: () => void): void {
    const { flow, scope } = state
    state.flow = { cursor: { ...flow.cursor }, decorations: [], marker: undefined, stop: flow.stop, placed: flow.placed }
    state.scope = { frame: state.column, text: state.theme.text(['footnotes']), listDepth: 0 }
    this.drawing = true
    try {
      inner()
    } finally {
      this.drawing = false
      state.flow = flow
      state.scope = scope
    }
  }
}

/** A note is set as a one-item numbered list: its number hangs, its id is the destination. */
function listOf(note: Note): Element {
  return { type: 'element', tagName: 'ol', properties: { start: note.number }, children: [note.item] }
}
