import type { State } from '../state.js'
import type { Run, RunStyle } from '../inline/collect.js'
import { breakLines, type Line } from '../inline/linebreak.js'
import { anchorsOf, closeLink, drawLine, type Align, type LinkState } from '../inline/set-lines.js'
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
  const lines = breakLines(state, runs, state.scope.frame.width, options.base, options.lineHeight, fit)
  const { x, width } = state.scope.frame
  const links: LinkState = { open: undefined }
  // Measuring needs the lines' places only: a dry line would draw nothing.
  const draw = state.ink.dry ? () => {} : (line: Line, top: number) => drawLine(state, line, x, top, width, options.align ?? 'start', links)
  flow(state, lines, draw, { ...options, anchors: anchorsOf })
  closeLink(state, links)
}
