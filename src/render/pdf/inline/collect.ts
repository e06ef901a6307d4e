import type { ElementContent, Element, Text } from 'hast'
import type { State } from '../state.js'
import type { TextStyle } from '../theme.js'
import type { Tag } from '../ink/ink.js'
import type { InkLinkTarget } from '../ink/types.js'
import { codeBreaks, identifierBreaks, urlBreaks } from './urls.js'

/** Where a link goes: a URI, or a named destination in this document. One object per link element. */
export interface LinkTarget extends InkLinkTarget {
  /** The link's text, for the annotation's `Contents`. */
  label: string
  /** The open `Link` structure element while the link's text is being drawn. */
  tag?: Tag
}

/** How one stretch of inline text looks. */
export interface RunStyle {
  family: string
  bold: boolean
  italic: boolean
  size: number
  color: string
  /** Baseline shift in points, up is positive (superscript). */
  shift: number
  strike?: boolean
  underline?: boolean
  /** Tint behind the text (inline code, mark). */
  background?: string
  /** Frame around the text (kbd). */
  border?: string
  /** Room inside a tint or frame, left and right of the text, in points. */
  inset?: number
  /** Corner radius of the tint or frame, and the frame's line width. */
  radius?: number
  borderWidth?: number
  link?: LinkTarget
  /** Keep spaces and line feeds as written (pre). */
  preserve?: boolean
  /** A heading's text: code in it is set as the heading, in the code's face. */
  heading?: boolean
  /** Inline code: its spaces are the code's, never stretched, and it breaks by the code's rules. */
  code?: boolean
  /** Words may break at hyphenation points (running text, not code, links or headings). */
  hyphens?: boolean
}

/** Something drawn in a line of text (a small image, a formula or a piece of one): sits on the baseline. */
export interface InlineBox {
  width: number
  height: number
  draw(x: number, top: number): void
  /**
   * A piece of a formula: a line breaks beside it only at a space, as TeX breaks around math, or
   * after it where the formula goes on and may break there, at the cost `breakAfter` (TeX's
   * `\relpenalty`, `\binoppenalty`). In a justified line the gap after it may widen by `stretch` points.
   */
  formula?: { breakAfter?: number; stretch?: number }
}

/** Styled text; `anchor` runs are empty and mark where an element with an id starts; `box` runs hold one object. */
export interface Run {
  text: string
  style: RunStyle
  anchor?: string
  box?: InlineBox
}

export type PhrasingHandler = (collector: InlineCollector, node: Element) => void

export function baseRunStyle(text: TextStyle, hyphens?: boolean): RunStyle {
  // One object per text style (the theme's are made once): measuring and drawing a block then key
  // its line breaks with the same style, whose key is made once (measure.ts).
  let known = baseStyles.get(text)
  if (!known) baseStyles.set(text, (known = new Map()))
  let style = known.get(hyphens)
  if (!style) {
    style = Object.freeze({
      family: text.family,
      bold: text.bold,
      italic: text.italic,
      size: text.size,
      color: text.color,
      shift: 0,
      ...(hyphens === undefined ? {} : { hyphens })
    })
    known.set(hyphens, style)
  }
  return style
}
const baseStyles = new WeakMap<TextStyle, Map<boolean | undefined, RunStyle>>()

/**
 * Walks phrasing content into runs. Handlers change the style for their children (`with`) and add
 * text (`text`); white space collapses as in HTML unless the style preserves it.
 */
export class InlineCollector {
  readonly runs: Run[] = []
  style: RunStyle
  private spaced = true
  private standing = false

  constructor(
    readonly state: State,
    base: RunStyle
  ) {
    this.style = base
  }

  with(patch: Partial<RunStyle>, inner: () => void): void {
    const saved = this.style
    this.style = { ...saved, ...patch }
    inner()
    this.style = saved
  }

  all(node: Element): void {
    for (const child of node.children) this.one(child)
  }

  one(node: ElementContent): void {
    if (node.type === 'text') this.text((node as Text).value)
    else if (node.type === 'element') {
      const id = node.properties.id
      if (typeof id === 'string' && id !== '') this.runs.push({ text: '', style: this.style, anchor: id })
      ;(this.state.handlers.phrasing[node.tagName] ?? this.state.handlers.phrasingFallback)(this, node)
    }
  }

  /**
   * Text standing in for an image (its alt text): set apart from a stand-in right before it, as the
   * images would be (a row of badges written without spaces).
   */
  standIn(value: string): void {
    if (this.standing && !this.spaced) this.text(' ')
    this.text(value)
    this.standing = true
  }

  text(value: string): void {
    this.standing = false
    let text = value
    if (!this.style.preserve) {
      text = text.replace(/[ \t\n\r\f]+/g, ' ')
      if (this.spaced && text.startsWith(' ')) text = text.slice(1)
      if (text === '') return
      this.spaced = text.endsWith(' ')
    } else {
      this.spaced = false
    }
    if (this.style.hyphens && !this.style.link && !this.style.preserve && this.state.hyphenate) text = this.state.hyphenate(text)
    // After hyphenation, which leaves URLs whole: then they get their own break points, as code does.
    if (this.style.code && !this.style.preserve) text = codeBreaks(text)
    else if (!this.style.preserve) text = identifierBreaks(urlBreaks(text))
    const last = this.runs[this.runs.length - 1]
    if (last && !last.anchor && !last.box && last.style === this.style) last.text += text
    else this.runs.push({ text, style: this.style })
  }

  /** An object in the line (U+FFFC stands for it in the text the line breaker sees). */
  box(box: InlineBox): void {
    this.runs.push({ text: '\uFFFC', style: this.style, box })
    this.spaced = false
    this.standing = false
  }

  /** A forced line break (`br`): spaces around it go. */
  lineBreak(): void {
    this.trimEnd()
    this.runs.push({ text: '\n', style: this.style })
    this.spaced = true
  }

  /** The runs with trailing white space removed; empty when there is nothing to read. */
  finish(): Run[] {
    this.trimEnd()
    return this.runs.some((run) => run.text.trim() !== '' || run.anchor || run.box) ? this.runs : []
  }

  private trimEnd(): void {
    for (let index = this.runs.length - 1; index >= 0; index -= 1) {
      const run = this.runs[index] as Run
      if (run.anchor) continue
      if (run.style.preserve || run.box) return
      run.text = run.text.replace(/ +$/, '')
      if (run.text !== '') return
      this.runs.splice(index, 1)
    }
  }
}

/** Inline content of `nodes` as runs in the current (or a given) text style. */
export function runsOf(state: State, nodes: ElementContent[], style: RunStyle = baseRunStyle(state.scope.text)): Run[] {
  const collector = new InlineCollector(state, style)
  for (const node of nodes) collector.one(node)
  return collector.finish()
}
