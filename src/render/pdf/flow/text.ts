import type { State } from '../state.js'
import type { Run, RunStyle } from '../inline/collect.js'
import { breakLines, type Line } from '../inline/linebreak.js'
import { anchorsOf, closeLink, drawLine, gapes, type Align, type LinkState } from '../inline/set-lines.js'
import { flow } from './cursor.js'

export interface TextBlockOptions {
  /** Line height as a multiple of font size. */
  lineHeight: number
  /** Style of the block's own text: sets the smallest line box. */
  base: RunStyle
  align?: Align
  orphans?: number
  widows?: number
  /** Height that must follow the last line on its page (a display formula after the paragraph). */
  after?: number
}

/** Break runs into lines at the frame's width and place them, page by page, at the cursor. */
export function flowText(state: State, runs: Run[], options: TextBlockOptions): void {
  const { theme } = state
  const fit =
    options.align === 'justify'
      ? {
          stretch: theme.num('paragraph', 'space_stretch'),
          flex: theme.num('paragraph', 'cjk_stretch'),
          cluster: theme.num('paragraph', 'max_cluster_stretch'),
          shrink: theme.num('paragraph', 'space_shrink'),
          hyphenPenalty: theme.num('paragraph', 'hyphen_penalty'),
          doubleHyphenDemerits: theme.num('paragraph', 'double_hyphen_demerits'),
          maxHyphenatedLines: theme.num('paragraph', 'max_hyphenated_lines')
        }
      : undefined
  const { x, width } = state.scope.frame
  let lines = breakLines(state, runs, width, options.base, options.lineHeight, fit)
  let align = options.align ?? 'start'
  // A paragraph that cannot be justified without a line gaping (a few words beside a long URL or a
  // run of code) is set ragged right as a whole, its breaks chosen for an even rag.
  const maxGap = theme.num('paragraph', 'justify_max_gap')
  if (fit && maxGap > 0 && !state.scope.ragged && anyGapes(state, lines, width)) {
    // First the breaks again, with every line that would gape ruled out, its letters spaced as far as the theme lets them.
    lines = breakLines(state, runs, width, options.base, options.lineHeight, {
      ...fit,
      maxGap,
      letter: theme.num('paragraph', 'max_letter_stretch')
    })
  }
  if (fit && maxGap > 0 && (state.scope.ragged || lines.length === 0 || anyGapes(state, lines, width))) {
    fallbacks.set(state.ink, (fallbacks.get(state.ink) ?? 0) + 1)
    // A ragged line need not be full: a hyphen costs what a line some 1.7 × the rag short costs.
    const ragged = {
      ...fit,
      ragged: theme.num('paragraph', 'ragged_stretch') * options.base.size,
      hyphenPenalty: theme.num('paragraph', 'ragged_hyphen_penalty')
    }
    lines = breakLines(state, runs, width, options.base, options.lineHeight, ragged)
    align = 'start'
    // Counted from two lines: a paragraph of one line looks the same either way.
    if (state.report && !state.ink.dry && lines.length > 1)
      state.report.raggedParagraphs.push(`${lines.length} lines: ${lines.map(plainText).join(' ').slice(0, 80)}`)
  }
  if (fit && state.report && !state.ink.dry && lines.length > 1) state.report.justifiedParagraphs += 1
  const links: LinkState = { open: undefined }
  // Measuring needs the lines' places only: a dry line would draw nothing.
  const draw = state.ink.dry ? () => {} : (line: Line, top: number) => drawLine(state, line, x, top, width, align, links)
  flow(state, lines, draw, { ...options, anchors: anchorsOf })
  closeLink(state, links)
}

function plainText(line: Line): string {
  return line.segments.map((segment) => (segment.anchor ? '' : segment.text.replace(/[\u00AD\u200B]/g, ''))).join('')
}

/** How many justified paragraphs a document (its Ink) has set ragged right so far, measuring included. */
const fallbacks = new WeakMap<object, number>()

export function raggedParagraphs(state: State): number {
  return fallbacks.get(state.ink) ?? 0
}

/**
 * Whether a line of `lines` would gape (`gapes`), asked once per lines: a paragraph measured before it
 * is drawn gets the same lines back from `breakLines`.
 */
function anyGapes(state: State, lines: Line[], width: number): boolean {
  let found = gaping.get(lines)
  if (found === undefined) gaping.set(lines, (found = lines.some((line) => gapes(state, line, width))))
  return found
}
const gaping = new WeakMap<Line[], boolean>()
