import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { DEFAULT_TEMPLATES } from '../../common/options.js'

/** A font file for each face of one family, as named in the theme's `font_catalog`. */
export interface FontFaces {
  normal: string
  bold: string
  italic: string
  bold_italic: string
}

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

type Value = string | number | boolean

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

const cache = new Map<string, Theme>()

/** The theme in the templates folder, else Quire's own; parsed once per file. */
export function loadTheme(templates: string): Theme {
  const own = path.join(templates, 'pdf-theme.json')
  const file = existsSync(own) ? own : path.join(DEFAULT_TEMPLATES, 'pdf-theme.json')
  let theme = cache.get(file)
  if (!theme) {
    theme = parseTheme(readFileSync(file, 'utf8'), file)
    cache.set(file, theme)
  }
  return theme
}

export function parseTheme(json: string, file: string): Theme {
  const raw = JSON.parse(json) as Record<string, unknown>
  const values: Record<string, Value> = {}
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = value
  }
  const catalog = (raw.font_catalog ?? {}) as Record<string, Partial<FontFaces>>
  const fonts: Record<string, FontFaces> = {}
  for (const [family, faces] of Object.entries(catalog)) {
    const normal = faces.normal
    if (typeof normal !== 'string') throw new Error(`PDF theme ${file}: font_catalog.${family}.normal is required`)
    const bold = faces.bold ?? normal
    const italic = faces.italic ?? normal
    fonts[family] = { normal, bold, italic, bold_italic: faces.bold_italic ?? bold }
  }
  const fallback = raw.font_fallback ?? []
  if (!Array.isArray(fallback) || fallback.some((entry) => typeof entry !== 'string')) throw new Error(`PDF theme ${file}: font_fallback must be a list of font files`)
  return new Theme(values, fonts, path.dirname(file), fallback as string[])
}
