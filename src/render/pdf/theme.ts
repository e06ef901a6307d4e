import { readTheme, type FontFaces, type ThemeData, type Value } from './theme-file.js'

export type { FontFaces } from './theme-file.js'

export type FontStyle = 'normal' | 'bold' | 'italic' | 'bold_italic'

/** What a handler needs to set text: resolved from the theme, never written in a handler. */
export interface TextStyle {
  family: string
  bold: boolean
  italic: boolean
  size: number
  color: string
  /** Line height as a multiple of the font size. */
  lineHeight: number
}

/**
 * The PDF theme: flat keys as in asciidoctor-pdf's base theme. A lookup takes scopes from the specific
 * to the general and always ends at `base`: `num(['heading_h2', 'heading'], 'font_size')` tries
 * `heading_h2_font_size`, `heading_font_size`, then `base_font_size`.
 */
export class Theme {
  constructor(
    private readonly values: Record<string, Value>,
    readonly fonts: Record<string, FontFaces>,
    /** Folder the theme file lives in: relative font paths resolve against it. */
    readonly folder: string,
    /** Font files tried, in order, for characters the catalog lacks (`file.ttc#PostScriptName` picks a face). */
    readonly fallbackFiles: readonly string[] = []
  ) {}

  /** One key, no fallback: whether the theme sets it for this scope itself. */
  exact(scope: string, prop: string): Value | undefined {
    return this.values[`${scope}_${prop}`]
  }

  /** Answers by property, then by scopes (one scope, or several joined by spaces). */
  private readonly found = new Map<string, Map<string, Value | undefined>>()

  /** The first value found, or `undefined` (remembered: layout asks the same questions often). */
  find(scopes: string | readonly string[], prop: string): Value | undefined {
    const list = typeof scopes === 'string' ? [scopes] : scopes
    const scope = list.length === 1 ? (list[0] as string) : list.join(' ')
    let answers = this.found.get(prop)
    if (answers === undefined) {
      answers = new Map()
      this.found.set(prop, answers)
    } else if (answers.has(scope)) return answers.get(scope)
    let answer: Value | undefined
    for (const each of [...list, 'base']) {
      answer = this.values[`${each}_${prop}`]
      if (answer !== undefined) break
    }
    answers.set(scope, answer)
    return answer
  }

  // No inline defaults: the default theme (templates/pdf-theme.json) is the one source of every value,
  // and a user's theme extends it, so a key no scope sets is a fault of Quire's (test/theme.test.ts).
  num(scopes: string | readonly string[], prop: string): number {
    const value = this.find(scopes, prop)
    if (typeof value === 'number' && Number.isFinite(value)) return value
    throw new Error(`PDF theme: missing number ${[scopes].flat()[0]}_${prop}`)
  }

  str(scopes: string | readonly string[], prop: string): string {
    const value = this.find(scopes, prop)
    if (typeof value === 'string') return value
    throw new Error(`PDF theme: missing text ${[scopes].flat()[0]}_${prop}`)
  }

  bool(scopes: string | readonly string[], prop: string): boolean {
    const value = this.find(scopes, prop)
    if (typeof value === 'boolean') return value
    throw new Error(`PDF theme: missing true or false ${[scopes].flat()[0]}_${prop}`)
  }

  /** An optional colour: `undefined` when no scope sets one (e.g. no background). */
  color(scopes: string | readonly string[], prop: string): string | undefined {
    const value = this.find(scopes, prop)
    return typeof value === 'string' && value !== '' && value !== 'none' ? value : undefined
  }

  /** Text styles by scopes, made once: the same scopes give the same (frozen) object. */
  private readonly texts = new Map<string, TextStyle>()

  /** Font, size, colour and line height for text of these scopes. */
  text(scopes: string | readonly string[]): TextStyle {
    const key = typeof scopes === 'string' ? scopes : scopes.join(' ')
    let found = this.texts.get(key)
    if (found === undefined) {
      const style = this.str(scopes, 'font_style') as FontStyle
      found = Object.freeze({
        family: this.str(scopes, 'font_family'),
        bold: style === 'bold' || style === 'bold_italic',
        italic: style === 'italic' || style === 'bold_italic',
        size: this.num(scopes, 'font_size'),
        color: this.str(scopes, 'font_color'),
        lineHeight: this.num(scopes, 'line_height')
      })
      this.texts.set(key, found)
    }
    return found
  }
}

const built = new WeakMap<ThemeData, Theme>()

/**
 * The theme of a templates folder (its own `pdf-theme.json` merged over what it extends, down to
 * Quire's default; see theme-file.ts), made once per read. A theme with errors cannot be used: this
 * throws with the first, at its place (file names relative to `cwd`; the build reports them all
 * once, in the theme's file).
 */
export function loadTheme(templates: string, cwd?: string): Theme {
  const data = readTheme(templates, cwd)
  let theme = built.get(data)
  if (!theme) {
    const errors = data.messages.filter((message) => message.fatal)
    const first = errors[0]
    if (first)
      throw new Error(
        `the PDF theme has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}, the first at ${first.file}:${first.place.line}:${first.place.column}: ${first.reason}`
      )
    theme = new Theme(data.values, data.fonts, data.folder, data.fallbackFiles)
    built.set(data, theme)
  }
  return theme
}
