import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Point } from 'unist'
import { z } from 'zod'
import { DEFAULT_TEMPLATES } from '../../common/options.js'
import { describeIssue, positioned, type Positioned } from '../../common/validate.js'

// Reading the PDF theme: a user's pdf-theme.json extends Quire's own (templates/pdf-theme.json, the
// one source of every key the code reads) and sets only what it changes. Each file is validated
// against the keys of the default, with messages positioned in the file.

export const THEME_FILE = 'pdf-theme.json'
/** Quire's own theme: every key the code reads, and the base every other theme extends. */
export const DEFAULT_THEME = path.join(DEFAULT_TEMPLATES, THEME_FILE)

export type Value = string | number | boolean

/** A font file for each face of one family, as named in the theme's `font_catalog`. */
export interface FontFaces {
  normal: string
  bold: string
  italic: string
  bold_italic: string
}

/** A problem in a theme file, at a place in it. */
export interface ThemeMessage {
  /** The theme file, as messages show it (relative to the working folder when inside it). */
  file: string
  reason: string
  place: Point
  ruleId: string
  /** An error (the theme cannot be used: every PDF fails) or a warning. */
  fatal: boolean
}

/** A theme with everything it extends merged in. */
export interface ThemeData {
  /** Flat keys: the user's over each theme it extends, over Quire's default. */
  values: Record<string, Value>
  fonts: Record<string, FontFaces>
  fallbackFiles: string[]
  /** Folder of the first theme file: font paths it gives resolve against it. */
  folder: string
  /** The files read, the user's first, Quire's default last. */
  chain: string[]
  /** Files the theme depends on: the chain, and a file `extends` names that does not exist (yet). */
  watched: string[]
  messages: ThemeMessage[]
}

// ---------------------------------------------------------------------------------------------
// The schema: which keys a theme may set, and the type of each value.

const COLOUR = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|[a-z]+)$/i
const face = z.string().min(1)
const KINDS = {
  number: z.number(),
  boolean: z.boolean(),
  text: z.string(),
  colour: z.string().regex(COLOUR, { message: 'expected a colour: "#rrggbb", "#rgb", a CSS colour name, or "none"' }),
  font_style: z.enum(['normal', 'bold', 'italic', 'bold_italic']),
  align: z.enum(['start', 'left', 'center', 'right', 'justify']),
  decoration: z.enum(['none', 'underline']),
  /** What a table does that does not fit at its least size (`table_overflow`). */
  overflow: z.enum(['scale', 'break']),
  /** How a book's front matter is numbered (`page_front_matter_numerals`). */
  numerals: z.enum(['arabic', 'roman']),
  /** A family of the font catalogue: checked once the catalogues are merged. */
  family: z.string().min(1),
  files: z.array(face),
  catalog: z.record(
    z.string(),
    z.strictObject({ normal: face, bold: face.optional(), italic: face.optional(), bold_italic: face.optional() })
  ),
  extends: z.string().min(1)
} as const
type Kind = keyof typeof KINDS

/** The kind of a key, from its name and the type of its value in the default theme. */
function kindOf(key: string, sample: unknown): Kind {
  if (key === 'font_catalog') return 'catalog'
  if (key === 'font_fallback') return 'files'
  if (typeof sample === 'number') return 'number'
  if (typeof sample === 'boolean') return 'boolean'
  if (key.endsWith('_color')) return 'colour'
  if (key.endsWith('_font_style')) return 'font_style'
  if (key.endsWith('_text_align')) return 'align'
  if (key.endsWith('_text_decoration')) return 'decoration'
  if (key.endsWith('_overflow')) return 'overflow'
  if (key.endsWith('_numerals')) return 'numerals'
  if (key.endsWith('_font_family')) return 'family'
  return 'text'
}

/**
 * Scopes the code builds from names (`heading_${tag}`, `page_${size}`, `alert_${kind}`,
 * `syntax_${token}`) or reads before a more general one, with the scope a lookup tries next
 * (every lookup ends at `base`). A key of such a scope is known when a scope after it has the property.
 */
const SCOPES: [RegExp, string | undefined][] = [
  [/^heading_h[1-6]$/, 'heading'],
  [/^toc_heading$/, 'heading'],
  [/^page_(a4|a5|letter|legal)$/, 'page'],
  [/^alert_(note|tip|important|warning|caution)$/, 'alert'],
  [/^alert$/, 'blockquote'],
  [/^anonymous$/, 'paragraph'],
  [/^syntax_[\w-]+$/, undefined]
]

/** The keys of the default theme, and what a theme may set. */
export class ThemeSchema {
  private readonly scopes = new Set<string>()

  constructor(readonly defaults: Readonly<Record<string, unknown>>) {
    for (const key of Object.keys(defaults)) {
      const parts = key.split('_')
      for (let length = 1; length < parts.length; length++) this.scopes.add(parts.slice(0, length).join('_'))
    }
  }

  /**
   * The kind of a key a theme sets, or undefined for a key Quire never reads. Known: the keys of the
   * default theme; `<family>_font_fallback`; and `<scope>_<property>` for a scope of the default (or
   * one of SCOPES) when that scope's lookup reaches a key of the default with the property
   * (`code_margin_top`, as `base_margin_top` is one; `heading_h3_font_color`; `page_letter_margin_left`).
   */
  kind(key: string): Kind | undefined {
    if (key in this.defaults) return kindOf(key, this.defaults[key])
    if (key === 'extends') return 'extends'
    if (/^[\w-]+_font_fallback$/.test(key)) return 'text'
    for (let at = key.indexOf('_'); at > 0; at = key.indexOf('_', at + 1)) {
      const scope = key.slice(0, at)
      const property = key.slice(at + 1)
      if (!this.scopes.has(scope) && !SCOPES.some(([pattern]) => pattern.test(scope))) continue
      for (let next: string | undefined = scope; next !== undefined; next = SCOPES.find(([pattern]) => pattern.test(next as string))?.[1]) {
        const general = `${next}_${property}`
        if (general in this.defaults) return kindOf(general, this.defaults[general])
      }
      const base = `base_${property}`
      if (base in this.defaults) return kindOf(base, this.defaults[base])
    }
    return undefined
  }

  /** Keys of the default theme close to a misspelt one: a few edits away, else those of the same first scope. */
  near(key: string): string[] {
    const keys = Object.keys(this.defaults).filter((name) => !name.startsWith('$'))
    const most = Math.max(3, Math.floor(key.length / 4))
    const close = keys.map((name) => ({ name, distance: distance(key, name) })).filter((entry) => entry.distance <= most)
    if (close.length > 0)
      return close
        .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
        .slice(0, 3)
        .map((entry) => entry.name)
    const scope = key.split('_')[0] as string
    return keys.filter((name) => name.startsWith(`${scope}_`)).slice(0, 5)
  }

  /** The zod schema for a value of this kind. */
  static schema(kind: Kind): z.ZodType {
    return KINDS[kind]
  }
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    previous = current
  }
  return previous[b.length] as number
}

// ---------------------------------------------------------------------------------------------
// Reading a theme and what it extends.

/** One theme file, parsed and checked: its valid keys. */
interface Layer {
  file: string
  values: Record<string, unknown>
  /** Where its keys are, for messages found after the merge. */
  text: Positioned | undefined
  /** The theme it extends: `default`, or a path relative to it. */
  extends?: string
}

let schema: ThemeSchema | undefined
let defaultLayer: Layer | undefined

/** Quire's own theme, read once: it has every key, so it is not checked here (test/theme.test.ts checks it). */
function readDefault(): Layer {
  if (!defaultLayer) {
    const values = JSON.parse(readFileSync(DEFAULT_THEME, 'utf8')) as Record<string, unknown>
    defaultLayer = { file: DEFAULT_THEME, values: absoluteFonts(values, DEFAULT_THEME), text: undefined }
  }
  return defaultLayer
}

/** The schema of the default theme's keys. */
export function themeSchema(): ThemeSchema {
  return (schema ??= new ThemeSchema(readDefault().values))
}

/** The theme file of a templates folder: its own `pdf-theme.json`, else Quire's. */
export function themeFileOf(templates: string): string {
  const own = path.join(templates, THEME_FILE)
  return existsSync(own) ? path.resolve(own) : DEFAULT_THEME
}

const cache = new Map<string, { signature: string; data: ThemeData }>()

/** Size and modification time of each file: a theme is read again when one of its files changes (quire watch). */
function signatureOf(files: readonly string[]): string {
  return files
    .map((file) => {
      try {
        const stat = statSync(file)
        return `${stat.size}:${stat.mtimeMs}`
      } catch {
        return '-'
      }
    })
    .join(' ')
}

/**
 * The theme of a templates folder with everything it extends merged in, and the problems found, each
 * at its place in the file it is in (file names relative to `cwd`). Read once, and again when a file
 * of it changes.
 */
export function readTheme(templates: string, cwd = process.cwd()): ThemeData {
  const first = themeFileOf(templates)
  const key = `${cwd}\0${first}`
  const known = cache.get(key)
  if (known && known.signature === signatureOf(known.data.watched)) return known.data
  const data = read(first, cwd)
  cache.set(key, { signature: signatureOf(data.watched), data })
  return data
}

function read(first: string, cwd: string): ThemeData {
  const messages: ThemeMessage[] = []
  const shown = (file: string) => {
    const relative = path.relative(cwd, file)
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
  }
  const layers: Layer[] = []
  const chain: string[] = []
  const absent: string[] = []
  for (let file: string | undefined = first; file !== undefined;) {
    chain.push(file)
    if (file === DEFAULT_THEME) {
      layers.push(readDefault())
      break
    }
    const layer = readLayer(file, shown(file), messages)
    if (!layer) break
    layers.push(layer)
    const asked = layer.extends ?? 'default'
    const next: string = asked === 'default' ? DEFAULT_THEME : path.resolve(path.dirname(file), asked)
    const place = layer.text?.placeOf(['extends']) ?? { line: 1, column: 1 }
    if (chain.includes(next)) {
      messages.push({
        file: shown(file),
        reason: `The PDF theme's \`extends\` makes a cycle: ${[...chain, next].map(shown).join(' → ')}`,
        place,
        ruleId: 'theme-extends',
        fatal: true
      })
      break
    }
    if (!existsSync(next)) {
      absent.push(next)
      messages.push({
        file: shown(file),
        reason: `Cannot find the theme \`${asked}\` that \`extends\` names (${shown(next)})`,
        place,
        ruleId: 'theme-extends',
        fatal: true
      })
      break
    }
    file = next
  }
  // A broken chain (an error already) still ends at the default, so that later checks see its fonts.
  if (layers.at(-1)?.file !== DEFAULT_THEME) layers.push(readDefault())
  return { ...merge(layers, chain, messages, shown), watched: [...chain, ...absent] }
}

/** A theme file other than Quire's: parsed, checked; undefined when it cannot be read as a theme at all. */
function readLayer(file: string, shown: string, messages: ThemeMessage[]): Layer | undefined {
  const report = (reason: string, place: Point, ruleId: string, fatal = true) =>
    messages.push({ file: shown, reason, place, ruleId, fatal })
  let text: string
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    report(`Cannot read the PDF theme: ${error instanceof Error ? error.message : String(error)}`, { line: 1, column: 1 }, 'theme-json')
    return undefined
  }
  const located = positioned(text)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const offset = /at position (\d+)/.exec(reason)?.[1]
    const place =
      offset !== undefined
        ? located.at(Number(offset))
        : /end of JSON input/.test(reason)
          ? located.at(text.length)
          : located.doc.errors[0]
            ? located.at(located.doc.errors[0].pos[0])
            : { line: 1, column: 1 }
    report(`Invalid JSON in the PDF theme: ${reason.replace(/ in JSON at position \d+.*$/, '')}`, place, 'theme-json')
    return undefined
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    report('Invalid PDF theme: expected an object of keys, such as { "base_font_size": 11 }', { line: 1, column: 1 }, 'theme-json')
    return undefined
  }
  for (const error of located.doc.errors)
    if (/unique/.test(error.message)) report('Invalid PDF theme: a key is set twice', located.at(error.pos[0]), 'theme-json')

  const schema = themeSchema()
  const values: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key.startsWith('$')) continue
    const kind = schema.kind(key)
    if (kind === undefined) {
      const near = schema.near(key)
      report(
        `Unknown PDF theme key \`${key}\`: Quire reads no such key${near.length > 0 ? `; did you mean ${near.map((name) => `\`${name}\``).join(', ')}?` : ''}`,
        located.keyPlace(key),
        'theme-unknown',
        false
      )
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = value
      continue
    }
    const result = ThemeSchema.schema(kind).safeParse(value)
    if (result.success) values[key] = result.data
    else {
      const issue = result.error.issues[0] as z.core.$ZodIssue
      const where = [key, ...issue.path.map(String)].join('.')
      const missing = issue.code === 'invalid_type' && valueAt(value, issue.path) === undefined
      report(
        `Invalid PDF theme key \`${where}\`: ${missing ? 'missing (required)' : describeIssue(issue)}`,
        located.placeOf([key, ...issue.path]),
        'theme-type'
      )
    }
  }
  const asked = typeof values.extends === 'string' ? values.extends : undefined
  delete values.extends
  return { file, values: absoluteFonts(values, file), text: located, ...(asked !== undefined ? { extends: asked } : {}) }
}

function valueAt(value: unknown, at: readonly PropertyKey[]): unknown {
  let here = value
  for (const step of at) here = here !== null && typeof here === 'object' ? (here as Record<PropertyKey, unknown>)[step] : undefined
  return here
}

/**
 * Font paths a theme gives relative to its own folder, made absolute, so that a theme extending it
 * from another folder finds them (a bare file name is a DejaVu face; any other name not found
 * beside the theme is looked for in npm packages, as fonts/font-set.ts resolves it).
 */
function absoluteFonts(values: Record<string, unknown>, file: string): Record<string, unknown> {
  const folder = path.dirname(file)
  const absolute = (name: string) => {
    if (!name.includes('/') && !name.includes('\\')) return name
    if (path.isAbsolute(name)) return name
    const [fontFile, face] = name.split('#') as [string, string | undefined]
    const local = path.resolve(folder, fontFile)
    return existsSync(local) || name.startsWith('.') ? (face === undefined ? local : `${local}#${face}`) : name
  }
  const out = { ...values }
  if (out.font_catalog && typeof out.font_catalog === 'object') {
    out.font_catalog = Object.fromEntries(
      Object.entries(out.font_catalog as Record<string, Record<string, string>>).map(([family, faces]) => [
        family,
        Object.fromEntries(Object.entries(faces).map(([which, name]) => [which, absolute(name)]))
      ])
    )
  }
  if (Array.isArray(out.font_fallback)) out.font_fallback = (out.font_fallback as string[]).map(absolute)
  return out
}

/** The layers merged, the default first: keys the later set win; the font catalogue merges by family. */
function merge(layers: Layer[], chain: string[], messages: ThemeMessage[], shown: (file: string) => string): Omit<ThemeData, 'watched'> {
  const values: Record<string, Value> = {}
  const catalog: Record<string, Partial<FontFaces>> = {}
  let fallbackFiles: string[] = []
  for (const layer of [...layers].reverse()) {
    for (const [key, value] of Object.entries(layer.values)) {
      if (key.startsWith('$')) continue
      if (key === 'font_catalog') Object.assign(catalog, value)
      else if (key === 'font_fallback') fallbackFiles = value as string[]
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[key] = value
    }
  }
  const fonts: Record<string, FontFaces> = {}
  for (const [family, faces] of Object.entries(catalog)) {
    const normal = faces.normal as string
    const bold = faces.bold ?? normal
    fonts[family] = { normal, bold, italic: faces.italic ?? normal, bold_italic: faces.bold_italic ?? bold }
  }
  // A text style's family must be one of the catalogue, whichever file names it.
  for (const layer of layers) {
    if (!layer.text) continue
    for (const [key, value] of Object.entries(layer.values)) {
      if (themeSchema().kind(key) === 'family' && typeof value === 'string' && !(value in fonts)) {
        messages.push({
          file: shown(layer.file),
          reason: `Invalid PDF theme key \`${key}\`: no font family \`${value}\` in the font_catalog, expected one of ${Object.keys(fonts)
            .map((name) => `\`${name}\``)
            .join(', ')}`,
          place: layer.text.placeOf([key]),
          ruleId: 'theme-type',
          fatal: true
        })
      }
    }
  }
  return { values, fonts, fallbackFiles, folder: path.dirname(chain[0] as string), chain, messages }
}
