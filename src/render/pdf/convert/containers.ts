import type { Element } from 'hast'
import { ensure, gap, indentedStart, measure, pageRoom } from '../flow/cursor.js'
import { all, withText, type BlockHandler, type State } from '../state.js'
import { textBlock } from './paragraph.js'

/** Grouping elements (div, section, figure, li outside a list…): their children, tagged `Div`. */
export const container: BlockHandler = (state, node) => {
  const tag = state.ink.open(node.tagName === 'section' || node.tagName === 'article' ? 'Sect' : 'Div')
  all(state, node)
  state.ink.close(tag)
}

/**
 * figure: its content; the image inside is the Figure, the caption a Caption. With a caption, on one
 * page when a page holds it: a caption is not parted from its image.
 */
export const figure: BlockHandler = (state, node) => {
  if (!state.ink.dry && node.children.some((child) => child.type === 'element' && child.tagName === 'figcaption')) {
    const height = measure(state, () => all(state, node), pageRoom(state))
    if (height <= pageRoom(state)) ensure(state, height)
  }
  all(state, node)
}

export const caption: BlockHandler = (state, node) => {
  styled(state, 'caption', () => textBlock(state, node.children, 'Caption', anchorOf(node), 'caption'))
}

/** details: always open on paper; the summary reads as a bold lead-in. */
export const details: BlockHandler = (state, node) => {
  const tag = state.ink.open('Div')
  all(state, node)
  state.ink.close(tag)
}

export const summary: BlockHandler = (state, node) => {
  styled(state, 'details_summary', () => textBlock(state, node.children, 'P', anchorOf(node)))
}

/** dl: terms bold, descriptions indented. */
export const term: BlockHandler = (state, node) => {
  styled(state, 'dt', () => textBlock(state, node.children, 'P', anchorOf(node)))
}

export const description: BlockHandler = (state, node) => {
  indentedStart(state, state.theme.num('list', 'indent'), () => all(state, node))
  gap(state, state.theme.num('list', 'item_spacing'))
}

/** Apply a scope's font style, size and colour (when the theme sets them) to the inherited text. */
function styled(state: State, scope: string, inner: () => void): void {
  const { theme } = state
  const fontStyle = theme.exact(scope, 'font_style')
  const size = theme.exact(scope, 'font_size')
  const color = theme.exact(scope, 'font_color')
  withText(
    state,
    {
      ...(typeof fontStyle === 'string' ? { bold: fontStyle.includes('bold'), italic: fontStyle.includes('italic') } : {}),
      ...(typeof size === 'number' ? { size } : {}),
      ...(typeof color === 'string' ? { color } : {})
    },
    inner
  )
}

function anchorOf(node: Element): string | undefined {
  return typeof node.properties.id === 'string' ? node.properties.id : undefined
}
