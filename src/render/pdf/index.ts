import type { Article } from '../../article/article.js'
import type { Text } from 'hast'
import type { Position } from 'unist'
import { EXIT, visit } from 'unist-util-visit'
import { labelsFor } from '../../common/i18n.js'
import type { RenderContext } from '../context.js'
import { FontSet } from './fonts/font-set.js'
import { contents, titleBlock } from './convert/front.js'
import { handlers } from './convert/index.js'
import { scriptOf } from './inline/bidi.js'
import { hyphenatorFor } from './inline/hyphenate.js'
import { Ink, type Margins } from './ink/ink.js'
import { FootNotes } from './flow/notes.js'
import { newPage } from './flow/cursor.js'
import { finish } from './flow/running.js'
import { all, warn, type State } from './state.js'
import { loadTheme, type Theme } from './theme.js'
import { xmpOf } from './ink/xmp.js'
import { loadMath } from './math/load.js'

const PAGE_SIZES: Record<string, string> = { a4: 'A4', a5: 'A5', letter: 'LETTER', legal: 'LEGAL' }

const fontSets = new WeakMap<Theme, FontSet>()

/**
 * Lay out an article as a tagged PDF: title block, optional contents, the body from `article.tree`,
 * then running header and footer, contents page numbers and the outline. Byte-identical for the same
 * article: every date comes from `article.timestamp`.
 */
export async function renderPdf(article: Article, context: RenderContext): Promise<Buffer> {
  const { theme, fonts, size, margins } = setUp(article, context)
  await loadMath(article.tree)
  const ink = new Ink({ size, margins, lang: article.meta.lang, info: infoOf(article), xmp: xmpOf(article), fonts })
  const state: State = {
    article,
    theme,
    fonts,
    ink,
    labels: labelsFor(article.meta.lang),
    handlers,
    ids: idsOf(article),
    flow: {
      cursor: { y: margins.top, top: margins.top, bottom: ink.height - margins.bottom, gap: 0 },
      decorations: [],
      marker: undefined,
      placed: 0
    },
    scope: { frame: { x: margins.left, width: ink.width - margins.left - margins.right }, text: theme.text([]), listDepth: 0 },
    column: { x: margins.left, width: ink.width - margins.left - margins.right },
    headings: [],
    pendingNumbers: [],
    missing: new Set(),
    lang: article.meta.lang,
    direction: article.meta.dir,
    notes: new FootNotes(article.tree, ink.height - margins.bottom),
    hyphenate: theme.bool('base', 'hyphenate') ? hyphenatorFor(article.meta.lang, theme.num('paragraph', 'hyphenate_min_word')) : undefined,
    report: context.report
  }
  titleBlock(state)
  if (article.meta.toc) contents(state)
  all(state, article.tree)
  // The last page's footnotes, and any carried past it.
  while (state.notes.waiting) newPage(state)
  state.notes.finishPage(state)
  finish(state, margins)
  if (context.report) context.report.pages += ink.pageCount
  missingGlyphs(article, state.missing)
  return ink.end()
}

/** The theme, its fonts (one set per theme, kept between renders), the page size and margins. */
export function setUp(article: Article, context: RenderContext): { theme: Theme; fonts: FontSet; size: string; margins: Margins } {
  const theme = loadTheme(context.templates, context.cwd)
  let fonts = fontSets.get(theme)
  if (!fonts) {
    fonts = new FontSet(theme)
    fontSets.set(theme, fonts)
  }
  const size = pageSize(article, context)
  // Margins may be set per page size (`page_a5_margin_left`), else for every size (`page_margin_left`).
  const scopes = [`page_${size.toLowerCase()}`, 'page']
  const margins: Margins = {
    top: theme.num(scopes, 'margin_top'),
    right: theme.num(scopes, 'margin_right'),
    bottom: theme.num(scopes, 'margin_bottom'),
    left: theme.num(scopes, 'margin_left')
  }
  return { theme, fonts, size, margins }
}

/** One warning per script that no font covers, at the first place one of its characters is used. */
export function missingGlyphs(article: Article, missing: ReadonlySet<string>): void {
  const byScript = new Map<string, string[]>()
  for (const char of missing) {
    const script = scriptOf(char)
    byScript.set(script, [...(byScript.get(script) ?? []), char])
  }
  for (const [script, chars] of byScript) {
    const list = chars.map((char) => `${char} U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`)
    const place = placeOf(article, chars)
    warn(
      article.file,
      `PDF: no font has ${list.slice(0, 8).join(', ')}${list.length > 8 ? ` and ${list.length - 8} more` : ''} (${script} script): drawn as � — install a font for it or name one in the theme's font_fallback`,
      { ruleId: 'pdf-missing-glyph', ...(place ? { place } : {}) }
    )
  }
}

/** Where the first of `chars` stands in the source, from the positions of the tree's text nodes. */
function placeOf(article: Article, chars: string[]): Position | undefined {
  let found: Position | undefined
  visit(article.tree, 'text', (node: Text) => {
    const index = Math.min(...chars.map((char) => node.value.indexOf(char)).filter((at) => at !== -1))
    if (!Number.isFinite(index) || !node.position) return true
    const before = node.value.slice(0, index)
    const lines = before.split('\n')
    const line = node.position.start.line + lines.length - 1
    const column = lines.length > 1 ? (lines[lines.length - 1] as string).length + 1 : node.position.start.column + index
    found = { start: { line, column }, end: { line, column: column + (chars[0] as string).length } }
    return EXIT
  })
  return found
}

/** Front matter `pageSize` first, then the build option; unknown names fall back with a warning. */
function pageSize(article: Article, context: RenderContext): string {
  const asked = article.meta.pageSize ?? context.pageSize
  const size = PAGE_SIZES[asked.toLowerCase()]
  if (size) return size
  warn(
    article.file,
    `PDF: unknown page size \`${asked}\`, expected A4, A5, Letter or Legal; using ${PAGE_SIZES[context.pageSize.toLowerCase()] ? context.pageSize : 'A4'}`,
    { ruleId: 'pdf-page-size' }
  )
  return PAGE_SIZES[context.pageSize.toLowerCase()] ?? 'A4'
}

export function infoOf(article: Article): Record<string, string | Date> {
  const { meta } = article
  const date = new Date(article.timestamp * 1000)
  const info: Record<string, string | Date> = { Title: meta.title, Creator: 'Quire', Producer: 'Quire', CreationDate: date, ModDate: date }
  if (meta.authors.length > 0) info.Author = meta.authors.join(', ')
  if (meta.description) info.Subject = meta.description
  if (meta.subjects.length > 0) info.Keywords = meta.subjects.join(', ')
  return info
}

/** Every id in the tree: internal links may only point at these. */
export function idsOf(article: Article): Set<string> {
  const ids = new Set<string>()
  const visit = (node: { type: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
    const id = node.properties?.id
    if (typeof id === 'string' && id !== '') ids.add(id)
    for (const child of (node.children ?? []) as (typeof node)[]) visit(child)
  }
  visit(article.tree as never)
  return ids
}
